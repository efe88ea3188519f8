import datetime as dt

import pytest

from app.core.nik import NIKError, check_nik, mask_nik, parse_nik


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
    ("3.67107E+15", "diubah Excel"),      # a NIK column Excel kept as a number
    ("3,67107E+15", "diubah Excel"),
    ("3.67107e15", "diubah Excel"),
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


@pytest.mark.parametrize("nik, fragment", [
    ("0071071705980001", "provinsi"),   # province 00
    ("2071071705980001", "provinsi"),   # no province 20
    ("3771071705980001", "provinsi"),   # Banten is the last of 31–36
    ("9871071705980001", "provinsi"),
    ("3600071705980001", "00"),         # kabupaten/kota 00
    ("3671001705980001", "00"),         # kecamatan 00
])
def test_impossible_region_codes_are_refused(nik, fragment):
    with pytest.raises(NIKError) as err:
        parse_nik(nik)
    assert fragment in str(err.value)


@pytest.mark.parametrize("province", ["11", "19", "21", "31", "36", "51", "53", "61", "65", "71", "76", "81", "82",
                                      "91", "92", "97"])
def test_every_real_province_is_accepted(province):
    assert parse_nik(f"{province}71071705980001").province == province


def test_working_age_bounds():
    from app.core.nik import MAX_WORKING_AGE, MIN_WORKING_AGE, check_working_age

    today = dt.date(2026, 6, 15)
    assert (MIN_WORKING_AGE, MAX_WORKING_AGE) == (14, 80)
    check_working_age(dt.date(2012, 6, 15), today)  # 14 today
    check_working_age(dt.date(1945, 6, 16), today)  # 80, 81 tomorrow
    for birth in (dt.date(2012, 6, 16), dt.date(1945, 6, 15), dt.date(1895, 8, 17), dt.date(2027, 1, 1)):
        with pytest.raises(NIKError):
            check_working_age(birth, today)
    with pytest.raises(NIKError, match="14–80 tahun"):
        check_working_age(dt.date(1895, 8, 17), today)


def test_registration_forms_check_the_working_age():
    """The birth date of a resident being registered; an unchanged one of an existing profile is left alone."""
    from types import SimpleNamespace

    from werkzeug.datastructures import MultiDict

    from app.staff.forms import WalkInForm
    from app.seekers.forms import ProfileForm

    def errors(form_class, birth: str, **kw):
        form = form_class(MultiDict({"full_name": "Rina", "nik": "3671075708950001", "birth_date": birth, "sex": "P"}),
                          meta={"csrf": False}, **kw)
        form.validate()
        return form.errors

    assert "birth_date" not in errors(WalkInForm, "1995-08-17")
    assert "14–80 tahun" in errors(WalkInForm, "1895-08-17")["birth_date"][0]
    assert "nik" not in errors(WalkInForm, "1895-08-17")  # the same DDMMYY: the NIK itself agrees
    old = SimpleNamespace(birth_date=dt.date(1940, 8, 17), full_name="Rina", nik="3671075708400001", sex="P")
    assert "birth_date" not in errors(ProfileForm, "1940-08-17", obj=old)  # registered long ago, unchanged
    assert "birth_date" in errors(ProfileForm, "1895-08-17", obj=old)
