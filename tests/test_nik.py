import datetime as dt

import pytest

from app.nik import NIKError, check_nik, mask_nik, parse_nik


@pytest.fixture(autouse=True)
def _babel_context():
    # Messages are lazy Babel strings; render them inside an app context.
    from app import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.test_request_context():
        yield


def test_man_parses_birth_date_and_sex():
    info = parse_nik("3671071705980001")
    assert info.birth_date == dt.date(1998, 5, 17)
    assert info.sex == "L"
    assert info.district == "367107"


def test_woman_day_has_forty_added():
    info = parse_nik("3671074302000002")
    assert info.birth_date == dt.date(2000, 2, 3)
    assert info.sex == "P"


@pytest.mark.parametrize("nik, fragment", [
    ("36710717059800", "16 angka"),
    ("367107170598000A", "16 angka"),
    ("3671073505980001", "01–31"),      # day 35: neither a man's nor a woman's day
    ("3671077205980001", "01–31"),      # day 72
    ("3671071713980001", "bulan"),      # month 13
    ("3671071705980000", "0000"),
    ("3671073102990001", "bukan tanggal"),  # 31 February
    ("3671077102010001", "bukan tanggal"),  # woman born 31 February
])
def test_invalid_niks_say_what_is_wrong(nik, fragment):
    with pytest.raises(NIKError) as err:
        parse_nik(nik)
    assert fragment in str(err.value)


def test_disagreement_with_entered_sex_is_explained():
    with pytest.raises(NIKError, match="perempuan"):
        check_nik("3671074302000002", dt.date(2000, 2, 3), "L")
    with pytest.raises(NIKError, match="laki-laki"):
        check_nik("3671071705980001", dt.date(1998, 5, 17), "P")


def test_disagreement_with_entered_birth_date_names_the_part():
    with pytest.raises(NIKError, match="Tanggal atau bulan"):
        check_nik("3671071705980001", dt.date(1998, 5, 18), "L")
    with pytest.raises(NIKError, match="Tahun lahir"):
        check_nik("3671071705980001", dt.date(1997, 5, 17), "L")


def test_agreeing_nik_passes_and_spaces_are_ignored():
    assert check_nik("3671 0717 0598 0001", dt.date(1998, 5, 17), "L").serial == "0001"


def test_mask_keeps_region_and_serial_only():
    assert mask_nik("3671071705980001") == "3671••••••••0001"
    assert "1705" not in mask_nik("3671071705980001")
