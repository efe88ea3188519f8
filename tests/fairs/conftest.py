import datetime as dt

import pytest


@pytest.fixture
def fair(app, world):
    """A fair of Nusa Jaya two days ahead; the world's company joined with its vacancy, the other
    company invited and joined with its own."""
    from app.extensions import db
    from app.fairs import services
    from app.models import Fair

    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    row = Fair(kelurahan_id=world.nj.id, name="Bursa Kerja Nusa Jaya", place="Aula Kelurahan Nusa Jaya",
               starts_at=start, ends_at=start + dt.timedelta(hours=6), scope="kelurahan", capacity=0,
               created_by_id=world.staff.id)
    db.session.add(row)
    db.session.flush()
    for company, vacancy in ((world.company, world.vacancy), (world.other_company, world.other_vacancy)):
        joined = services.invite_company(row, company, world.staff)
        services.set_fair_vacancies(row, joined, {vacancy.id}, world.staff)
    db.session.commit()
    return row
