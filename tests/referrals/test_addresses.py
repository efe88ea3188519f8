"""RT and RW are printed once in a resident's address, however the address text was typed."""
from __future__ import annotations

import pytest

from app.core.addresses import format_address
from app.extensions import db
from app.referrals import letters
from tests.referrals.test_letters import _pdf_text, _referred


@pytest.mark.parametrize("typed", [
    "Jl. Melati No. 3, RT 002 / RW 03",
    "Jl. Melati No. 3 RT.002/RW.03",
    "Jl. Melati No. 3, rt 2, rw 3",
    "Jl. Melati No. 3",
])
def test_rt_and_rw_come_once_after_the_street(typed):
    assert format_address(typed, "002", "03") == "Jl. Melati No. 3, RT 002/RW 03"


def test_numbers_typed_only_in_the_text_still_show_and_nothing_known_is_a_dash():
    assert format_address("Gg. Mawar RT 004 RW 01", "", "") == "Gg. Mawar, RT 004/RW 01"
    assert format_address("Jl. Kenanga 9", "", "05", "Nusa Jaya") == "Jl. Kenanga 9, RW 05, Kelurahan Nusa Jaya"
    assert format_address("", "", "") == "–"


def test_letter_and_staff_page_print_rt_rw_once(app, client, auth, world):
    world.seeker.address = "Jl. Melati No. 3, RT 002 / RW 03"
    db.session.commit()
    letter = letters.issue(_referred(world), world.staff)
    db.session.commit()
    with app.test_request_context():
        text = _pdf_text(letters.render_pdf(letter, compress=False))
    assert text.count("RT 002") == 1 and "Jl. Melati No. 3, RT 002/RW 03, Kelurahan Nusa Jaya" in text
    auth.login("petugas@test.id")
    page = client.get(f"/staff/seekers/{world.seeker.id}").get_data(as_text=True)
    assert page.count("RT 002") == 1 and "Jl. Melati No. 3, RT 002/RW 03" in page
