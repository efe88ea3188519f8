"""The web app's list of licences: the engine's table, read without importing the engine."""
import json
import subprocess
import sys
from pathlib import Path

from flask_babel import force_locale

from app.vacancies import licences

ROOT = Path(__file__).resolve().parents[2]

CODE = r"""
import json, sys
from app.vacancies import licences
codes = list(licences.table())
held = sorted(licences.held_codes(["SIM B1 Umum"]))
print(json.dumps({"codes": len(codes), "held": held, "loaded": sorted(m for m in ("matching", "sklearn", "scipy")
                                                                       if m in sys.modules)}))
"""


def test_reading_the_table_does_not_import_the_engine():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["loaded"] == [] and result["codes"] > 50
    assert result["held"] == ["SIM_A", "SIM_A_UMUM", "SIM_B1", "SIM_B1_UMUM"]


def test_the_same_codes_and_names_as_the_engine():
    from matching import licences as engine

    assert {c: (r.kind, r.name_id, r.name_en) for c, r in engine.table().items()} == \
        {c: (r.kind, r.name_id, r.name_en) for c, r in licences.table().items()}


def test_choices_grouped_by_kind_in_the_readers_language(app):
    with app.test_request_context("/"):
        groups = licences.grouped_choices()
        labels = list(groups)
        assert labels[:3] == ["SIM (surat izin mengemudi)", "SIO (surat izin operator alat berat)", "Satpam (Gada)"]
        assert labels[-1] == "Dokumen" and "Lainnya" not in labels
        assert ("SIM_B1_UMUM", "SIM B1 Umum") in groups["SIM (surat izin mengemudi)"]
        assert sum(len(options) for options in groups.values()) == len(licences.table())
        with force_locale("en"):
            assert ("SIM_B1_UMUM", "Driving licence B1, public transport") in \
                licences.grouped_choices()["Driving licences (SIM)"]
            assert licences.licence_names(["SIO_FORKLIFT", "NOPE"]) == ["Forklift operator licence", "NOPE"]


def test_written_names_and_codes_resolve():
    assert licences.match_code("SIM B1 Umum") == licences.match_code("sim_b1_umum") == "SIM_B1_UMUM"
    assert licences.match_code("Forklift operator licence") == "SIO_FORKLIFT"
    assert licences.match_code("kta satpam") == "GADA_PRATAMA"
    assert licences.match_code("SIM B1 Umum dan SIO") is None and licences.match_code("") is None
