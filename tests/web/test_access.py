"""Every method of every route × every role gets the answer this hand-written table expects.
The table denies by default: a route missing from it fails the test."""
import pytest

PUBLIC = "public"
REDIRECT = "redirect"  # the second log-in step: without a password just given, back to /login
OWNED = "owned"  # any signed-in user may ask; only the owner gets it (an unknown id: 404)
S, E, T, A, C = "seeker", "employer", "staff", "admin", "city"

# endpoint: roles allowed, for every method the route takes. Anonymous users get the login page
# for anything not public.
TABLE = {
    "healthz": PUBLIC,
    "static": PUBLIC,
    "auth.index": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": {S, E, T, A, C},
    "auth.register_choose": PUBLIC,
    "auth.register": PUBLIC,
    "auth.register_employer": PUBLIC,
    "auth.claim": PUBLIC,
    "auth.privacy": PUBLIC,
    "auth.two_factor": REDIRECT,
    "auth.two_factor_setup": REDIRECT,
    "auth.change_password": {S, E, T, A, C},
    "auth.reset_request": PUBLIC,
    "auth.reset_password": REDIRECT,
    "jobs.status": OWNED,
    "seekers.home": {S},
    "seekers.profile": {S},
    "seekers.consent": {S},
    "seekers.add_experience": {S},
    "seekers.delete_experience": {S},
    "seekers.vacancies": {S},
    "seekers.vacancy": {S},
    "seekers.interest": {S},
    "seekers.referral": {S},
    "seekers.withdraw_interest": {S},
    "seekers.referral_calendar": {S},
    "seekers.referral_letter": {S},
    "seekers.data": {S},
    "seekers.data_export": {S},
    "seekers.data_request": {S},
    "seekers.upload_document": {S},
    "seekers.document": {S},
    "seekers.delete_document": {S},
    "employers.document": {E},
    "staff.requests": {T},
    "staff.decide_request": {T},
    "staff.document": {T},
    "admin.audit_log": {A},
    "admin.breaches": {A},
    "admin.breach_notified": {A},
    "employers.home": {E},
    "employers.company": {E},
    "employers.new_vacancy": {E},
    "employers.edit_vacancy": {E},
    "employers.close_vacancy": {E},
    "employers.vacancy": {E},
    "employers.answer": {E},
    "employers.check_wording": {E},
    "staff.queue": {T},
    "staff.seekers": {T},
    "staff.new_seeker": {T},
    "staff.find_seeker": {T},
    "staff.seeker": {T},
    "staff.verify_seeker": {T},
    "staff.claim_code": {T},
    "staff.companies": {T},
    "company_verification.companies": {A},
    "company_verification.company_status": {A},
    "staff.company_status": {T},
    "staff.vacancies": {T},
    "staff.suggestions": {T},
    "staff.refresh_suggestions": {T},
    "staff.refer": {T},
    "staff.dismiss": {T},
    "staff.match": {T},
    "reports.dashboard": {T, A, C},
    "reports.monthly": {T, A, C},
    "reports.monthly_status": OWNED,
    "reports.monthly_download": OWNED,
    "reports.export_vacancies": {T, A, C},
    "reports.export_hires": {T, A, C},
    "reports.table": {T, A, C},
    "admin.home": {A},
    "admin.staff": {A},
    "admin.staff_account": {A},
    "admin.staff_account_action": {A},
    "admin.kelurahan_list": {A},
    "admin.kelurahan_edit": {A},
    "admin.activate_model": {A},
    "admin.refresh_all": {A},
    "admin.model_card": {A},
    "staff.model_card": {T},
    "imports.upload": {T},
    "imports.preview": {T},
    "imports.mapping": {T},
    "imports.run": {T},
    "letters.issue_letter": {T},
    "letters.letter_pdf": {T},
    "letters.verify": PUBLIC,
    "board.index": PUBLIC,
    "board.vacancy": PUBLIC,
    "board.poster": PUBLIC,
    "board.notice": PUBLIC,
    "board.interest": PUBLIC,
    "board.record_interest": {S},
    "answer.form": PUBLIC,
    "staff.export_seekers": {T},
    "staff.export_vacancies": {T},
    "staff.export_companies": {T},
    "staff.export_requests": {T},
    "vacancies.export_reviews": {T, A},
    "duplicates.export": {T, A},
    "staff.export_reminders": {T},
    "admin.export_staff": {A},
    "admin.export_kelurahan": {A},
    "admin.export_audit_log": {A},
    "admin.export_breaches": {A},
    "admin.export_models": {A},
    "employers.export_vacancies": {E},
    "employers.export_referrals": {E},
    "staff.reminders_done": {T},
    "staff.seeker_ak1": {T},
    "staff.edit_seeker": {T},
    "staff.manual_referral_search": {T},
    "staff.refer_by_hand": {T},
    "seekers.looking_again": {S},
    "vacancies.reviews": {T, A},
    "vacancies.review": {T, A},
    "vacancies.decide": {T, A},
    "duplicates.pairs": {T, A},
    "duplicates.pair": {T, A},
    "duplicates.merge": {T, A},
    "duplicates.dismiss": {T, A},
    "fairs.staff_fairs": {T},
    "fairs.new_fair": {T},
    "fairs.edit_fair": {T},
    "fairs.staff_fair": {T},
    "fairs.invite_company": {T},
    "fairs.register_at_door": {T},
    "fairs.staff_pass": {T},
    "fairs.resident_invitations": {T},
    "fairs.fair_report": {T},
    "fairs.my_fairs": {S},
    "fairs.register": {S},
    "fairs.my_pass": {S},
    "fairs.my_pass_card": {S},
    "fairs.public_fair": PUBLIC,
    "fairs.company_fairs": {E},
    "fairs.company_fair": {E},
    "fairs.booth_page": {E},
    "fairs.booth_visit": {E},
    "fairs.booth_record": {E},
}

LOGINS = {S: "warga@test.id", E: "hrd@test.id", T: "petugas@test.id", A: "admin@test.id", C: "kota@test.id"}


def _url(rule, world, match_id, experience_id, model_id, document_id=None, request_id=None, breach_id=None):
    values = {
        # the board shows open vacancies only: one the employer's own routes (close) leave alone
        "kelurahan_id": world.nj.id, "seeker_id": world.seeker.id,
        "vacancy_id": (world.other_vacancy if rule.endpoint.startswith("board.") else world.vacancy).id,
        "match_id": match_id, "entry_id": experience_id, "model_id": model_id,
        # admin verifies only companies outside the deployment's kelurahan, staff only their own
        "company_id": (world.outside_company if rule.endpoint.startswith("company_verification.") else world.company).id,
        "action": next(iter(rule._converters["action"].items)) if "action" in rule.arguments else None,
        "filename": "css/app.css", "job_id": 999999, "document_id": document_id, "request_id": request_id,
        "breach_id": breach_id, "token": "not-a-valid-token", "user_id": world.staff.id,
        "reminder_id": world.reminder.id,  # a follow-up of the referral (staff.reminder_done)
        "other_id": world.duplicate.id,  # a suspected duplicate of world.seeker (duplicates.pair)
        "name": "pendidikan", "fmt": "csv",  # a table of the dashboard (reports.table)
        # a fair of the staff member's kelurahan, the resident's pass, its visit at the company's booth
        "fair_id": world.fair.id, "pass_id": world.fair_pass.id, "visit_id": world.fair_visit.id,
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
    world.outside_company = make.company(name="PT Luar Kota", status="pending")
    document = uploads.save_document(world.seeker, "cv.pdf", b"%PDF-1.4 test")
    request = privacy.open_request(world.seeker, "correction", "RT salah")
    breach = privacy.record_breach(discovered_at=dt.datetime.now(dt.timezone.utc), description="uji",
                                   data_affected="", people_affected=0, actor=world.admin)
    _fair(world)
    db.session.commit()
    return world, match.id, entry.id, model.id, document.id, request.id, breach.id


def _fair(world):
    import datetime as dt

    from app.extensions import db
    from app.fairs import booth, services
    from app.models import Fair

    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    world.fair = Fair(kelurahan_id=world.nj.id, name="Bursa Kerja", place="Aula", starts_at=start,
                      ends_at=start + dt.timedelta(hours=6), scope="kelurahan", capacity=0)
    db.session.add(world.fair)
    db.session.flush()
    services.set_fair_vacancies(world.fair, services.invite_company(world.fair, world.company, world.staff),
                                {world.vacancy.id}, world.staff)
    world.fair_pass = services.register_pass(world.fair, world.seeker, world.warga_user)
    world.fair_visit = booth.show_pass(world.fair_pass, world.company, world.hrd)


def _routes(app):
    """The app's routes, without the one the test client fetches its CSRF token from."""
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint != "tests_csrf_token"]


def test_every_route_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in _routes(app)}
    assert endpoints == set(TABLE), f"missing: {endpoints - set(TABLE)}, stale: {set(TABLE) - endpoints}"


@pytest.mark.parametrize("role", [None, S, E, T, A, C])
def test_route_role_matrix(app, client, auth, fixtures, role):
    world, *ids = fixtures
    if role:
        assert auth.login(LOGINS[role]).status_code == 303
    failures = []
    requests = [(rule, method) for rule in _routes(app) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    assert len(requests) > len(TABLE)  # the routes that take GET and POST are asked both ways
    for rule, method in requests:
        allowed = TABLE[rule.endpoint]
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
            if role and rule.endpoint in {"auth.login", "auth.index"}:
                ok = status in (200, 302)  # signed in: sent to their home page
            elif method == "GET":
                ok = status == 200
            else:  # an empty form comes back with its errors; a broken answer link is a bad request
                ok = status in (200, 303, 422) or (rule.endpoint == "answer.form" and status == 400)
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


def test_every_blueprint_has_a_guard(app):
    from app.core.access import GUARDED

    assert set(app.blueprints) == set(app.extensions[GUARDED])


def test_an_endpoint_open_by_omission_stops_the_app():
    from flask import Blueprint, Flask

    from app.core.access import SIGNED_IN, check_every_endpoint, guard, public

    app = Flask(__name__)
    guarded = Blueprint("guarded", __name__)
    guard(guarded, SIGNED_IN)
    guarded.add_url_rule("/a", "a", lambda: "a")
    app.register_blueprint(guarded)
    app.add_url_rule("/health", "health", public(lambda: "ok"))
    check_every_endpoint(app)  # a guarded blueprint and a declared public view: fine

    forgotten = Blueprint("forgotten", __name__)
    forgotten.add_url_rule("/b", "b", lambda: "b")
    app.register_blueprint(forgotten)
    app.add_url_rule("/c", "c", lambda: "c")
    with pytest.raises(RuntimeError, match="c, forgotten.b"):
        check_every_endpoint(app)
