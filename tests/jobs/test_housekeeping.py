import datetime as dt

from app.extensions import db
from app.models import Match
from app.core.timeutil import today_wib


def test_tick_closes_vacancies_after_their_deadline(app, world):
    world.vacancy.deadline = today_wib() - dt.timedelta(days=1)
    world.other_vacancy.deadline = today_wib()
    referred = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(referred)
    db.session.commit()
    ids = world.vacancy.id, world.other_vacancy.id, referred.id
    result = app.test_cli_runner().invoke(args=["tick"])
    assert result.exit_code == 0 and "done" in result.output, result.output
    from app.models import Vacancy

    assert db.session.get(Vacancy, ids[0]).status == "closed"
    assert db.session.get(Vacancy, ids[1]).status == "open"  # the deadline day itself is still open
    assert db.session.get(Match, ids[2]).status == "referred"  # the employer can still answer
