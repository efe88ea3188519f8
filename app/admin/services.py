"""Kelurahan settings, staff accounts and ranking model versions."""
from __future__ import annotations

from sqlalchemy import select, update

from ..extensions import db
from ..models import Kelurahan, RankingModel

KELURAHAN_FIELDS = ("code", "name", "kecamatan", "kota", "provinsi", "rw_list", "letter_code", "address", "lurah_name")


def save_kelurahan(kelurahan: Kelurahan | None, data: dict) -> Kelurahan:
    if kelurahan is None:
        kelurahan = Kelurahan()
        db.session.add(kelurahan)
    for name in KELURAHAN_FIELDS:
        setattr(kelurahan, name, data.get(name) or ([] if name == "rw_list" else ""))
    db.session.flush()
    return kelurahan


def code_taken(code: str, exclude_id: int | None) -> bool:
    query = select(Kelurahan.id).where(Kelurahan.code == code)
    if exclude_id:
        query = query.where(Kelurahan.id != exclude_id)
    return db.session.scalar(query) is not None


def letter_code_taken(letter_code: str, code: str, exclude_id: int | None) -> bool:
    """Whether another kelurahan prints the same code in its letter numbers (its letter code,
    or its area code when it has none): the numbers of the two would collide."""
    effective = letter_code or code
    others = select(Kelurahan).where(Kelurahan.id != exclude_id) if exclude_id else select(Kelurahan)
    return any((other.letter_code or other.code) == effective for other in db.session.scalars(others))


def activate_model(model: RankingModel) -> None:
    db.session.execute(update(RankingModel).values(active=False))
    model.active = True
    db.session.flush()
