"""The matching library must not pull in the web app, Flask, SQLAlchemy or translation machinery."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import json, sys
import matching, matching.engine, matching.reasons, matching.text, matching.types
print(json.dumps(sorted(sys.modules)))
"""


def test_import_pulls_in_no_web_or_db_module():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    modules = json.loads(out.stdout)
    banned = [m for m in modules
              if m.split(".")[0].lower().startswith(("flask", "sqlalchemy", "babel", "jinja2", "werkzeug", "alembic"))
              or m == "app" or m.startswith("app.")]
    assert banned == []
    assert "matching" in modules
