"""Deterministic demo data for Kecamatan Karawaci, Kota Tangerang, Banten.

`load_demo()` builds three kelurahan, their staff, about 870 residents, 25 companies, about 200
vacancies (40 of them open) and twelve months of referral history (about 11,000 decisions), adds
them to the session and flushes; the caller commits. Everything comes from one seed (a
`random.Random` for the content, a numpy generator for the draws of evaluation.synthetic): two runs
on the same reference date give identical data. Dates are anchored on that reference date (today
in WIB by default) so the history always ends "yesterday".

The history is drawn from the same hidden utility as the synthetic city the engine is evaluated on
(`evaluation.synthetic.true_utility` and `sample_outcomes`), never from the ranking engine.
Every demo position belongs to one of the synthetic job families and every skill or certificate
stands for one of its concepts (`positions.SYNTH_FAMILY`, `positions.CONCEPT`);
`history.declare_truth` declares each resident's and vacancy's truth in those terms, with the
hidden traits (employability, selectivity) drawn as the generator draws them. Staff shortlist the
residents who look best for each vacancy (the utility seen with noise), residents with a login say
"saya berminat" to the open vacancy they like best, and `sample_outcomes` decides each pair's
referral, interview and hire. A small event-driven simulation then plays every decision in time
order so that the state machine of app/referrals/services.py holds throughout: a hire closes the
resident's other open referrals (hired_elsewhere), a vacancy never hires more people than it has
openings and is marked filled when it is full (vacancy_filled), and a past vacancy closes the
referrals still open some weeks after its deadline (vacancy_closed). The scripted cases of the
demo accounts are fixed, not drawn (`scripted`).

After the history, `load_demo` adds the back office's cases (vacancies in review, residents
registered twice, AK/I cards, contract end dates), each from a random stream of its own so that no
draw of the history moves (`backoffice`), writes the rows (`rows`) and runs the reminder
generation of `tick` once.

The web app never imports this package: `flask --app app demo` loads it when it runs.
"""
from __future__ import annotations

import datetime as dt
import random

from app.core.timeutil import today_wib

from .backoffice import add_duplicates, ak1_cards, contract_ends
from .builder import DEMO_SEED, Builder
from .history import declare_truth, plan_history, run_events
from .people import build_residents
from .rows import DEMO_PASSWORD, DEMO_TOTP_SECRET, write_rows
from .scripted import build_scripts
from .vacancies import build_vacancies, underpay

__all__ = ["DEMO_PASSWORD", "DEMO_SEED", "DEMO_TOTP_SECRET", "load_demo", "simulate"]


def simulate(seed: int = DEMO_SEED, today: dt.date | None = None, scale: float = 1.0) -> Builder:
    """Build the demo's people, vacancies and history in memory (what `load_demo` writes).

    The builder keeps the truth it drew the history from: `b.hidden` (an evaluation.synthetic.Hidden)
    and `b.utility(resident, vacancy)`."""
    b = Builder(random.Random(seed), today or today_wib(), seed, scale)
    build_residents(b)
    build_vacancies(b)
    build_scripts(b)
    declare_truth(b)
    plan_history(b)
    run_events(b)
    underpay(b)
    return b


def load_demo(seed: int = DEMO_SEED, today: dt.date | None = None, scale: float = 1.0) -> dict[str, int]:
    """Add the demo data set to the session and flush; the caller commits. Returns row counts."""
    b = simulate(seed, today, scale)
    # The back office's cases, each drawn from a stream of its own after the history.
    duplicates = add_duplicates(b, seed)
    cards = ak1_cards(b, seed, exclude={d.second.idx for d in duplicates})
    ending = contract_ends(b, seed)
    return write_rows(b, duplicates=duplicates, cards=cards, ending=ending, seed=seed)
