"""Licences and certificates: recognition in free text, what each covers, and how a vacancy asks."""
import json
import random
import subprocess
import sys
import time

import pytest

from matching.licences import (
    closure,
    covers,
    display_name,
    find_licences,
    held_licences,
    requirement_strength,
    table,
    vacancy_licences,
)

RECOGNITION = [
    # (text, listed entry?, expected codes)
    ("SIM C", False, {"SIM_C"}),
    ("SIM C aktif", False, {"SIM_C"}),
    ("memiliki SIM A", False, {"SIM_A"}),
    ("SIM A/C", False, {"SIM_A", "SIM_C"}),
    ("SIM A dan C", False, {"SIM_A", "SIM_C"}),
    ("sim A & sim C masih berlaku", False, {"SIM_A", "SIM_C"}),
    ("SIM B1 Umum", False, {"SIM_B1_UMUM"}),
    ("sim b 1 umum", False, {"SIM_B1_UMUM"}),
    ("SIM B1U", False, {"SIM_B1_UMUM"}),
    ("sim bi umum", False, {"SIM_B1_UMUM"}),
    ("SIM B II Umum", False, {"SIM_B2_UMUM"}),
    ("SIM B1 / B2 Umum", False, {"SIM_B1", "SIM_B2_UMUM"}),
    ("Surat Izin Mengemudi golongan A", False, {"SIM_A"}),
    ("kartu SIM telkomsel, beli SIM di konter", False, set()),
    ("SIM B", False, {"SIM_B1"}),
    ("SIO forklift/crane/excavator", False, {"SIO_FORKLIFT", "SIO_CRANE", "SIO_EXCAVATOR"}),
    ("B1 Umum", True, {"SIM_B1_UMUM"}),
    ("forklift", False, set()),
    ("operator forklift 2 tahun", False, set()),
    ("forklift", True, {"SIO_FORKLIFT"}),
    ("SIO Forklift", False, {"SIO_FORKLIFT"}),
    ("sio fork lift kemnaker", False, {"SIO_FORKLIFT"}),
    ("lisensi operator forklift", False, {"SIO_FORKLIFT"}),
    ("SIO aktif", False, {"SIO"}),
    ("SIO crane dan forklift", False, {"SIO_CRANE", "SIO_FORKLIFT"}),
    ("berpengalaman crane dan forklift", False, set()),
    ("Forklift SIO", False, {"SIO_FORKLIFT"}),
    ("memiliki SIM (A/C)", False, {"SIM_A", "SIM_C"}),
    ("sertifikat K3 listrik", False, {"K3_LISTRIK"}),
    ("Gada Pratama", False, {"GADA_PRATAMA"}),
    ("sertifikat gada madya", False, {"GADA_MADYA"}),
    ("KTA satpam aktif", False, {"GADA_PRATAMA"}),
    ("Garda Utama", False, {"GADA_UTAMA"}),
    ("STR aktif", False, {"STR"}),
    ("STR TTK", False, {"STR_TTK"}),
    ("STR perawat dan BTCLS", False, {"STR", "BTCLS"}),
    ("SIPTTK / SIKTTK", False, {"SIP_TTK"}),
    ("Brevet A & B", False, {"BREVET_A", "BREVET_B"}),
    ("brevet pajak AB", False, {"BREVET_A", "BREVET_B"}),
    ("Brevet C", False, {"BREVET_C"}),
    ("K3 Umum", False, {"AK3_UMUM"}),
    ("Ahli K3 Listrik", False, {"K3_LISTRIK"}),
    ("memahami K3 di pabrik", False, set()),
    ("K3", True, {"K3"}),
    ("welder 3G/4G", False, {"LAS_3G", "LAS_4G"}),
    ("bisa las SMAW dan argon", False, set()),
    ("sertifikat las SMAW", False, {"LAS_SMAW"}),
    ("SMAW", True, {"LAS_SMAW"}),
    ("barista berpengalaman", False, set()),
    ("sertifikat barista", False, {"BARISTA"}),
    ("SKCK dan paspor", False, {"SKCK", "PASPOR"}),
    ("Sertifikat kompetensi BNSP", False, {"BNSP"}),
    ("TOEIC 600", False, {"TOEIC"}),
]


@pytest.mark.parametrize(("text", "listed", "expected"), RECOGNITION)
def test_recognition(text, listed, expected):
    assert find_licences(text, listed=listed) == frozenset(expected)


COVERAGE = [
    # (held, required, covered?)
    ({"SIM_B1_UMUM"}, "SIM_A", True),
    ({"SIM_B1_UMUM"}, "SIM_B1", True),
    ({"SIM_B1_UMUM"}, "SIM_A_UMUM", True),
    ({"SIM_B1_UMUM"}, "SIM_B2", False),
    ({"SIM_B1"}, "SIM_A", True),
    ({"SIM_B1"}, "SIM_A_UMUM", False),
    ({"SIM_B2"}, "SIM_B1", True),
    ({"SIM_B2"}, "SIM_B1_UMUM", False),
    ({"SIM_B2_UMUM"}, "SIM_A_UMUM", True),
    ({"SIM_A_UMUM"}, "SIM_A", True),
    ({"SIM_C"}, "SIM_A", False),
    ({"SIM_C"}, "SIM_B1", False),
    ({"SIM_A"}, "SIM_C", False),
    ({"SIM_A"}, "SIM_B1", False),
    ({"SIM_A", "SIM_C"}, "SIM_C", True),
    ({"SIM_C2"}, "SIM_C", True),
    ({"GADA_MADYA"}, "GADA_PRATAMA", True),
    ({"GADA_MADYA"}, "GADA_UTAMA", False),
    ({"GADA_UTAMA"}, "GADA_PRATAMA", True),
    ({"GADA_PRATAMA"}, "GADA_MADYA", False),
    ({"SIO_FORKLIFT"}, "SIO", True),
    ({"SIO_FORKLIFT"}, "SIO_CRANE", False),
    ({"SIO"}, "SIO_FORKLIFT", False),
    ({"STR_TTK"}, "STR", True),
    ({"STR"}, "STR_TTK", False),
    ({"BREVET_B"}, "BREVET_A", True),
    ({"BREVET_A"}, "BREVET_B", False),
    ({"AK3_UMUM"}, "K3", True),
    ({"K3"}, "K3_LISTRIK", False),
    ({"LAS_6G"}, "LAS_3G", True),
    ({"LAS_3G"}, "LAS_6G", False),
    (set(), "SIM_A", False),
]


@pytest.mark.parametrize(("held", "required", "expected"), COVERAGE)
def test_coverage(held, required, expected):
    assert covers(held, required) is expected
    assert (required in closure(held)) is expected


STRENGTH = [
    # (vacancy text, code, strength)
    ("Wajib memiliki SIM B1 Umum", "SIM_B1_UMUM", "required"),
    ("Harus punya SIO forklift yang masih aktif", "SIO_FORKLIFT", "required"),
    ("Persyaratan:\n- Pria usia 20-35\n- Memiliki SIM A\n- Jujur", "SIM_A", "required"),
    ("SIM C", "SIM_C", "required"),
    ("SIO forklift diutamakan", "SIO_FORKLIFT", "preferred"),
    ("Memiliki sertifikat K3 menjadi nilai plus", "K3", "preferred"),
    ("Nilai tambah jika memiliki Brevet A", "BREVET_A", "preferred"),
    ("Lebih disukai yang memiliki STR aktif", "STR", "preferred"),
    ("Lebih diutamakan punya Gada Pratama", "GADA_PRATAMA", "preferred"),
    ("TOEIC (optional)", "TOEIC", "preferred"),
    ("Memiliki SIM C, SIM A diutamakan", "SIM_C", "required"),
    ("Memiliki SIM C, SIM A diutamakan", "SIM_A", "preferred"),
    ("Wajib SIM C, diutamakan yang memiliki SIM A", "SIM_C", "required"),
    ("Wajib SIM C, diutamakan yang memiliki SIM A", "SIM_A", "preferred"),
    ("Diutamakan memiliki SIO forklift dan SIM B1", "SIM_B1", "preferred"),
    ("SIM A/C diutamakan", "SIM_A", "preferred"),
    ("SIM C tidak wajib", "SIM_C", "preferred"),
    ("Akan dibantu pembuatan SIM B1 Umum", "SIM_B1_UMUM", None),
    ("Tidak perlu SIO", "SIO", None),
    ("Wajib memiliki SIM B1 Umum", "SIM_A", None),  # covered, but not asked for by name
    ("Pengalaman operator forklift", "SIO_FORKLIFT", None),
    ("Diutamakan yang memiliki SIM A, SIM C", "SIM_C", "preferred"),
    ("Helper gudang, tidak perlu SIM, SIO forklift nilai plus", "SIO_FORKLIFT", "preferred"),
    ("Teknisi: sertifikat K3 listrik diutamakan; SKTTK wajib.", "SKTTK", "required"),
]


@pytest.mark.parametrize(("text", "code", "expected"), STRENGTH)
def test_requirement_strength(text, code, expected):
    assert requirement_strength(text, code) == expected


def test_every_alias_resolves_to_its_code():
    wrong = []
    for lic in table().values():
        for alias in lic.aliases:
            if lic.code not in find_licences(alias):
                wrong.append((lic.code, alias, sorted(find_licences(alias))))
        for alias in lic.listed_aliases:
            if lic.code not in find_licences(alias, listed=True):
                wrong.append((lic.code, alias, sorted(find_licences(alias, listed=True))))
    assert wrong == []


def test_listed_aliases_alone_never_count_in_free_text():
    assert [a for lic in table().values() for a in lic.listed_aliases if find_licences(a)] == []


def test_table_has_names_and_every_sim_class():
    rows = table()
    for code in ("SIM_A", "SIM_A_UMUM", "SIM_B1", "SIM_B1_UMUM", "SIM_B2", "SIM_B2_UMUM", "SIM_C", "SIM_D",
                 "SIO_FORKLIFT", "SIO_CRANE", "GADA_PRATAMA", "GADA_MADYA", "GADA_UTAMA", "STR", "STR_TTK",
                 "BREVET_A", "BREVET_B", "AK3_UMUM", "K3_LISTRIK"):
        assert rows[code].name_id and rows[code].name_en
    assert display_name("SIM_B1_UMUM") == "SIM B1 Umum"
    assert display_name("SIO_FORKLIFT", "en") == "Forklift operator licence"


def test_vacancy_licences_combines_fields():
    got = vacancy_licences(
        title="Driver Truk SIM B1 Umum",
        description="Kualifikasi:\n- Wajib SIM A atau B2 Umum\n- SIO forklift nilai plus",
        certificates=["KTA satpam", "Brevet A (diutamakan)"],
        skills=["forklift", "SIO crane"],
    )
    assert got == {
        "SIM_B1_UMUM": "required",
        "SIM_A": "required",  # B2 Umum covers A: A is the real floor of "A atau B2 Umum"
        "SIM_B2_UMUM": "preferred",
        "SIO_FORKLIFT": "preferred",
        "GADA_PRATAMA": "required",
        "BREVET_A": "preferred",
        "SIO_CRANE": "preferred",  # written as a skill: never a hard filter
    }


def test_alternatives_that_do_not_cover_each_other_are_not_a_hard_filter():
    assert vacancy_licences(description="Wajib memiliki SIM A atau SIM C") == {"SIM_A": "preferred",
                                                                               "SIM_C": "preferred"}


HELD = [
    # (certificate entries, free texts, licences held)
    (["SIM A", "SIM C (masih proses)"], [], {"SIM_A"}),
    (["SIM B1 expired"], [], set()),
    ([], ["belum punya SIO forklift, punya SIM A/C"], {"SIM_A", "SIM_C"}),
    ([], ["tidak memiliki SIM C"], set()),
    (["Forklift"], ["operator forklift 3 tahun"], {"SIO_FORKLIFT"}),
]


@pytest.mark.parametrize(("certificates", "texts", "expected"), HELD)
def test_held_licences(certificates, texts, expected):
    assert held_licences(certificates, texts) == frozenset(expected)


def test_resident_skill_is_not_a_licence():
    held = held_licences(certificates=["SIM C"], texts=["forklift", "operator forklift"])
    assert held == {"SIM_C"}
    assert not covers(held, "SIO_FORKLIFT") and not covers(held, "SIM_B1")


def test_hostile_text_is_read_fast():
    rng = random.Random(7)
    junk = "".join(rng.choice(["sim a ", "sim ", "/ ", "dan ", "b 1 ", "diutamakan ", "(", "x" * 40 + " ", "\n"])
                   for _ in range(30_000))[:100_000]
    start = time.perf_counter()
    find_licences("sim a " * 17_000)
    vacancy_licences(title=junk, description=junk, certificates=[junk], skills=[junk])
    requirement_strength(junk + "!", "SIM_A")
    assert time.perf_counter() - start < 2.0


def test_module_pulls_in_no_web_or_database_module():
    code = "import json, sys, matching.licences; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                        check=True).stdout)
    assert [m for m in modules if m.split(".")[0] in {"flask", "sqlalchemy", "jinja2", "babel", "werkzeug", "app"}] == []
