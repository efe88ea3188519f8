"""Every route × every role gets the answer this hand-written table expects. The table denies
by default: a route missing from it fails the test."""
import pytest

PUBLIC = "public"
REDIRECT = "redirect"  # the second log-in step: without a password just given, back to /login
OWNED = "owned"  # any signed-in user may ask; only the owner gets it (an unknown id: 404)
S, E, T, A, C = "seeker", "employer", "staff", "admin", "city"

# endpoint: (method, roles allowed). Anonymous users get the login page for anything not public.
TABLE = {
    "healthz": ("GET", PUBLIC),
    "static": ("GET", PUBLIC),
    "auth.index": ("GET", PUBLIC),
    "auth.login": ("GET", PUBLIC),
    "auth.logout": ("POST", {S, E, T, A, C}),
    "auth.register_choose": ("GET", PUBLIC),
    "auth.register": ("GET", PUBLIC),
    "auth.register_employer": ("GET", PUBLIC),
    "auth.claim": ("GET", PUBLIC),
    "auth.privacy": ("GET", PUBLIC),
    "auth.two_factor": ("GET", REDIRECT),
    "auth.two_factor_setup": ("GET", REDIRECT),
    "auth.change_password": ("GET", {S, E, T, A, C}),
    "auth.reset_request": ("GET", PUBLIC),
    "auth.reset_password": ("GET", REDIRECT),
    "jobs.status": ("GET", OWNED),
    "seekers.home": ("GET", {S}),
    "seekers.profile": ("GET", {S}),
    "seekers.consent": ("POST", {S}),
    "seekers.add_experience": ("POST", {S}),
    "seekers.delete_experience": ("POST", {S}),
    "seekers.vacancies": ("GET", {S}),
    "seekers.vacancy": ("GET", {S}),
    "seekers.interest": ("POST", {S}),
    "seekers.referral": ("GET", {S}),
    "seekers.data": ("GET", {S}),
    "seekers.data_export": ("GET", {S}),
    "seekers.data_request": ("POST", {S}),
    "seekers.upload_document": ("POST", {S}),
    "seekers.document": ("GET", {S}),
    "seekers.delete_document": ("POST", {S}),
    "employers.document": ("GET", {E}),
    "staff.requests": ("GET", {T}),
    "staff.decide_request": ("POST", {T}),
    "staff.document": ("GET", {T}),
    "admin.audit_log": ("GET", {A}),
    "admin.breaches": ("GET", {A}),
    "admin.breach_notified": ("POST", {A}),
    "employers.home": ("GET", {E}),
    "employers.company": ("GET", {E}),
    "employers.new_vacancy": ("GET", {E}),
    "employers.edit_vacancy": ("GET", {E}),
    "employers.close_vacancy": ("POST", {E}),
    "employers.vacancy": ("GET", {E}),
    "employers.answer": ("POST", {E}),
    "staff.queue": ("GET", {T}),
    "staff.seekers": ("GET", {T}),
    "staff.new_seeker": ("GET", {T}),
    "staff.find_seeker": ("POST", {T}),
    "staff.seeker": ("GET", {T}),
    "staff.verify_seeker": ("POST", {T}),
    "staff.claim_code": ("POST", {T}),
    "staff.companies": ("GET", {T}),
    "staff.company_status": ("POST", {T}),
    "staff.vacancies": ("GET", {T}),
    "staff.suggestions": ("GET", {T}),
    "staff.refresh_suggestions": ("POST", {T}),
    "staff.refer": ("POST", {T}),
    "staff.dismiss": ("POST", {T}),
    "staff.match": ("GET", {T}),
    "reports.dashboard": ("GET", {T, A, C}),
    "reports.monthly": ("GET", {T, A, C}),
    "reports.monthly_status": ("GET", OWNED),
    "reports.monthly_download": ("GET", OWNED),
    "reports.export_vacancies": ("GET", {T, A, C}),
    "reports.export_hires": ("GET", {T, A, C}),
    "reports.table": ("GET", {T, A, C}),
    "admin.home": ("GET", {A}),
    "admin.staff": ("GET", {A}),
    "admin.kelurahan_list": ("GET", {A}),
    "admin.kelurahan_edit": ("GET", {A}),
    "admin.activate_model": ("POST", {A}),
    "admin.refresh_all": ("POST", {A}),
    "admin.model_card": ("GET", {A}),
    "staff.model_card": ("GET", {T}),
    "imports.upload": ("GET", {T}),
    "imports.preview": ("GET", {T}),
    "imports.mapping": ("POST", {T}),
    "imports.run": ("POST", {T}),
    "letters.issue_letter": ("POST", {T}),
    "letters.letter_pdf": ("GET", {T}),
    "letters.verify": ("GET", PUBLIC),
    "answer.form": ("GET", PUBLIC),
    "staff.export_seekers": ("GET", {T}),
    "staff.export_vacancies": ("GET", {T}),
    "staff.export_companies": ("GET", {T}),
    "staff.export_requests": ("GET", {T}),
    "vacancies.export_reviews": ("GET", {T, A}),
    "duplicates.export": ("GET", {T, A}),
    "staff.export_reminders": ("GET", {T}),
    "admin.export_staff": ("GET", {A}),
    "admin.export_kelurahan": ("GET", {A}),
    "admin.export_audit_log": ("GET", {A}),
    "admin.export_breaches": ("GET", {A}),
    "admin.export_models": ("GET", {A}),
    "employers.export_vacancies": ("GET", {E}),
    "employers.export_referrals": ("GET", {E}),
    "staff.reminder_done": ("POST", {T}),
    "staff.seeker_ak1": ("POST", {T}),
    "vacancies.reviews": ("GET", {T, A}),
    "vacancies.review": ("GET", {T, A}),
    "vacancies.decide": ("POST", {T, A}),
    "duplicates.pairs": ("GET", {T, A}),
    "duplicates.pair": ("GET", {T, A}),
    "duplicates.merge": ("POST", {T, A}),
    "duplicates.dismiss": ("POST", {T, A}),
}

LOGINS = {S: "warga@test.id", E: "hrd@test.id", T: "petugas@test.id", A: "admin@test.id", C: "kota@test.id"}


def _url(rule, world, match_id, experience_id, model_id, document_id=None, request_id=None, breach_id=None):
    values = {
        "kelurahan_id": world.nj.id, "vacancy_id": world.vacancy.id, "seeker_id": world.seeker.id,
        "match_id": match_id, "entry_id": experience_id, "company_id": world.company.id, "model_id": model_id,
        "action": next(iter(rule._converters["action"].items)) if "action" in rule.arguments else None,
        "filename": "css/app.css", "job_id": 999999, "document_id": document_id, "request_id": request_id,
        "breach_id": breach_id, "token": "not-a-valid-token",
        "reminder_id": world.reminder.id,  # a follow-up of the referral (staff.reminder_done)
        "other_id": world.duplicate.id,  # a suspected duplicate of world.seeker (duplicates.pair)
        "name": "pendidikan", "fmt": "csv",  # a table of the dashboard (reports.table)
    }
    path = rule.rule
    for arg in rule.arguments:
        path = path.replace(f"<int:{arg}>", str(values[arg])).replace(f"<path:{arg}>", str(values[arg]))
        path = path.replace("<token>", values["token"]).replace(f"<{arg}>", str(values[arg]))
        if arg == "action":
            path = path.split("/<any")[0] + "/" + values["action"]
    return path


@pytest.fixture
def fixtures(app, world, make):
    import datetime as dt

    from app.privacy import services as privacy
    from app.core import uploads
    from app.extensions import db
    from app.models import ExperienceEntry, Match, RankingModel

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    entry = ExperienceEntry(seeker=world.seeker, title="Operator", years=1.0)
    model = RankingModel(version="test-1", n_feedback=0, metrics={})
    db.session.add_all([match, entry, model])
    from app.models import Reminder

    world.reminder = Reminder(key="follow_up_1:test", kind="follow_up_1", kelurahan_id=world.nj.id, match=match,
                              due_on=dt.date.today(), note="")
    db.session.add(world.reminder)
    world.duplicate = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date)
    document = uploads.save_document(world.seeker, "cv.pdf", b"%PDF-1.4 test")
    request = privacy.open_request(world.seeker, "correction", "RT salah")
    breach = privacy.record_breach(discovered_at=dt.datetime.now(dt.timezone.utc), description="uji",
                                   data_affected="", people_affected=0, actor=world.admin)
    db.session.commit()
    return world, match.id, entry.id, model.id, document.id, request.id, breach.id


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(TABLE), f"missing: {endpoints - set(TABLE)}, stale: {set(TABLE) - endpoints}"


@pytest.mark.parametrize("role", [None, S, E, T, A, C])
def test_route_role_matrix(app, client, auth, fixtures, role):
    world, *ids = fixtures
    if role:
        assert auth.login(LOGINS[role]).status_code == 303
    failures = []
    for rule in app.url_map.iter_rules():
        method, allowed = TABLE[rule.endpoint]
        if rule.endpoint in ("auth.logout", "seekers.delete_document"):
            continue  # would end the session under test; covered in tests/auth
        url = _url(rule, world, *ids)
        response = client.open(url, method=method, data={})
        status = response.status_code
        response.close()
        if allowed == REDIRECT:
            ok = status in (302, 303) and ("/login" in response.headers["Location"] or "/reset" in response.headers["Location"])
        elif allowed == OWNED:
            ok = status == 404 if role else (status == 302 and "/login" in response.headers["Location"])
        elif allowed == PUBLIC:
            ok = status == 200 or (role and rule.endpoint in {"auth.login", "auth.index"} and status == 302)
        elif role is None:
            ok = status == 302 and "/login" in response.headers["Location"]
        elif role in allowed:
            ok = status in (200, 303, 422)
        else:
            ok = status == 403
        if not ok:
            failures.append((rule.endpoint, method, url, status))
    assert not failures


def test_staff_never_see_residents_of_another_kelurahan(client, auth, world):
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/seekers/{world.seeker.id}").status_code == 404
    assert client.post(f"/staff/seekers/{world.seeker.id}/verify").status_code == 404
    assert client.post(f"/staff/seekers/{world.seeker.id}/claim-code").status_code == 404
    listing = client.get("/staff/seekers").get_data(as_text=True)
    assert world.other_seeker.full_name in listing
    assert world.seeker.full_name not in listing


def test_staff_suggestions_only_list_their_own_residents(app, client, auth, world):
    from app.extensions import db
    from app.ranking import refresh_all

    refresh_all()
    db.session.commit()
    auth.login("petugas.cimone@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert world.seeker.full_name not in page
    auth.logout()
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert world.seeker.full_name in page
    assert world.other_seeker.full_name not in page


def test_employer_sees_only_own_vacancies_and_referred_residents(app, client, auth, world):
    from app.extensions import db
    from app.models import Match

    suggested = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    other = Match(seeker=world.other_seeker, vacancy=world.other_vacancy, status="referred", reasons=[])
    db.session.add_all([suggested, other])
    db.session.commit()
    auth.login("hrd@test.id")
    assert client.get(f"/employer/vacancies/{world.other_vacancy.id}").status_code == 404
    assert client.get(f"/employer/vacancies/{world.other_vacancy.id}/edit").status_code == 404
    assert client.post(f"/employer/vacancies/{world.other_vacancy.id}/close").status_code == 404
    assert client.post(f"/employer/referrals/{other.id}/refuse", data={f"rf{other.id}-reason": "skills"}).status_code == 404
    # A suggestion is not a referral: the employer cannot see or answer it.
    assert client.post(f"/employer/referrals/{suggested.id}/refuse", data={f"rf{suggested.id}-reason": "skills"}).status_code == 404
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert world.seeker.full_name not in page


def test_resident_cannot_open_others_referrals_or_experience(app, client, auth, world):
    from app.extensions import db
    from app.models import ExperienceEntry, Match

    other = Match(seeker=world.other_seeker, vacancy=world.vacancy, status="referred", reasons=[])
    entry = ExperienceEntry(seeker=world.other_seeker, title="Kasir", years=1)
    db.session.add_all([other, entry])
    db.session.commit()
    auth.login("warga@test.id")
    assert client.get(f"/me/referrals/{other.id}").status_code == 404
    assert client.post(f"/me/experience/{entry.id}/delete").status_code == 404
    assert db.session.get(ExperienceEntry, entry.id) is not None


def test_unknown_ids_give_404(client, auth, world):
    auth.login("petugas@test.id")
    for url in ("/staff/seekers/999999", "/staff/vacancies/999999/suggestions", "/staff/matches/999999"):
        assert client.get(url).status_code == 404
    auth.logout()
    auth.login("warga@test.id")
    assert client.get("/me/vacancies/999999").status_code == 404
    assert client.get("/nope").status_code == 404
