"""Admin list downloads: staff accounts, kelurahan, audit log (with its filters), breaches and
model versions. Each: the page's columns and rows, formulas neutralised, XLSX readable, an unknown
format refused, the export audited, admin only."""
from __future__ import annotations

import datetime as dt

import pytest

from app.core import audit
from app.privacy import services as privacy
from app.extensions import db
from app.models import AuditLog, RankingModel, Role
from tests.export_checks import audited_export, csv_rows, norm, page_table, same_rows, xlsx_rows

ADMIN_EXPORTS = ["/admin/staff/export", "/admin/kelurahan/export", "/admin/audit/export", "/admin/breaches/export",
                 "/admin/models/export"]


@pytest.mark.parametrize("url", ADMIN_EXPORTS)
def test_every_admin_export_reads_in_both_formats_and_refuses_others(client, auth, world, url):
    auth.login("admin@test.id")
    header = csv_rows(client.get(url))[0]
    assert xlsx_rows(client.get(f"{url}?format=xlsx"))[0] == header
    assert client.get(f"{url}?format=ods").status_code == 404
    assert client.get(f"{url}?format=").status_code == 200  # empty: the default, CSV
    auth.logout()
    auth.login("petugas@test.id")
    assert client.get(url).status_code == 403


def test_staff_accounts_export_is_the_page(client, auth, world, make):
    make.user(Role.STAFF, "-petugas@test.id", kelurahan=world.cm, name="=Petugas Rumus")
    db.session.commit()
    auth.login("admin@test.id")
    header, shown = page_table(client.get("/admin/staff").get_data(as_text=True))
    rows = csv_rows(client.get("/admin/staff/export"))
    assert rows[0] == header == ["Nama", "Email", "Peran", "Kelurahan"]
    evil = next(r for r in rows[1:] if "Rumus" in r[0])
    assert evil == ["'=Petugas Rumus", "'-petugas@test.id", "Petugas kelurahan", "Cimone"]  # the role's label
    assert same_rows([[c.removeprefix("'") for c in r] for r in rows[1:]], shown)
    assert "warga@test.id" not in str(rows) and "hrd@test.id" not in str(rows)  # staff, admin and city only
    assert audited_export("staff_accounts").detail == "csv; 5 rows"


def test_kelurahan_export_is_the_page(client, auth, world, make):
    make.kelurahan("+Kelurahan Uji", code="3671071099", rw_list=["01", "02"])
    db.session.commit()
    auth.login("admin@test.id")
    header, shown = page_table(client.get("/admin/kelurahan").get_data(as_text=True))
    rows = csv_rows(client.get("/admin/kelurahan/export"))
    assert rows[0] == header == ["Kode", "Nama", "Kecamatan", "Kota", "RW"]
    assert ["3671071099", "'+Kelurahan Uji", "Karawaci", "Kota Tangerang", "2"] in rows
    assert same_rows([[c.removeprefix("'") for c in r] for r in rows[1:]], shown)
    assert xlsx_rows(client.get("/admin/kelurahan/export?format=xlsx"))[1:] == rows[1:]


def test_audit_log_export_keeps_the_filters(client, auth, world):
    audit.record(world.staff, "view", "seeker", world.seeker.id, "=HYPERLINK(\"http://x\")")
    audit.record(world.staff, "export", "seekers", "", "csv; 2 rows")
    audit.record(world.admin, "view", "seeker", world.other_seeker.id, "")
    db.session.commit()
    auth.login("admin@test.id")
    query = "actor=petugas&action=view&object_type=seeker"
    header, shown = page_table(client.get(f"/admin/audit?{query}").get_data(as_text=True))
    rows = csv_rows(client.get(f"/admin/audit/export?{query}"))
    assert rows[0] == header == ["Waktu", "Pelaku", "Aksi", "Objek", "Alamat IP", "Keterangan"]
    assert len(rows) == 2 and rows[1][1:4] == ["petugas@test.id", "Melihat", f"Warga #{world.seeker.id}"]
    assert rows[1][5] == "'=HYPERLINK(\"http://x\")"
    assert same_rows([rows[1][:5] + [rows[1][5][1:]]], shown)
    log = audited_export("audit_log")
    assert log.detail == "csv; 1 rows; actor, action=view, object_type=seeker"  # never the name searched for
    everything = csv_rows(client.get("/admin/audit/export"))
    assert len(everything) == 1 + db.session.query(AuditLog).count() - 1  # all but the export now being made


def test_audit_log_export_has_more_than_the_page(app, client, auth, world, monkeypatch):
    from app.admin import services

    for n in range(5):
        audit.record(world.staff, "view", "seeker", n, "")
    db.session.commit()
    monkeypatch.setattr(services, "AUDIT_SHOWN", 2)
    auth.login("admin@test.id")
    page = client.get("/admin/audit?action=view").get_data(as_text=True)
    assert len(page_table(page)[1]) == 2 and "menampilkan 2 catatan terbaru" in page
    assert len(csv_rows(client.get("/admin/audit/export?action=view"))) == 6


def test_breaches_export_is_the_register(client, auth, world):
    now = dt.datetime.now(dt.timezone.utc)
    privacy.record_breach(discovered_at=now - dt.timedelta(days=5), description="@Laptop hilang",
                          data_affected="Nama, No. HP", people_affected=12, actor=world.admin).notified_at = now
    privacy.record_breach(discovered_at=now, description="Email salah kirim", data_affected="", people_affected=1,
                          actor=world.admin)
    db.session.commit()
    auth.login("admin@test.id")
    page = norm(client.get("/admin/breaches").get_data(as_text=True))
    rows = csv_rows(client.get("/admin/breaches/export"))
    assert rows[0] == ["Diketahui pada (WIB)", "Jumlah orang terdampak", "Apa yang terjadi", "Data yang terdampak",
                       "Pemberitahuan"]
    assert [r[1:4] for r in rows[1:]] == [["1", "Email salah kirim", ""], ["12", "'@Laptop hilang", "Nama, No. HP"]]
    assert rows[1][4].startswith("beri tahu sebelum") and rows[2][4].startswith("diberitahukan")
    for row in rows[1:]:
        assert row[0] in page and row[4] in page and f"{row[1]} orang" in page
    assert audited_export("breaches") is not None


def test_model_versions_export_is_the_home_table(client, auth, world):
    db.session.add_all([RankingModel(version="v-lama", n_feedback=10, metrics={},
                                     trained_at=dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.timezone.utc)),
                        RankingModel(version="=v-baru", n_feedback=42, metrics={}, active=True)])
    db.session.commit()
    auth.login("admin@test.id")
    header, shown = page_table(client.get("/admin/").get_data(as_text=True))
    rows = csv_rows(client.get("/admin/models/export"))
    assert rows[0] == header == ["Versi", "Dilatih", "Data umpan balik", "Status"]
    assert [r[0] for r in rows[1:]] == ["'=v-baru", "v-lama"] and rows[1][3] == "aktif"
    assert rows[2][3] == "–" and shown[1][3] == ""  # the page shows an "Aktifkan" button there
    assert same_rows([[rows[1][0][1:]] + rows[1][1:], rows[2][:3] + [""]], shown)


def test_admin_pages_show_labels_not_codes(client, auth, world):
    audit.record(world.staff, "claim_code", "seeker", world.seeker.id, "")
    audit.record(None, "login_failed", "user", world.staff.id, "")
    db.session.commit()
    auth.login("admin@test.id")
    staff = client.get("/admin/staff").get_data(as_text=True)
    assert "<td>Petugas kelurahan</td>" in staff and "<td>Pemantau kota (Disnaker)</td>" in staff
    assert "<td>staff</td>" not in staff and "<td>city</td>" not in staff
    log = client.get("/admin/audit").get_data(as_text=True)
    assert f"<td>Membuat kode klaim akun</td><td>Warga #{world.seeker.id}</td>" in log
    assert f"<td>Gagal masuk</td><td>Akun #{world.staff.id}</td>" in log
    assert '<option value="claim_code">Membuat kode klaim akun</option>' in log
    assert ">claim_code<" not in log and ">seeker<" not in log
