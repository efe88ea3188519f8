"""The web app serves its pages, suggestions and their reasons included, without the ranking
engine's libraries: scikit-learn and scipy load only where an engine is built or a model trained."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A fresh interpreter: the test process has long imported the engine.
CODE = r"""
import json, sys, tempfile
from pathlib import Path

from app import create_app

app = create_app({"TESTING": True, "SECRET_KEY": "light", "WTF_CSRF_ENABLED": False, "SERVER_NAME": "localhost",
                  "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(Path(tempfile.mkdtemp()) / "light.db")})
after_create_app = sorted(m for m in ("sklearn", "scipy") if m in sys.modules)

from flask_migrate import upgrade

from app.extensions import db
from app.models import Match, User
from tests.factories import Factory, totp_code

pages = {}
with app.app_context():
    upgrade()
    world = Factory().world()
    # A suggestion as the engine stored it, in another process.
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", score=0.8, model_version="prior-1",
                  reasons=[{"code": "skills_overlap", "share": 0.7,
                            "params": {"matched": ["bubut", "las"], "n_matched": 2, "n_required": 3}},
                           {"code": "same_area", "share": 0.3,
                            "params": {"area": "RW 03, Nusa Jaya", "depth": 5, "vacancy_depth": 4, "levels": []}}])
    db.session.add(match)
    db.session.commit()
    paths = {"login": "/login", "suggestions": f"/staff/vacancies/{world.vacancy.id}/suggestions",
             "match": f"/staff/matches/{match.id}", "seeker": f"/staff/seekers/{world.seeker.id}",
             "model": "/staff/model", "home": "/me/"}
    staff_id = world.staff.id

client = app.test_client()


def get(name):
    response = client.get(paths[name])
    pages[name] = [response.status_code, response.get_data(as_text=True)]


get("login")
client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
with app.app_context():
    code = totp_code(db.session.get(User, staff_id))
client.post("/login/2fa", data={"code": code})
for name in ("suggestions", "match", "seeker", "model"):
    get(name)
client.post("/logout")
client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
get("home")
print(json.dumps({"after_create_app": after_create_app, "pages": pages,
                  "loaded": sorted(m for m in ("sklearn", "scipy") if m in sys.modules)}))
"""


def test_pages_with_reasons_are_served_without_scikit_learn_or_scipy():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    pages = result["pages"]
    assert {name: status for name, (status, _html) in pages.items()} == dict.fromkeys(pages, 200)
    assert "Kata sandi" in pages["login"][1]
    for name in ("suggestions", "match", "seeker", "home"):
        assert "2 dari 3 keterampilan cocok: bubut, las" in pages[name][1], name
        assert "tinggal di RW 03, Nusa Jaya, wilayah yang sama dengan lowongan" in pages[name][1], name
    assert result["after_create_app"] == []
    assert result["loaded"] == []
