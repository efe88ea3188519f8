"""Every page of every role, on data that shows each page at its fullest: a referral in every
state, residents and companies waiting for verification, experience entries, model versions.

`build()` adds that data to the `world` fixture's and returns the ids; `pages(ids)` lists the pages
(GET) each account sees, and `error_forms(ids)` the forms sent back with errors (status 422).
The validity, weight and accessibility checks all walk these lists, and `test_inventory_is_complete`
fails when a new page appears in the app without being listed here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

# Endpoints that are not HTML pages: files and data downloads.
NOT_PAGES = {"static", "healthz", "seekers.data_export", "seekers.document", "staff.document", "employers.document",
             "letters.letter_pdf", "staff.export_seekers", "staff.export_vacancies",
             "staff.export_companies", "staff.export_requests", "vacancies.export_reviews",
             "duplicates.export", "staff.export_reminders", "admin.export_staff", "admin.export_kelurahan",
             "admin.export_audit_log", "admin.export_breaches", "admin.export_models", "employers.export_vacancies",
             "employers.export_referrals", "seekers.referral_calendar", "seekers.referral_letter",
             "reports.monthly_download", "reports.export_vacancies", "reports.export_hires", "reports.table",
             "tests_csrf_token"}  # the test client's CSRF token (tests/conftest.py), not a page


@dataclass(frozen=True)
class Page:
    role: str  # "anonymous", "seeker", "employer", "staff", "admin", "city"
    path: str
    name: str  # used in screenshot and report names
    main: bool = False  # a main page of its role: screenshots at both viewports
    status: int = 200


LOGINS = {
    "anonymous": None,
    "seeker": "warga@test.id",
    "employer": "hrd@test.id",
    "staff": "petugas@test.id",
    "admin": "admin@test.id",
    "city": "kota@test.id",
    # Halfway through logging in: the password was right, the second step is still to come.
    "second-step": "petugas@test.id",
    "enrol": "petugas.baru@test.id",  # staff without an authenticator yet
}
PASSWORD_ONLY = {"second-step", "enrol"}


def _ci(value: float) -> list[float]:
    return [value, round(value - 0.03, 3), round(value + 0.03, 3)]


# What an evaluated model version records (the model card shows it).
MODEL_METRICS = {
    "config": {"n_seekers": 300, "n_vacancies": 60, "n_test_pairs": 412},
    "blend": 0.4,
    "directions": {
        "vacancy_to_seekers": {
            "engine": {"ndcg@10": _ci(0.61), "recall@10": _ci(0.55), "mrr": _ci(0.48)},
            "popularity": {"ndcg@10": _ci(0.42), "recall@10": _ci(0.39), "mrr": _ci(0.31)},
        },
        "seeker_to_vacancies": {
            "engine": {"ndcg@10": _ci(0.58), "recall@10": _ci(0.63), "mrr": _ci(0.45)},
            "popularity": {"ndcg@10": _ci(0.47), "recall@10": _ci(0.51), "mrr": _ci(0.36)},
        },
    },
    "comparison": {
        "vacancy_to_seekers": {"best_baseline": "popularity", "ndcg@10 difference": _ci(0.19),
                               "engine beats best baseline beyond CI": True},
        "seeker_to_vacancies": {"best_baseline": "popularity", "ndcg@10 difference": _ci(0.02),
                                "engine beats best baseline beyond CI": False},
    },
    "fairness": {"engine": {"sex": {
        "L": {"n_seekers": 152, "selection_ratio": 1.0, "recall_ratio": 1.0, "flag": False},
        "P": {"n_seekers": 148, "selection_ratio": 0.76, "recall_ratio": 0.91, "flag": True},
    }}},
}


def build(world, make) -> dict:
    """Referrals in every state and the other rows the pages show; returns the ids the pages need.
    Ends the test's session: read `world` rows again from the database after this."""
    from app.referrals import services as referrals
    from app.extensions import db
    from app.models import Match, RankingModel, Role
    from app.ranking import refresh_all
    from app.seekers.services import add_experience, express_interest

    nj = world.nj
    staff, hrd = world.staff, world.hrd
    company = world.company
    second = make.vacancy(company, title="Staf Gudang dan Logistik", skills=["forklift", "stok barang"],
                          education_min="SMA", contract_type="pkwt", shift="pagi", openings=3,
                          description="Menerima, menyimpan dan mengeluarkan barang.\nMencatat stok harian.")
    third = make.vacancy(company, title="Teknisi Perawatan Mesin", skills=["las listrik", "bubut"],
                         education_min="SMK", experience_years_min=1.5, openings=1)
    fourth = make.vacancy(company, title="Operator Produksi Shift Malam", skills=["membaca gambar teknik"],
                          education_min="SMA", shift="malam", openings=2)
    pending_company = make.company(name="CV Maju Bersama", status="pending", kelurahan=nj)
    make.vacancy(pending_company, title="Kasir Toko Bangunan", skills=["kasir"], education_min="SMA")
    make.user(Role.EMPLOYER, "hrd.maju@test.id", company=pending_company)
    dedi = make.seeker(nj, name="Dedi Kurniawan", birth=dt.date(1997, 3, 9))
    rina = make.seeker(nj, name="Rina Wulandari", sex="P", birth=dt.date(1999, 8, 21), education="SMA", major="")
    pending_user = make.user(Role.SEEKER, "warga.baru@test.id", kelurahan=nj)
    pending = make.seeker(nj, name="Agus Prasetyo", birth=dt.date(2001, 11, 30), user=pending_user, verified_at=None,
                          skills=["mengemudi", "forklift"], certificates=["SIM B1"])
    make.seeker(nj, name="Tanpa Akun Santoso", birth=dt.date(1990, 1, 15))
    # Vacancy review (one flagged, one sent back with a note) and a resident registered twice.
    from app.vacancies import review as vacancy_review

    in_review = make.vacancy(company, title="SPG Pameran", status="review", wage_min=4_000_000, wage_max=4_500_000,
                             description="Wanita, usia maksimal 25 tahun, berpenampilan menarik.")
    vacancy_review.submit_vacancy(in_review, hrd)
    sent_back = make.vacancy(company, title="Admin Gudang", status="review")
    vacancy_review.decide_vacancy(sent_back, "changes", staff, "Tulis kisaran gaji dan jam kerja.")
    twin_a = make.seeker(nj, name="Wawan Setiawan", birth=dt.date(1993, 6, 12), consent_ranking=False)
    twin_b = make.seeker(nj, name="Wawan Setiawan, S.Kom.", birth=dt.date(1993, 6, 12), consent_ranking=False,
                         phone=twin_a.phone, rw="04")
    make.user(Role.STAFF, "petugas.baru@test.id", kelurahan=nj, totp_secret=None)
    add_experience(world.seeker, title="Operator bubut", employer="PT Presisi Karawaci", years=2.5,
                   description="Membubut poros dan bushing sesuai gambar kerja.")
    older = RankingModel(version="2026.10-a", n_feedback=120, active=False)
    db.session.add_all([older, RankingModel(version="2026.11-b", n_feedback=180, active=True, metrics=MODEL_METRICS)])
    db.session.commit()
    refresh_all()
    db.session.commit()

    def match(seeker, vacancy):
        found = db.session.scalar(select(Match).where(Match.seeker_id == seeker.id, Match.vacancy_id == vacancy.id))
        if found is None:
            found = Match(seeker=seeker, vacancy=vacancy, status="suggested", reasons=[], score=0.5)
            db.session.add(found)
            db.session.flush()
        return found

    now = dt.datetime.now(dt.timezone.utc)
    # The resident: invited to an interview, refused once, interested in a suggestion.
    interview = match(world.seeker, second)
    referrals.refer(interview, staff)
    referrals.invite_interview(interview, hrd, now + dt.timedelta(days=3), place="Gedung B lantai 2, Jl. Industri 1",
                               contact="Pak Joko (HRD) 0812 3333 4444", bring="Surat pengantar, KTP asli, sepatu safety",
                               notes="Datang 15 menit sebelum jadwal.")
    refused = match(world.seeker, fourth)
    referrals.refer(refused, staff)
    referrals.refuse(refused, hrd, "experience", "Butuh pengalaman shift malam.")
    express_interest(world.seeker, third, world.warga_user)
    # Others: hired, waiting for an answer, dismissed.
    hired = match(rina, second)
    referrals.refer(hired, staff)
    referrals.hire(hired, hrd, dt.date.today() + dt.timedelta(days=10), "pkwt",
                   contract_end_date=dt.date.today() + dt.timedelta(days=375))
    waiting = match(dedi, second)
    referrals.refer(waiting, staff)
    waiting.referred_at = now - dt.timedelta(days=9)  # shows in the staff queue as unanswered
    dismissed = match(dedi, fourth)
    referrals.dismiss(dismissed, staff, "unreachable", "Nomor HP tidak aktif.")
    from app.referrals import letters

    letter = letters.issue(interview, staff)  # a referral letter, verifiable by its public page
    from app.privacy import services as privacy

    privacy.open_request(world.seeker, "correction", "Alamat saya sudah pindah ke RW 04.")
    from app.staff.profile_changes import correct_profile

    # A resident whose data staff corrected (the history on their page), one with an identity change.
    correct_profile(dedi, {"address": "Jl. Kenanga 7", "status": "working"}, staff, "Salah ketik di loket.")
    correct_profile(dedi, {"full_name": "Dedi Kurniawan Saputra"}, staff, "Sesuai KTP.", identity_checked=True)
    privacy.record_breach(discovered_at=now - dt.timedelta(hours=5), description="Daftar hadir pelatihan tertinggal di angkot: "
                          "berkas-daftar-hadir-pelatihan-las-dan-bubut-angkatan-ketiga.xlsx ikut hilang.",
                          data_affected="nama, nomor HP", people_affected=12, actor=world.admin)
    # The resident's AK/I card, due for its 6-monthly report: with the unanswered referral, the
    # staff queue's "Pengingat" has two reminders.
    world.seeker.ak1_number, world.seeker.ak1_valid_until = "3671-07-000123", dt.date.today() + dt.timedelta(days=400)
    world.seeker.ak1_last_report = dt.date.today() - dt.timedelta(days=200)
    from app.referrals.reminders import sync_reminders

    sync_reminders()
    db.session.commit()
    job_id = report_job_id = None
    try:
        from app.jobs.models import DONE, Job
    except ImportError:  # no background jobs in this version
        pass
    else:
        job = Job(name="ranking_refresh", params={}, status=DONE, progress=100, message="", message_params={},
                  created_by_id=world.admin.id, finished_at=now)
        db.session.add(job)
        db.session.commit()
        job_id = job.id
        report_job = Job(name="reports.monthly", params={"month": "2026-11", "format": "xlsx", "token": "0" * 32},
                         status=DONE, progress=100, message="Laporan siap diunduh.", message_params={},
                         result={"token": "0" * 32, "format": "xlsx", "month": "2026-11",
                                 "filename": "laporan-bulanan-2026-11-kota.xlsx"},
                         created_by_id=world.city.id, finished_at=now)
        db.session.add(report_job)
        db.session.commit()
        report_job_id = report_job.id
    from app.imports import services as import_services  # a staged import with a rejected row and an unknown column

    import_token = import_services.stage(
        "Nama;NIK;Tanggal Lahir;Jenis Kelamin;Hobi\nRina Wati;3671075708950003;17/08/1995;P;voli\nSalah;123;01/01/1990;L;\n"
        .encode(), "warga.csv", "seekers", user=world.staff, kelurahan=nj, company=None, update=False)
    from app.models import SeekerProfile

    suggested = db.session.scalar(select(Match).join(SeekerProfile).where(  # a listed one: its resident looks for work
        Match.vacancy_id == world.vacancy.id, Match.status == "suggested", SeekerProfile.status == "looking").limit(1))
    fair_ids = _fair(world, second, hrd, staff)
    ids = {
        **fair_ids,
        "nj": nj.id, "vacancy": world.vacancy.id, "second": second.id, "third": third.id,
        "seeker": world.seeker.id, "pending_seeker": pending.id, "interview": interview.id,
        "refused": refused.id, "hired": hired.id, "waiting": waiting.id, "dismissed": dismissed.id,
        "suggested": suggested.id if suggested else None, "job": job_id, "model": older.id, "import_token": import_token,
        "letter_token": letter.token, "review_vacancy": in_review.id, "changes_vacancy": sent_back.id,
        "twin_a": twin_a.id, "twin_b": twin_b.id, "report_job": report_job_id, "staff_user": staff.id,
        "corrected": dedi.id,
    }
    # No transaction of the test stays open (on SQLite it would hold the write lock the app needs).
    db.session.remove()
    return ids


def _fair(world, vacancy, hrd, staff) -> dict:
    """A fair two days ahead: the company joined with a vacancy, the resident holds a pass that
    its booth scanned and recorded an interview for."""
    from app.extensions import db
    from app.fairs import booth, services
    from app.models import Fair

    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    fair = Fair(kelurahan_id=world.nj.id, name="Bursa Kerja Kelurahan Nusa Jaya", place="Aula Kantor Kelurahan Nusa Jaya",
                starts_at=start, ends_at=start + dt.timedelta(hours=6), scope="kecamatan", capacity=300,
                description="Bawa KTP dan CV. Gratis, tanpa pungutan biaya.")
    db.session.add(fair)
    db.session.flush()
    services.set_fair_vacancies(fair, services.invite_company(fair, world.company, staff), {vacancy.id}, staff)
    fair_pass = services.register_pass(fair, world.seeker, world.warga_user)
    visit = booth.show_pass(fair_pass, world.company, hrd)
    booth.record(visit, vacancy, "applied", hrd)
    db.session.commit()
    return {"fair": fair.id, "fair_pass": fair_pass.id, "fair_visit": visit.id}


def with_reset_token(ids: dict, app, email: str = "warga@test.id") -> dict:
    """The ids plus a password-reset token for `email`, signed with the key of `app` (the test
    client's app and the served app have keys of their own)."""
    from app.auth.services import find_user_by_login, reset_token

    with app.app_context():
        token = reset_token(find_user_by_login(email))
        from app.employers.answer_links import make_token
        from app.extensions import db
        from app.models import Match

        waiting = db.session.get(Match, ids["waiting"]) if ids.get("waiting") else None
        answer = make_token(waiting, "refuse") if waiting is not None else "token"
    return {**ids, "reset_token": token, "answer_token": answer}


def pages(ids: dict) -> list[Page]:
    i = ids
    return [
        Page("anonymous", "/", "home", main=True),
        Page("anonymous", "/login", "login", main=True),
        Page("anonymous", "/register", "register-choose"),
        Page("anonymous", f"/register/{i['nj']}", "register-resident", main=True),
        Page("anonymous", "/register/employer", "register-employer"),
        Page("anonymous", "/claim", "claim"),
        Page("anonymous", "/privacy", "privacy"),
        Page("anonymous", "/reset", "reset-request"),
        Page("anonymous", f"/reset/{i['reset_token']}", "reset-password"),
        Page("anonymous", f"/verify/{i.get('letter_token', 'token')}", "letter-verify"),
        Page("anonymous", f"/answer/{i.get('answer_token', 'token')}", "answer-link"),
        Page("anonymous", "/lowongan", "board", main=True),
        Page("anonymous", f"/lowongan?kelurahan={i['nj']}&education=SMK&wage=1000000", "board-filtered"),
        Page("anonymous", f"/lowongan/{i['vacancy']}", "board-vacancy", main=True),
        Page("anonymous", f"/lowongan/{i['vacancy']}/poster", "board-poster", main=True),
        Page("anonymous", f"/lowongan/papan/{i['nj']}", "board-notice", main=True),
        Page("anonymous", f"/lowongan/{i['vacancy']}/berminat", "board-interest"),
        Page("seeker", f"/lowongan/{i['vacancy']}/berminat", "board-interest-seeker"),
        Page("anonymous", f"/lowongan/bursa/{i.get('fair', 1)}", "board-fair", main=True),
        Page("seeker", "/me/bursa", "seeker-fairs"),
        Page("seeker", f"/me/bursa/{i.get('fair', 1)}", "seeker-fair-pass", main=True),
        Page("seeker", f"/me/bursa/{i.get('fair', 1)}/kartu", "seeker-fair-card"),
        Page("employer", "/employer/bursa", "employer-fairs"),
        Page("employer", f"/employer/bursa/{i.get('fair', 1)}", "employer-fair"),
        Page("employer", f"/employer/bursa/{i.get('fair', 1)}/booth", "employer-booth", main=True),
        Page("employer", f"/employer/bursa/{i.get('fair', 1)}/booth/{i.get('fair_visit', 1)}", "employer-booth-visit",
             main=True),
        Page("staff", "/staff/bursa", "staff-fairs"),
        Page("staff", "/staff/bursa/baru", "staff-fair-new"),
        Page("staff", f"/staff/bursa/{i.get('fair', 1)}", "staff-fair", main=True),
        Page("staff", f"/staff/bursa/{i.get('fair', 1)}/ubah", "staff-fair-edit"),
        Page("staff", f"/staff/bursa/{i.get('fair', 1)}/undangan", "staff-fair-invitations"),
        Page("staff", f"/staff/bursa/{i.get('fair', 1)}/laporan", "staff-fair-report"),
        Page("staff", f"/staff/bursa/{i.get('fair', 1)}/kartu/{i.get('fair_pass', 1)}", "staff-fair-card"),
        Page("staff", f"/staff/seekers/new?bursa={i.get('fair', 1)}", "staff-walk-in-fair"),
        Page("anonymous", "/tidak-ada", "not-found", status=404),
        Page("seeker", "/me/", "seeker-home", main=True),
        Page("seeker", "/me/profile", "seeker-profile", main=True),
        Page("seeker", "/me/vacancies", "seeker-vacancies", main=True),
        Page("seeker", "/me/vacancies?q=operator", "seeker-vacancies-search"),
        Page("seeker", f"/me/vacancies/{i['vacancy']}", "seeker-vacancy", main=True),
        Page("seeker", f"/me/vacancies/{i['third']}", "seeker-vacancy-interested"),
        Page("seeker", f"/me/referrals/{i['interview']}", "seeker-referral", main=True),
        Page("seeker", "/me/data", "seeker-data"),
        Page("seeker", "/account/password", "seeker-password"),
        Page("seeker", "/staff/", "seeker-forbidden", status=403),
        Page("employer", "/employer/", "employer-home", main=True),
        Page("employer", "/employer/company", "employer-company"),
        Page("employer", "/employer/vacancies/new", "employer-vacancy-new"),
        Page("employer", f"/employer/vacancies/{i['second']}", "employer-vacancy", main=True),
        Page("employer", f"/employer/vacancies/{i['second']}/edit", "employer-vacancy-edit"),
        Page("staff", "/staff/", "staff-queue", main=True),
        Page("staff", "/staff/?tab=review", "staff-queue-review"),
        Page("staff", "/staff/?tab=verify", "staff-queue-verify"),
        Page("staff", "/staff/?tab=requests", "staff-queue-requests"),
        Page("staff", "/staff/?tab=reminders", "staff-queue-reminders", main=True),
        Page("staff", "/staff/seekers", "staff-seekers", main=True),
        Page("staff", "/staff/seekers?q=santoso&verified=yes", "staff-seekers-search"),
        Page("staff", "/staff/seekers/new", "staff-walk-in", main=True),
        Page("staff", f"/staff/seekers/{i['seeker']}", "staff-seeker", main=True),
        Page("staff", f"/staff/seekers/{i['pending_seeker']}", "staff-seeker-pending"),
        Page("staff", f"/staff/seekers/{i.get('corrected', 1)}", "staff-seeker-corrected"),
        Page("staff", f"/staff/seekers/{i['seeker']}/edit", "staff-seeker-edit", main=True),
        Page("staff", f"/staff/vacancies/{i['third']}/manual?q=a", "staff-manual-referral", main=True),
        Page("staff", "/staff/companies", "staff-companies"),
        Page("staff", "/staff/vacancies", "staff-vacancies"),
        Page("staff", f"/staff/vacancies/{i['vacancy']}/suggestions", "staff-suggestions", main=True),
        Page("staff", f"/staff/matches/{i['refused']}", "staff-match"),
        Page("staff", "/staff/requests", "staff-requests"),
        Page("staff", "/staff/vacancies/review", "staff-vacancy-reviews"),
        Page("staff", f"/staff/vacancies/{i.get('review_vacancy', 1)}/review", "staff-vacancy-review"),
        Page("staff", "/staff/duplicates", "staff-duplicates"),
        Page("staff", f"/staff/duplicates/{i.get('twin_a', 1)}/{i.get('twin_b', 2)}", "staff-duplicate-pair"),
        Page("employer", f"/employer/vacancies/{i.get('changes_vacancy', 1)}", "employer-vacancy-changes"),
        Page("admin", "/staff/vacancies/review", "admin-vacancy-reviews"),
        Page("admin", "/staff/duplicates", "admin-duplicates"),
        Page("staff", "/staff/model", "staff-model-card"),
        Page("staff", "/staff/import", "staff-import"),
        Page("staff", f"/staff/import/{i.get('import_token', 'token')}", "staff-import-preview"),
        Page("staff", "/reports/", "staff-dashboard", main=True),
        Page("admin", "/admin/", "admin-home", main=True),
        Page("admin", "/admin/staff", "admin-staff"),
        Page("admin", f"/admin/staff/{i['staff_user']}", "admin-staff-account"),
        Page("admin", "/admin/kelurahan", "admin-kelurahan"),
        Page("admin", "/admin/kelurahan/new", "admin-kelurahan-new"),
        Page("admin", f"/admin/kelurahan/{i['nj']}", "admin-kelurahan-edit"),
        Page("admin", "/reports/", "admin-dashboard"),
        Page("admin", "/admin/audit", "admin-audit"),
        Page("admin", "/admin/audit?action=view", "admin-audit-search"),
        Page("admin", "/admin/breaches", "admin-breaches"),
        Page("admin", "/admin/companies", "admin-companies"),
        Page("admin", f"/admin/models/{i['model']}", "admin-model-card"),
        *([Page("admin", f"/jobs/{i['job']}", "admin-job")] if i.get("job") else []),
        Page("city", "/reports/", "city-dashboard", main=True),
        Page("city", f"/reports/?kelurahan={i['nj']}", "city-dashboard-kelurahan"),
        Page("city", "/reports/monthly", "city-monthly-report"),
        Page("city", f"/reports/monthly/{i.get('report_job') or i.get('job')}", "city-monthly-report-job"),
        Page("staff", "/reports/monthly", "staff-monthly-report"),
        Page("second-step", "/login/2fa", "two-factor", main=True),
        Page("enrol", "/login/2fa/setup", "two-factor-setup"),
    ]


def error_forms(ids: dict) -> list[tuple[str, str, str, dict]]:
    """(role, path, name, form data) of forms that come back with errors and status 422."""
    i = ids
    return [
        ("anonymous", "/login", "login-errors", {"login": "", "password": ""}),
        ("anonymous", f"/register/{i['nj']}", "register-resident-errors",
         {"full_name": "", "nik": "123", "birth_date": "1998-05-17", "sex": "L", "rw": "03", "education": "SMK"}),
        ("anonymous", "/register/employer", "register-employer-errors", {"email": "bukan-email"}),
        ("anonymous", "/claim", "claim-errors", {"login": "", "code": ""}),
        ("anonymous", "/reset", "reset-request-errors", {"login": ""}),
        ("anonymous", f"/reset/{i['reset_token']}", "reset-password-errors", {"password": "pendek", "password_confirm": ""}),
        ("second-step", "/login/2fa", "two-factor-errors", {"code": "000000"}),
        ("enrol", "/login/2fa/setup", "two-factor-setup-errors", {"code": ""}),
        ("seeker", "/account/password", "seeker-password-errors", {"current_password": "", "password": "pendek"}),
        ("seeker", "/me/profile", "seeker-profile-errors",
         {"full_name": "", "nik": "36710717059800", "birth_date": "1998-05-17", "sex": "L", "rw": "03",
          "education": "SMK", "major": "", "expected_wage": "lima juta"}),
        ("seeker", "/me/experience", "seeker-experience-errors", {"exp-title": "", "exp-years": "banyak"}),
        ("employer", "/employer/company", "employer-company-errors", {"name": "", "kbli_code": "12"}),
        ("employer", "/employer/vacancies/new", "employer-vacancy-new-errors", {"title": "", "openings": "0",
                                                                                "wage_min": "empat juta"}),
        ("employer", "/employer/vacancies/new", "employer-vacancy-wording",
         {"title": "Operator Produksi", "description": "Pria, usia maks. 30 tahun.", "education_min": "", "shift": "",
          "contract_type": "pkwt", "location": "Karawaci", "openings": "2",
          "deadline": (dt.date.today() + dt.timedelta(days=20)).isoformat()}),
        ("employer", f"/employer/referrals/{i['waiting']}/hire", "employer-answer-errors",
         {f"hire{i['waiting']}-start_date": "", f"hire{i['waiting']}-contract_type": "pkwt"}),
        ("staff", "/staff/seekers/new", "staff-walk-in-errors", {"full_name": "", "nik": "1"}),
        ("staff", "/staff/reminders/done", "staff-reminders-errors", {"note": "x" * 501}),
        ("staff", f"/staff/seekers/{i['seeker']}/ak1", "staff-ak1-errors",
         {"ak1-ak1_number": "3671#07", "ak1-ak1_valid_until": "", "ak1-ak1_last_report": "2099-01-01"}),
        ("staff", f"/staff/matches/{i['suggested']}/dismiss", "staff-dismiss-errors",
         {f"d{i['suggested']}-reason": ""}),
        ("staff", f"/staff/seekers/{i['seeker']}/edit", "staff-seeker-edit-errors", {"full_name": "", "reason": ""}),
        ("staff", f"/staff/vacancies/{i['third']}/manual/{i.get('corrected', 1)}", "staff-manual-referral-errors",
         {f"m{i.get('corrected', 1)}-reason": "", "q": "dedi"}),
        ("staff", f"/staff/vacancies/{i.get('review_vacancy', 1)}/review/changes", "staff-vacancy-changes-errors",
         {"changes-note": ""}),
        ("staff", f"/staff/duplicates/{i.get('twin_a', 1)}/{i.get('twin_b', 2)}/merge", "staff-merge-errors", {}),
        ("admin", "/admin/staff", "admin-staff-errors", {"name": "", "email": "x"}),
        ("admin", "/admin/kelurahan/new", "admin-kelurahan-new-errors", {"code": "1"}),
        ("admin", "/admin/breaches", "admin-breaches-errors", {"description": ""}),
        ("staff", "/staff/bursa/baru", "staff-fair-new-errors", {"name": "", "starts_at": "besok", "scope": "kelurahan"}),
        ("staff", f"/staff/bursa/{i.get('fair', 1)}/pintu", "staff-fair-door-errors", {"nik": "123"}),
        ("employer", f"/employer/bursa/{i.get('fair', 1)}/booth", "employer-booth-errors", {"code": "ZZZZ-ZZZZ"}),
    ]


def fragments(ids: dict) -> list[tuple[str, str, str, str, dict | None]]:
    """(role, method, path, name, form data) of the htmx requests the pages make."""
    i = ids
    return [
        ("seeker", "GET", "/me/vacancies?q=operator", "seeker-search", None),
        ("seeker", "POST", f"/me/vacancies/{i['vacancy']}/interest", "seeker-interest", {}),
        ("seeker", "POST", f"/me/vacancies/{i['vacancy']}/interest/withdraw", "seeker-interest-withdrawn", {}),
        ("employer", "POST", "/employer/vacancies/wording", "employer-wording-check",
         {"title": "SPG", "description": "Wanita, usia maksimal 25 tahun.", "location": "Karawaci"}),
        ("staff", "GET", "/staff/seekers?q=santoso", "staff-seeker-search", None),
        ("staff", "GET", "/staff/vacancies?q=operator&status=open", "staff-vacancy-search", None),
        ("staff", "GET", f"/staff/vacancies/{i['vacancy']}/suggestions", "staff-suggestion-list", None),
        ("staff", "POST", "/staff/reminders/done", "staff-reminders-errors", {}),
        ("staff", "GET", f"/staff/vacancies/{i['third']}/manual?q=a", "staff-manual-search", None),
        ("staff", "POST", f"/staff/matches/{i['suggested']}/dismiss", "staff-dismiss-errors",
         {f"d{i['suggested']}-reason": ""}),
        ("employer", "POST", f"/employer/referrals/{i['waiting']}/interview", "employer-answer-errors",
         {f"iv{i['waiting']}-interview_at": ""}),
        ("employer", "POST", f"/employer/referrals/{i['waiting']}/interview", "employer-answer",
         {f"iv{i['waiting']}-interview_at": (dt.date.today() + dt.timedelta(days=2)).isoformat() + "T09:30"}),
    ]
