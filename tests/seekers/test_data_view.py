"""The resident's "Lihat semua data": labelled, formatted values in the reader's language, never
field names or stored codes."""
from __future__ import annotations

import re

from app.extensions import db
from app.models import ExperienceEntry
from tests.web.test_translations import compile_if_stale


def _held(client) -> str:
    page = client.get("/me/data").get_data(as_text=True)
    start = page.index("Lihat semua data yang disimpan")
    return page[start:page.index("</details>", start)]


def test_the_data_view_reads_as_words(client, auth, world):
    db.session.add(ExperienceEntry(seeker=world.seeker, title="Operator bubut", employer="PT Maju", years=1.5))
    world.seeker.address = "Jl. Melati 3, RT 002 / RW 03"
    db.session.commit()
    auth.login("warga@test.id")
    held = _held(client)
    for expected in ("<dt>Pendidikan terakhir</dt><dd>SMK/MAK</dd>", "<dt>Jenis kelamin</dt><dd>Laki-laki</dd>",
                     "<dt>Tanggal lahir</dt><dd>17 Mei 1998</dd>", "<dt>Gaji yang diharapkan</dt><dd>Rp5.400.000</dd>",
                     "<dd>Pagi, Bergilir (shift)</dd>", "<dd>PKWT (kontrak)</dd>", "<dd>Sedang mencari kerja</dd>",
                     "<dd>Jl. Melati 3, RT 002/RW 03, Kelurahan Nusa Jaya</dd>",
                     "Operator bubut · PT Maju · 1,5 tahun", "Berbagi data dengan perusahaan: setuju"):
        assert expected in held, expected
    for code in ("tanggal lahir", "jenis kelamin", "gaji diharapkan", "<dd>SMK</dd>", "<dd>L</dd>", "looking",
                 "bergilir,", "pkwt", "sharing", "5400000", "T00:00"):
        assert code not in held, code
    assert not re.search(r"\d{4}-\d{2}-\d{2}", held)  # no ISO dates


def test_in_english_the_same_view_is_english(client, auth, world):
    if compile_if_stale():
        client.application.extensions["babel"].instance.domain_instance.cache.clear()
    auth.login("warga@test.id")
    held = client.get("/me/data?lang=en").get_data(as_text=True)
    for expected in ("<dt>Highest education</dt>", "<dd>Male</dd>", "<dd>17 May 1998</dd>", "<dd>Rp5,400,000</dd>",
                     "<dd>Looking for work</dd>", "Sharing data with companies: agreed"):
        assert expected in held, expected
