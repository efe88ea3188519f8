"""No personal data on any public board page: every page of the board, every vacancy page,
poster and interest page, every kelurahan's weekly notice is searched for the names, NIKs and
phone numbers of the residents (from the factories and from the demo), and for the companies'
contact people, phones and email addresses."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.core.timeutil import today_wib
from app.extensions import db
from app.models import Company, Kelurahan, SeekerProfile, User, Vacancy
from demo import load_demo


def public_pages(client) -> dict[str, str]:
    """Every public board page reachable from the board itself."""
    pages, queue, seen = {}, ["/lowongan"], set()
    for kelurahan_id in db.session.scalars(select(Kelurahan.id)):
        queue += [f"/lowongan?kelurahan={kelurahan_id}", f"/lowongan/papan/{kelurahan_id}"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = html = response.get_data(as_text=True)
        for link in re.findall(r'href="(/lowongan[^"#]*)"', html):
            queue.append(link.replace("&amp;", "&"))
    return pages


def secrets() -> set[str]:
    found = set()
    for seeker in db.session.scalars(select(SeekerProfile)):
        found |= {seeker.full_name, seeker.nik, seeker.phone, seeker.nik[:6] + "*" * 6 + seeker.nik[-4:]}
        if seeker.phone:
            found.add("62" + seeker.phone[1:])
    for company in db.session.scalars(select(Company)):
        found |= {company.contact_name, company.contact_phone, company.contact_email}
    for user in db.session.scalars(select(User)):
        found |= {user.email, user.phone}
    return {s for s in found if s and len(s) >= 5}


def check(client) -> int:
    pages, words = public_pages(client), secrets()
    vacancies = db.session.scalar(select(db.func.count()).select_from(Vacancy).where(Vacancy.status == "open"))
    assert sum(1 for url in pages if re.fullmatch(r"/lowongan/\d+", url)) >= min(vacancies, 3)
    leaks = [(url, word) for url, html in pages.items() for word in words if word in html]
    assert not leaks, leaks[:20]
    return len(pages)


def test_factory_residents_are_on_no_public_page(client, world, make):
    make.seeker(world.nj, name="Yohanes Pratama", phone="081234560000")
    db.session.commit()
    assert check(client) >= 10


def test_demo_residents_are_on_no_public_page(app, client):
    load_demo(today=today_wib(), scale=0.25)
    db.session.commit()
    assert db.session.query(SeekerProfile).count() > 100
    assert check(client) >= 40
