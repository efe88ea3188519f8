"""Small hand-made fixtures for the matching engine tests."""
import pytest

from matching import Experience, Feedback, MatchEngine, Seeker, Vacancy

NJ = ("Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya")
CIMONE = ("Banten", "Kota Tangerang", "Karawaci", "Cimone")


def make_seekers():
    return [
        Seeker(1, education="SMK", major="Teknik Mesin", skills=("las", "bubut", "membaca gambar teknik"),
               certificates=("K3 Umum",), experience=(Experience("Operator Mesin Bubut", 3.0),),
               desired_positions=("Operator Produksi",), area=NJ + ("RW 05",), expected_wage=4_500_000,
               shifts=("pagi", "malam")),
        Seeker(2, education="SMA", skills=("kasir", "ms excel"), desired_positions=("Kasir",), area=NJ + ("RW 03",)),
        Seeker(3, education="SD", desired_positions=("opr produksi",), area=CIMONE + ("RW 01",)),
        Seeker(4, education="SMK", desired_positions=("Operator Produksi",), skills=("las",), area=NJ + ("RW 05",),
               ranking_opt_out=True),
        Seeker(5),
        Seeker("s6", desired_positions=("opr prod",), area=CIMONE + ("RW 02",)),
        Seeker("s7", education="S1", major="Akuntansi", skills=("accounting", "tax"),
               desired_positions=("Finance Staff",), area=CIMONE),
        Seeker("s8", education="SMK", major="Tata Boga", desired_positions=("Koki",),
               experience=(Experience("Cook", 2.0, "restaurant kitchen"),), area=NJ + ("RW 03",)),
    ]


def make_vacancies():
    return [
        Vacancy("v1", "Operator Produksi CNC", description="Pabrik komponen otomotif",
                skills=("las", "bubut", "gambar teknik", "forklift"), certificates=("K3 Umum (diutamakan)",),
                education_min="SMA", experience_years_min=2, area=NJ, wage_min=4_000_000, wage_max=5_000_000,
                shifts=("pagi", "malam")),
        Vacancy("v2", "Kasir Minimarket", skills=("kasir",), area=NJ),
        Vacancy("v3", "Staff Gudang", open=False, area=NJ),
        Vacancy("v4", "Staf Akuntansi", skills=("akuntansi", "pajak"), education_min="D3", area=CIMONE),
        Vacancy("v5", "Juru Masak", description="Dapur restoran", skills=("memasak",), area=NJ),
    ]


@pytest.fixture
def seekers():
    return make_seekers()


@pytest.fixture
def vacancies():
    return make_vacancies()


@pytest.fixture
def engine(seekers, vacancies):
    return MatchEngine().fit(seekers, vacancies, [Feedback(1, "v1", "interested")])
