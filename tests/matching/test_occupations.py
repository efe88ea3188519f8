"""The occupation index: the bundled KBJI 2014 file resolves every alias to its own code, tolerates
typos without guessing, keeps decoys apart and relates unit groups."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from matching.occupations import (
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    Occupation,
    OccupationIndex,
    _data_rows,
    lookup,
    normalise,
    relation,
)


def _file_rows() -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for _, (code, title_id, title_en, aliases) in _data_rows(OCCUPATIONS_FILE):
        rows.append((code, title_id, title_en, [a.strip() for a in aliases.split("|") if a.strip()]))
    return rows


ROWS = _file_rows()


@pytest.fixture(scope="module")
def index() -> OccupationIndex:
    return OccupationIndex.default()


# -- the data file ------------------------------------------------------------------------------

def test_every_alias_and_title_resolves_to_its_own_rows_code(index):
    wrong = [(code, name, getattr(index.lookup(name), "code", None))
             for code, title_id, title_en, aliases in ROWS
             for name in (title_id, title_en, *aliases)
             if getattr(index.lookup(name), "code", None) != code]
    assert wrong == []


def test_the_file_covers_a_local_labour_market():
    assert len(ROWS) >= 300
    assert sum(len(aliases) for *_, aliases in ROWS) >= 2000
    assert len({code for code, *_ in ROWS}) >= 200
    # every KBJI major group that a kelurahan desk sees (1 managers .. 9 elementary) is present
    assert {code[0] for code, *_ in ROWS} >= set("123456789")


def test_no_alias_belongs_to_two_codes():
    owners: dict[str, set[str]] = {}
    for code, title_id, title_en, aliases in ROWS:
        for name in (title_id, title_en, *aliases):
            owners.setdefault(normalise(name), set()).add(code)
    assert {key: codes for key, codes in owners.items() if len(codes) > 1} == {}


def test_no_alias_is_written_twice():
    # Spellings that normalise alike ("staff admin", "admin staff") are kept on purpose; the same
    # spelling twice is a slip.
    counts = Counter(alias.casefold() for *_, aliases in ROWS for alias in aliases)
    repeated = {alias: n for alias, n in counts.items() if n > 1}
    assert repeated == {}


def test_a_file_with_an_ambiguous_alias_is_refused(tmp_path: Path):
    bad = tmp_path / "occupations.tsv"
    bad.write_text("# test\ncode\ttitle_id\ttitle_en\taliases\n"
                   "5223\tPramuniaga\tShop Sales Assistant\tshop assistant\n"
                   "5230\tKasir\tCashier\tShop Assistant\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shop assistant"):
        OccupationIndex.from_files(bad, relations=None)


def test_a_file_with_a_bad_code_is_refused(tmp_path: Path):
    bad = tmp_path / "occupations.tsv"
    bad.write_text("522\tPramuniaga\tShop Sales Assistant\tshop assistant\n", encoding="utf-8")
    with pytest.raises(ValueError, match="four-digit"):
        OccupationIndex.from_files(bad, relations=None)


def test_relations_name_known_codes_in_different_minor_groups(index):
    pairs = [tuple(fields[:2]) for _, fields in _data_rows(RELATIONS_FILE)]
    assert len(pairs) >= 50
    assert all(index.get(a) is not None and index.get(b) is not None for a, b in pairs)
    assert all(a[:3] != b[:3] for a, b in pairs)
    assert all(len(fields) == 3 and fields[2].strip() for _, fields in _data_rows(RELATIONS_FILE))


# -- lookup -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "code"), [
    ("Opr. Produksi", "8189"),
    ("OP PRODUKSI", "8189"),
    ("Staff Adm Gdg", "4321"),
    ("Operator Produksi lulusan SMA", "8189"),
    ("Admin Gudang PT Sinar Jaya Abadi", "4321"),
    ("Satpam (shift malam)", "5414"),
    ("Staff Admin", "4110"),
    ("Pramuniaga", "5223"),
    ("shop assistant", "5223"),
    ("SPG", "5242"),
    ("Tenaga Penjual", "3322"),
    ("Telemarketing", "5244"),
    ("Call Center", "4222"),
    ("Sopir Truk", "8332"),
    ("Kenek", "9333"),
    ("Kurir", "9621"),
    ("Montir", "7231"),
    ("Mekanik", "7231"),
    ("Tukang Las / Welder", "7212"),
    ("Guru PAUD", "2342"),
    ("Kapster", "5141"),
])
def test_lookup_reads_titles_as_written(index, title, code):
    assert index.lookup(title).code == code


@pytest.mark.parametrize(("typo", "code"), [
    ("pramunaiga", "5223"),
    ("satapm", "5414"),
    ("barsita", "5132"),
    ("operator produski", "8189"),
    ("helper gudng", "9333"),
    ("admin gudnag", "4321"),
    ("teknisi listirk", "7411"),
    ("telemarkeitng", "5244"),
    ("resepsionsi", "4226"),
    ("perawat lansai", "5322"),
    ("asisten apotekre", "3213"),
])
def test_typos_not_in_the_file_resolve(index, typo, code):
    assert normalise(typo) not in index.keys
    assert index.lookup(typo).code == code


@pytest.mark.parametrize("text", ["asdfgh", "makan", "rumah", "jalan", "bermain", "hello world", "saya ap rumah", "", "   ", "123"])
def test_unrelated_words_resolve_to_nothing(index, text):
    assert index.lookup(text) is None


@pytest.mark.parametrize(("title", "code"), [
    ("operator jahit", "8153"),
    ("operator produksi", "8189"),
    ("operator komputer", "4132"),
    ("asisten koki", "9412"),
    ("asisten apoteker", "3213"),
    ("perawat lansia", "5322"),
    ("perawat", "3221"),
    ("penjahit", "7531"),
    ("tenaga packing", "9321"),
    ("tenaga penjual", "3322"),
    ("admin hrd", "4416"),
    ("hrd", "2423"),
])
def test_decoys_stay_apart(index, title, code):
    assert index.lookup(title).code == code


def test_repeated_lookups_give_the_same_answer(index):
    first = [index.lookup(t) for t in ("opr prod", "pramunaiga", "asdfgh")]
    again = [index.lookup(t) for t in ("OPR. PROD", "Pramunaiga", "ASDFGH")]
    assert first == again


def test_default_index_is_shared_and_shortcuts_use_it():
    assert OccupationIndex.default() is OccupationIndex.default()
    assert lookup("kasir") == OccupationIndex.default().lookup("Kasir")
    assert relation("5223", "5230") == "related"


def test_occupation_carries_its_groups_and_label(index):
    occupation = index.lookup("pramuniaga")
    assert occupation == Occupation("5223", "Pramuniaga", "Shop Sales Assistant")
    assert (occupation.minor, occupation.sub_major, occupation.major) == ("522", "52", "5")
    assert occupation.label() == "Pramuniaga (KBJI 5223)"
    assert index.get("5223") == occupation
    assert index.get("0000") is None


# -- find_all -----------------------------------------------------------------------------------

def test_find_all_takes_the_longest_alias_first(index):
    text = "Dicari perawat lansia untuk keluarga; juga asisten koki dan operator jahit garmen."
    assert [o.code for o in index.find_all(text)] == ["5322", "9412", "8153"]


def test_find_all_lists_each_unit_group_once_in_order(index):
    text = "Pengalaman: kasir minimarket 2 tahun, lalu kasir supermarket, kemudian helper gudang."
    assert [o.code for o in index.find_all(text)] == ["5230", "9333"]


def test_find_all_ignores_short_words_that_are_not_job_titles(index):
    assert index.find_all("It is fine, PA said; art and music.") == []
    assert [o.code for o in index.find_all("Lulusan SMK bisa las dan bersedia jadi OB")] == ["7212", "9112"]


def test_find_all_is_not_typo_tolerant(index):
    assert index.find_all("pengalaman sebagai pramunaiga") == []


# -- relation -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("5223", "5223", "same"),
    ("5223", "5222", "minor"),
    ("5223", "5230", "related"),
    ("5230", "5223", "related"),
    ("5223", "5242", "related"),
    ("8322", "8332", "related"),
    ("8332", "9621", "near"),   # truck driver and courier: both adjacent to driver 8322
    ("9329", "8160", "near"),   # factory helper -> production operator 8189 -> food production operator
    ("7212", "5223", "none"),
    ("2342", "7231", "none"),
    ("8322", "9621", "related"),
    ("5120", "9412", "related"),
    ("5322", "3221", "related"),
    ("4222", "5244", "related"),
    ("8153", "4132", "none"),
    ("5223", "", "none"),
])
def test_relation(index, a, b, expected):
    assert index.relation(a, b) == expected


def test_relation_of_looked_up_titles(index):
    def rel(x: str, y: str) -> str:
        return index.relation(index.lookup(x).code, index.lookup(y).code)

    assert rel("pramuniaga", "SPG") == "related"
    assert rel("pramuniaga", "shop assistant") == "same"
    assert rel("telemarketing", "call center") == "related"
    assert rel("montir", "mekanik maintenance") == "minor"
    assert rel("sekretaris", "staff admin") == "related"
    assert rel("operator jahit", "operator komputer") == "none"
    assert rel("perawat lansia", "asisten apoteker") == "none"


def test_a_typo_match_changes_at_most_one_letter_per_word(tmp_path: Path):
    data = tmp_path / "occupations.tsv"
    data.write_text("9412\tCook Helper\tKitchen Helper\thelper koki\n"
                    "8189\tOperator Produksi\tProduction Operator\t\n", encoding="utf-8")
    small = OccupationIndex.from_files(data, relations=None)
    assert small.lookup("helper toko") is None  # two edits, both in one word: another job
    assert small.lookup("helper kokii").code == "9412"
    assert small.lookup("oprator produski").code == "8189"  # one slip in each word


def test_two_codes_at_the_same_distance_give_no_answer(tmp_path: Path):
    data = tmp_path / "occupations.tsv"
    data.write_text("5230\tKasir\tCashier\t\n5141\tKapster\tHairdresser\tkasur\n", encoding="utf-8")
    assert OccupationIndex.from_files(data, relations=None).lookup("kasor") is None


def test_find_all_finds_no_job_in_addresses_or_plain_english(index):
    text = ("We are looking for a motivated team member to join our store and serve customers. "
            "Alamat: Jl. Taman Kebun Jeruk, Kelurahan Nusa Jaya, dekat bandara. Long-lasting event.")
    assert index.find_all(text) == []
