"""Builders for test data. Each returns flushed rows; tests commit through the app when needed."""
from __future__ import annotations

import datetime as dt
import itertools
import re
from types import SimpleNamespace

from app.auth.services import hash_password
from app.extensions import db
from app.models import Company, Kelurahan, Role, SeekerProfile, User, Vacancy
from app.seekers.services import set_consent

PASSWORD = "rahasia123"
TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"  # staff and admin in tests are enrolled with this
_PASSWORD_HASH = None
_serial = itertools.count(1)


def password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(PASSWORD)
    return _PASSWORD_HASH


def make_nik(birth: dt.date, sex: str, region: str = "367107", serial: int | None = None) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial or next(_serial):04d}"


class Factory:
    def kelurahan(self, name="Nusa Jaya", code=None, **kw) -> Kelurahan:
        k = Kelurahan(code=code or f"36710710{next(_serial):02d}", name=name, kecamatan=kw.pop("kecamatan", "Karawaci"),
                      kota=kw.pop("kota", "Kota Tangerang"), provinsi=kw.pop("provinsi", "Banten"),
                      rw_list=kw.pop("rw_list", ["01", "02", "03", "04", "05"]), letter_code=kw.pop("letter_code", "NJ"), **kw)
        db.session.add(k)
        db.session.flush()
        return k

    def user(self, role: str, email: str, kelurahan=None, company=None, **kw) -> User:
        if role in (Role.STAFF, Role.ADMIN):
            kw.setdefault("totp_secret", TOTP_SECRET)
        u = User(role=role, email=email, name=kw.pop("name", email.split("@")[0]), password_hash=password_hash(),
                 kelurahan_id=kelurahan.id if kelurahan else None, company_id=company.id if company else None, **kw)
        db.session.add(u)
        db.session.flush()
        return u

    def company(self, name="PT Sinar Logam", status="verified", kelurahan=None, **kw) -> Company:
        c = Company(name=name, status=status, kbli_code="25920", address="Jl. Industri 1",
                    kelurahan_id=kelurahan.id if kelurahan else None, contact_name="Bu HRD", **kw)
        db.session.add(c)
        db.session.flush()
        return c

    def vacancy(self, company, title="Operator Mesin CNC", status="open", **kw) -> Vacancy:
        defaults = dict(description="Mengoperasikan mesin CNC bubut dan milling.", skills=["bubut", "membaca gambar teknik"],
                        certificates=[], education_min="SMA", experience_years_min=0.0, contract_type="pkwt",
                        wage_min=5_400_000, wage_max=6_000_000, shift="bergilir", location="Karawaci", openings=2,
                        deadline=dt.date.today() + dt.timedelta(days=30))
        defaults.update(kw)
        v = Vacancy(company=company, title=title, status=status, kelurahan_id=company.kelurahan_id, **defaults)
        db.session.add(v)
        db.session.flush()
        return v

    def seeker(self, kelurahan, name="Budi Santoso", sex="L", birth=dt.date(1998, 5, 17), user=None, **kw) -> SeekerProfile:
        consents = {p: kw.pop(f"consent_{p}", True) for p in ("registration", "sharing", "ranking")}
        defaults = dict(rw="03", rt="002", address="Jl. Melati 3", phone=f"0812{next(_serial):08d}", education="SMK",
                        major="Teknik Mesin", skills=["bubut", "las listrik", "membaca gambar teknik"], certificates=["K3 Umum"],
                        desired_positions=["operator mesin"], shifts=["pagi", "bergilir"], contract_wishes=["pkwt"],
                        expected_wage=5_400_000, about="", status="looking", verified_at=dt.datetime.now(dt.timezone.utc))
        defaults.update(kw)
        s = SeekerProfile(kelurahan=kelurahan, full_name=name, sex=sex, birth_date=birth, nik=kw.pop("nik", None) or make_nik(birth, sex),
                          user=user, **{k: v for k, v in defaults.items() if k != "nik"})
        db.session.add(s)
        db.session.flush()
        for purpose, granted in consents.items():
            set_consent(s, purpose, granted, None)
        return s

    def world(self) -> SimpleNamespace:
        nj = self.kelurahan("Nusa Jaya", code="3671071006")
        cm = self.kelurahan("Cimone", code="3671071001", letter_code="CM")
        company = self.company(kelurahan=nj)
        other_company = self.company(name="PT Lain Jaya", kelurahan=cm)
        vacancy = self.vacancy(company)
        other_vacancy = self.vacancy(other_company, title="Staf Gudang", skills=["forklift"], education_min="SMP")
        admin = self.user(Role.ADMIN, "admin@test.id", kelurahan=nj)
        staff = self.user(Role.STAFF, "petugas@test.id", kelurahan=nj)
        staff_cm = self.user(Role.STAFF, "petugas.cimone@test.id", kelurahan=cm)
        hrd = self.user(Role.EMPLOYER, "hrd@test.id", company=company)
        hrd_other = self.user(Role.EMPLOYER, "hrd.lain@test.id", company=other_company)
        city = self.user(Role.CITY, "kota@test.id")
        warga_user = self.user(Role.SEEKER, "warga@test.id", kelurahan=nj)
        seeker = self.seeker(nj, user=warga_user)
        other_user = self.user(Role.SEEKER, "warga.cimone@test.id", kelurahan=cm)
        other_seeker = self.seeker(cm, name="Siti Aminah", sex="P", birth=dt.date(2000, 2, 3), user=other_user)
        db.session.commit()
        return SimpleNamespace(**locals())


def totp_code(user: User) -> str:
    """The current code of an enrolled account, made usable again: tests log the same account
    in several times within one 30-second step, which the app (rightly) refuses otherwise."""
    import pyotp

    user.totp_last_step = 0
    db.session.commit()
    return pyotp.TOTP(user.totp_secret).now()


CSRF_TOKEN = re.compile(r'(X-CSRFToken": "|name="csrf_token" value=")[^"]+')


def without_csrf_tokens(html: str) -> str:
    """A page without its anti-CSRF tokens, to compare two pages whole: a token's signature
    carries the second it was made, so two requests may differ there and nowhere else."""
    return CSRF_TOKEN.sub(r"\1", html)
