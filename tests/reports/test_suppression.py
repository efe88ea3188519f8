"""Small-cell suppression outside the kelurahan office (app/reports/disclosure.py): the rule
itself, and that the city's dashboard, its downloads and its monthly report apply it while
staff keep their exact figures."""
from __future__ import annotations

import csv
import io
import itertools
import random
import re

import pytest
from openpyxl import load_workbook

from app.jobs.runner import execute
from app.reports import disclosure

K = 5


def _possible_values(shown: list, total: int, limit: int = 40) -> list[set[int]]:
    """What a reader who knows the total can tell about each hidden cell: every value it can
    take in some table consistent with the visible cells, the total and "hidden cells are not 0"."""
    hidden = [i for i, v in enumerate(shown) if disclosure.is_hidden(v)]
    rest = total - sum(v for v in shown if not disclosure.is_hidden(v))
    possible = [set() for _ in shown]
    for values in itertools.product(range(1, min(rest, limit) + 1), repeat=len(hidden)):
        if sum(values) == rest:
            for i, v in zip(hidden, values):
                possible[i].add(v)
    return possible


@pytest.mark.parametrize("counts", [[1, 20, 30], [4, 7, 9, 0], [2, 2, 40], [1, 1, 1], [3, 0, 12],
                                    [1, 5, 5, 5], [0, 0, 3], [6, 1, 8, 2]])
def test_no_hidden_cell_can_be_worked_back_from_the_total(counts):
    shown = disclosure.suppress(counts, K)
    assert [v for v in shown if not disclosure.is_hidden(v)] == [n for n, v in zip(counts, shown) if v == n]
    assert all(disclosure.is_hidden(v) for n, v in zip(counts, shown) if 0 < n < K)  # rule 1
    if sum(n for n, v in zip(counts, shown) if disclosure.is_hidden(v)) >= K:
        assert all(v == 0 for n, v in zip(counts, shown) if n == 0)  # zero names nobody
    else:  # a breakdown of fewer than k people hides its zeros too
        assert all(disclosure.is_hidden(v) for v in shown)
    hidden = [n for n, v in zip(counts, shown) if disclosure.is_hidden(v)]
    if hidden:
        assert len(hidden) >= 2  # rule 2
        assert sum(hidden) >= K or len(hidden) == len(counts)  # else everything is hidden
    for i, values in enumerate(_possible_values(shown, sum(counts))):
        if disclosure.is_hidden(shown[i]) and len(hidden) >= 2 and sum(hidden) >= K:
            assert len(values) >= 2, (counts, shown, i, values)


def test_random_breakdowns_never_give_a_small_cell_back():
    rng = random.Random(17)
    for _ in range(300):
        counts = [rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14]) for _ in range(rng.randint(2, 5))]
        shown = disclosure.suppress(counts, K)
        hidden = [n for n, v in zip(counts, shown) if disclosure.is_hidden(v)]
        if len(hidden) >= 2 and sum(hidden) >= K:
            for i, values in enumerate(_possible_values(shown, sum(counts))):
                if 0 < counts[i] < K:
                    assert len(values) >= 2, (counts, shown)


def test_one_small_cell_takes_the_smallest_other_with_it():
    assert disclosure.suppress([1, 20, 30, 0], K) == ["–", "–", 30, 0]
    assert disclosure.suppress([12, 9, 30], K) == [12, 9, 30]  # nothing small: nothing hidden
    assert disclosure.suppress([2, 2, 40], K) == ["–", "–", "–"]  # 2 + 2 < k: the 40 goes too
    assert disclosure.suppress([1, 1, 0], K) == ["–", "–", "–"]  # two people in all: the zero too
    # two small cells holding fewer than k together take a third
    assert disclosure.suppress([1, 1, 8, 9], K) == ["–", "–", "–", 9]


def test_the_threshold_is_one_setting(app, monkeypatch):
    monkeypatch.setitem(app.config, "SMALL_CELL_THRESHOLD", 3)
    assert disclosure.small_count(2) == "< 3" and disclosure.small_count(3) == 3
    assert disclosure.suppress([3, 4, 5]) == [3, 4, 5]
    with app.test_request_context():
        assert "kurang dari 3" in disclosure.footnote()


def _table_cells(page: str, heading: str) -> list[list[str]]:
    table = re.search(r'<th scope="col">' + heading + r"</th>.*?<tbody>(.*?)</tbody>", page, re.S).group(1)
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]


@pytest.mark.parametrize("login", ["kota@test.id", "admin@test.id"])
def test_city_dashboard_hides_small_counts_and_says_why(client, auth, figures_world, login):
    # looking for work in the city: Budi (L, SMK), Siti (P, SMK), Ani (P, SMA): every group is small
    auth.login(login)
    page = client.get("/reports/").get_data(as_text=True)
    assert 'id="catatan-angka-kecil"' in page and "disembunyikan" in page
    assert _table_cells(page, "Jenis kelamin") == [["Laki-laki", "–"], ["Perempuan", "–"]]
    assert {cells[1] for cells in _table_cells(page, "Pendidikan")} == {"–"}
    assert {cells[1] for cells in _table_cells(page, "Umur")} <= {"0", "–"}
    employers = _table_cells(page, "Perusahaan")
    sinar = next(cells for cells in employers if cells[0].startswith("PT Sinar Logam"))
    assert sinar[1] == "–" and "50" not in sinar[3]  # 2 hires, 1 with a disability: neither shown
    csv_rows = list(csv.reader(io.StringIO(client.get("/reports/table/jenis-kelamin.csv").data.decode("utf-8-sig"))))
    assert [row[1] for row in csv_rows[1:3]] == ["–", "–"] and "disembunyikan" in csv_rows[-1][0]
    book = load_workbook(io.BytesIO(client.get("/reports/table/perusahaan.xlsx").data))
    assert "disembunyikan" in str(list(book.active.iter_rows(values_only=True))[-1][0])


def test_staff_see_the_exact_counts_of_their_kelurahan(client, auth, figures_world):
    auth.login("petugas@test.id")
    page = client.get("/reports/").get_data(as_text=True)
    assert 'id="catatan-angka-kecil"' not in page
    assert _table_cells(page, "Jenis kelamin") == [["Laki-laki", "1"], ["Perempuan", "1"]]  # Budi, Ani
    rows = list(csv.reader(io.StringIO(client.get("/reports/table/jenis-kelamin.csv").data.decode("utf-8-sig"))))
    assert rows[1:] == [["Laki-laki", "1"], ["Perempuan", "1"]]


def test_city_monthly_report_hides_small_counts(app, client, auth, figures_world, tmp_path):
    app.config["REPORTS_DIR"] = str(tmp_path)
    try:
        auth.login("kota@test.id")
        response = client.post("/reports/monthly", data={"month": figures_world.month.label, "kelurahan": "",
                                                         "format": "xlsx"})
        job_id = int(re.search(r"/reports/monthly/(\d+)$", response.headers["Location"]).group(1))
        execute(job_id)
        response = client.get(f"/reports/monthly/{job_id}/download")
        book = load_workbook(io.BytesIO(response.data))
        response.close()
    finally:
        app.config.pop("REPORTS_DIR", None)
    sheets = {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    sex = sheets["Pencari kerja menurut jenis kelamin"[:31]]
    assert [r[1] for r in sex[3:]] == ["–", "–"]
    assert any("disembunyikan" in str(r[0]) for r in sheets["Ringkasan"])
    sinar = next(r for r in sheets["Per perusahaan"] if r[0] == "PT Sinar Logam")
    assert sinar[2] == "–" and sinar[5] == "< 5" and sinar[6] == "–"  # hires, disability and its share
    per_kelurahan = sheets["Pencari kerja per kelurahan"]
    assert all(cell in (0, "–") for row in per_kelurahan[3:] for cell in row[1:])


def test_placements_per_kelurahan_and_sector_are_protected_in_every_row_and_column():
    cells = {("Cimone", "C"): 1, ("Cimone", "G"): 12, ("Nusa Jaya", "C"): 9, ("Nusa Jaya", "G"): 30}
    shown = disclosure.suppress_grid(cells, K)
    # Cimone's total (13) and sector C's total (10) are known from the funnels: the 1 takes one
    # cell of its row and one of its column with it, and those take the fourth for their own row
    # and column.
    assert set(shown.values()) == {"–"}
    bigger = {("Cimone", "C"): 1, ("Cimone", "G"): 12, ("Nusa Jaya", "C"): 9, ("Nusa Jaya", "G"): 30,
              ("Cikokol", "C"): 40, ("Cikokol", "G"): 25}
    shown = disclosure.suppress_grid(bigger, K)
    for axis in (0, 1):
        for value in {key[axis] for key in bigger}:
            hidden = [bigger[key] for key in bigger if key[axis] == value and shown[key] == "–"]
            assert not hidden or (len(hidden) >= 2 and sum(hidden) >= K), (axis, value, shown)


def test_employers_with_hidden_hires_are_not_ordered_by_them(app):
    employers = [{"name": name, "hires": hires, "local": 0, "disability": 0, "local_share": None,
                  "disability_share": None} for name, hires in (("Zeta", 40), ("Alfa", 4), ("Beta", 9), ("Gama", 0))]
    with app.test_request_context():
        rows = disclosure.protect_employers(sorted(employers, key=lambda e: -e["hires"]))
    assert [(r["name"], r["hires"]) for r in rows] == [("Zeta", 40), ("Alfa", "–"), ("Beta", "–"), ("Gama", 0)]


@pytest.mark.parametrize(("registered", "visitors", "hires", "shown"), [
    (7, 6, [(30, 1), (90, 1)], (7, "–", [(30, "< 5"), (90, "< 5")])),  # one did not come: 7 - 6 gives it
    (9, 9, [(30, 6), (90, 8)], (9, 9, [(30, "–"), (90, 8)])),  # 8 - 6: two hired after day 30
    (12, 6, [(30, 0), (90, 2)], (12, 6, [(30, 0), (90, "< 5")])),  # nobody by day 30 names nobody
    (3, 3, [(30, 0), (90, 0)], ("< 5", "< 5", [(30, 0), (90, 0)])),
])
def test_a_fair_s_counts_of_people_are_protected(app, registered, visitors, hires, shown):
    fair = {"name": "Bursa", "registered": registered, "visitors": visitors, "companies": 2, "vacancies": 3,
            "applications": 11, "interviews": 4, "hires": hires}
    row = disclosure.protect_fairs([fair], K)[0]
    assert (row["registered"], row["visitors"], row["hires"]) == shown
    assert (row["companies"], row["vacancies"], row["applications"], row["interviews"]) == (2, 3, 11, "< 5")
