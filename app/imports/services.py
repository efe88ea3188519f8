"""Staging an import (parse and validate into plain dicts, kept under instance/imports/) and
writing the accepted rows in one short transaction: every row or none."""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag
from flask import current_app, has_request_context
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select

from .. import jobs
from ..core import audit
from ..core.crypto import decrypt_nik, encrypt_nik, nik_hash
from ..core.timeutil import utcnow
from ..employers.services import VACANCY_FIELDS
from ..extensions import db
from ..models import Company, ConsentRecord, ImportRun, Kelurahan, SeekerProfile, User, Vacancy, VacancyReviewEvent
from ..seekers.services import _apply as apply_profile
from .parse import ImportFileError, read_table
from .validate import Checked, check_rows

IMPORT_TEXT_VERSION = "import"  # consent given on the kelurahan's signed paper form
CHUNK = 1000
TOKEN = re.compile(r"^[a-f0-9]{32}$")
MAX_BYTES = 20 * 1024 * 1024


def folder() -> Path:
    path = Path(current_app.config.get("IMPORTS_DIR") or Path(current_app.instance_path) / "imports")
    path.mkdir(parents=True, exist_ok=True)
    return path


def existing_seekers(niks: list[str], computed: dict[str, str] | None = None) -> dict[str, tuple[int, int]]:
    """NIK -> (seeker id, kelurahan id) of those already in the database (``computed``: NIK -> its
    hash, when already known)."""
    computed = computed or {}
    by_hash = {computed.get(n) or nik_hash(n): n for n in niks}
    found: dict[str, tuple[int, int]] = {}
    hashes = list(by_hash)
    for start in range(0, len(hashes), 500):
        for sid, h, kid in db.session.execute(
                select(SeekerProfile.id, SeekerProfile.nik_hash, SeekerProfile.kelurahan_id)
                .where(SeekerProfile.nik_hash.in_(hashes[start:start + 500]))):
            found[by_hash[h]] = (sid, kid)
    return found


def check(data: bytes, filename: str, kind: str, *, kelurahan: Kelurahan | None = None, update: bool = False,
          chosen: dict[str, str] | None = None) -> dict:
    """The report of ``_check``; outside a request (command line, jobs) in the default language."""
    if has_request_context():
        return _check(data, filename, kind, kelurahan=kelurahan, update=update, chosen=chosen)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        return _check(data, filename, kind, kelurahan=kelurahan, update=update, chosen=chosen)


def _check(data: bytes, filename: str, kind: str, *, kelurahan: Kelurahan | None = None, update: bool = False,
           chosen: dict[str, str] | None = None) -> dict:
    """Parse and validate a file: a plain, JSON-able report with the staged rows.

    Residents already in the database are marked ``update`` (when ``update``) or ``skip``;
    those of another kelurahan are problems: they are not this kelurahan's to change."""
    headers, body = read_table(data, filename)
    checked: Checked = check_rows(kind, headers, body, chosen=chosen,
                                  rw_list=list(kelurahan.rw_list or []) if kelurahan else None)
    rows, skipped, problems = [], [], [p.as_dict() for p in checked.problems]
    if kind == "seekers" and checked.rows:
        known = existing_seekers([r["data"]["nik"] for r in checked.rows])
        nik_header = next(h for h, f in checked.mapping.items() if f == "nik")

        for row in checked.rows:
            hit = known.get(row["data"]["nik"])
            if hit is None:
                rows.append({**row, "action": "create"})
            elif kelurahan is not None and hit[1] != kelurahan.id:
                problems.append({"row": row["row"], "column": nik_header, "value": row["data"]["nik"],
                                 "message": str(_l("NIK ini sudah terdaftar di kelurahan lain."))})
            elif update:
                rows.append({**row, "action": "update", "seeker_id": hit[0]})
            else:
                skipped.append(row["row"])
    else:
        rows = [{**row, "action": "create"} for row in checked.rows]
    problems.sort(key=lambda p: p["row"])
    return {"kind": kind, "headers": headers, "mapping": checked.mapping, "unknown": checked.unknown,
            "missing": checked.missing, "rows": rows, "problems": problems, "skipped": skipped,
            "total": len(body), "update": update}


def stage(data: bytes, filename: str, kind: str, *, user: User, kelurahan: Kelurahan | None,
          company: Company | None, update: bool, chosen: dict | None = None, token: str | None = None) -> str:
    """Check the file and keep the result (and the file, for a new header mapping) server-side."""
    token = token or secrets.token_hex(16)
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    (folder() / f"{token}.src").write_bytes(encrypt_nik(data.decode("latin-1")))
    report = check(data, filename, kind, kelurahan=kelurahan, update=update, chosen=chosen)
    report.update(token=token, filename=filename[:120] if filename else "berkas" + suffix, user_id=user.id,
                  kelurahan_id=kelurahan.id if kelurahan else None, company_id=company.id if company else None,
                  job_id=None, created_at=utcnow().isoformat())
    save(token, report)
    return token


def save(token: str, report: dict) -> None:
    """Staged rows hold NIKs and names: they are encrypted at rest like the NIKs in the database."""
    path = folder() / f"{token}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(encrypt_nik(json.dumps(report)))
    tmp.replace(path)


def load(token: str) -> dict | None:
    if not TOKEN.match(token or ""):
        return None
    path = folder() / f"{token}.json"
    try:
        return json.loads(decrypt_nik(path.read_bytes()))
    except (OSError, ValueError, InvalidTag):  # gone, or sealed with a key no longer held
        return None


def source(token: str) -> bytes:
    return decrypt_nik((folder() / f"{token}.src").read_bytes()).encode("latin-1")


def prune(max_age_hours: int = 24) -> int:
    """Remove staged imports older than a day (they hold personal data); run by every ``tick``."""
    cutoff = time.time() - max_age_hours * 3600
    removed = 0
    for path in folder().iterdir():
        if path.suffix in (".json", ".src", ".tmp", ".lock") and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


@contextlib.contextmanager
def locked(token: str):
    """An exclusive lock on one staged import, for what checks and then changes it (starting the
    job, a new header mapping): yields False at once when another request holds it, so that a
    double submit cannot queue the import twice (and a request never waits on another)."""
    if not TOKEN.match(token or ""):
        yield False
        return
    fd = os.open(folder() / f"{token}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            acquired = True
        except BlockingIOError:
            acquired = False
        yield acquired
    finally:
        os.close(fd)  # closing the file releases the lock


def discard(token: str) -> None:
    if TOKEN.match(token or ""):
        (folder() / f"{token}.src").unlink(missing_ok=True)


def saved_result(token: str) -> dict | None:
    """The result of a staged import whose rows are already in the database, or None."""
    run = db.session.get(ImportRun, token)
    return dict(run.result) if run is not None else None


def record_run(token: str, kind: str, result: dict) -> None:
    """Part of the transaction that saves the rows: a second run of the same import either finds
    this record first or fails on its key, so its rows are never saved twice."""
    db.session.add(ImportRun(token=token, kind=kind, result=result))
    db.session.flush()


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def prepare(report: dict, *, actor_id: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """The staged rows as the database will get them (NIKs encrypted and hashed, dates parsed),
    built without touching the database: a job can do this, the slow part, with no transaction
    open, so that its progress is seen at once (on SQLite a transaction holds the only write lock)."""
    progress = progress or (lambda done, total: None)
    rows = report["rows"]
    total = len(rows)
    prepared: list[dict] = []
    for start in range(0, total, CHUNK):
        for row in rows[start:start + CHUNK]:
            data = dict(row["data"])
            if report["kind"] == "vacancies":
                data["deadline"] = _date(data.get("deadline"))
                prepared.append({"row": row["row"], "data": data})
                continue
            data["birth_date"] = _date(data.get("birth_date"))
            sharing, ranking = bool(data.pop("consent_sharing", False)), bool(data.pop("consent_ranking", False))
            nik = data.pop("nik")
            item = {"row": row["row"], "action": row["action"], "seeker_id": row.get("seeker_id"), "nik": nik,
                    "hash": nik_hash(nik), "data": data, "sharing": sharing, "ranking": ranking, "values": None}
            if row["action"] == "create":
                values = _Values(kelurahan_id=report["kelurahan_id"], user_id=None, registered_by_id=actor_id, address="",
                                 rt="", rw="", phone="", education=None, major="", skills=[], certificates=[],
                                 desired_positions=[], shifts=[], contract_wishes=[], expected_wage=None, about="",
                                 disability=None, status="looking", consent_registration=True,
                                 consent_sharing=sharing, consent_ranking=ranking, nik_ciphertext=encrypt_nik(nik),
                                 nik_hash=item["hash"], verified_by_id=actor_id)
                apply_profile(values, data)
                item["values"] = values
            prepared.append(item)
        progress(min(start + CHUNK, total), total)
    return prepared


def write(report: dict, *, actor: User | None, progress: Callable[[int, int], None] | None = None,
          prepared: list[dict] | None = None) -> dict:
    """Save every staged row, flushing in chunks; the caller commits once (or rolls back).
    ``prepared``: the result of ``prepare`` (made here when not given)."""
    progress = progress or (lambda done, total: None)
    if prepared is None:
        prepared = prepare(report, actor_id=actor.id if actor else None)
    total = len(prepared)
    if report["kind"] == "seekers":
        return _write_seekers(report, prepared, actor, progress, total)
    return _write_vacancies(report, prepared, actor, progress, total)


def _write_vacancies(report: dict, prepared: list[dict], actor: User | None, progress, total: int) -> dict:
    company = db.session.get(Company, report["company_id"])
    if company is None or not company.verified:
        raise ValueError("company not found or not verified")
    # Imported vacancies wait for staff review like an employer's new vacancy ("review", with a
    # "submitted" event): the import is a staff act, but the person importing a company's
    # spreadsheet has not looked at each row, and the review screen is where the flags (wording
    # against UU 13/2003, wages below the UMK) are shown. Publishing them one by one there is
    # the simplest rule that cannot let a flagged vacancy through.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):  # stored: in the app's language
        note = str(_l("Diimpor petugas kelurahan dari berkas %(name)s.", name=report.get("filename") or "-"))
    for start in range(0, total, CHUNK):
        objects = []
        for item in prepared[start:start + CHUNK]:
            vacancy = Vacancy(company_id=company.id, kelurahan_id=company.kelurahan_id, status="review",
                              skills=[], certificates=[], required_licences=[], preferred_licences=[],
                              contract_type="pkwt", openings=1, experience_years_min=0.0)
            for name in VACANCY_FIELDS:
                if name in item["data"]:
                    setattr(vacancy, name, item["data"][name])
            objects.append(vacancy)
        db.session.add_all(objects)
        db.session.flush()
        # The same "submitted" step as app/vacancy_review.submit_vacancy, with a note saying where from.
        db.session.add_all([VacancyReviewEvent(vacancy_id=v.id, action="submitted", note=note[:1000],
                                               actor_id=actor.id if actor else None) for v in objects])
        db.session.flush()
        progress(min(start + CHUNK, total), total)
    audit.record(actor, "import", "vacancy", company.id, f"{total} lowongan (menunggu tinjauan)")
    return {"created": total, "updated": 0, "skipped": 0}


class _Values(dict):
    """Column values of one new resident, filled by the same ``_apply`` as the profile forms."""

    def __setattr__(self, name, value):
        self[name] = value


def _write_seekers(report: dict, prepared: list[dict], actor: User | None, progress, total: int) -> dict:
    kelurahan_id = report["kelurahan_id"]
    actor_id = actor.id if actor else None
    # The database may have changed since the preview: look again, right before writing.
    known = existing_seekers([i["nik"] for i in prepared if i["action"] == "create"],
                             {i["nik"]: i["hash"] for i in prepared})
    created = updated = skipped = 0
    now = utcnow()
    for start in range(0, total, CHUNK):
        profiles, consents, choices = [], [], []
        for item in prepared[start:start + CHUNK]:
            data, sharing, ranking = item["data"], item["sharing"], item["ranking"]
            seeker_id = item.get("seeker_id")
            if item["action"] == "create" and item["nik"] in known:
                if not report.get("update"):
                    skipped += 1
                    continue
                seeker_id = known[item["nik"]][0]
            if seeker_id is not None:
                seeker = db.session.get(SeekerProfile, seeker_id)
                if seeker is None or seeker.kelurahan_id != kelurahan_id:
                    skipped += 1
                    continue
                apply_profile(seeker, data)
                seeker.updated_at = now
                for purpose, granted in (("sharing", sharing), ("ranking", ranking)):
                    if granted and not getattr(seeker, f"consent_{purpose}"):
                        setattr(seeker, f"consent_{purpose}", True)
                        consents.append(ConsentRecord(seeker_id=seeker.id, purpose=purpose, granted=True,
                                                      text_version=IMPORT_TEXT_VERSION, actor_id=actor_id, at=now))
                updated += 1
                continue
            values = _Values(item["values"], registered_by_id=actor_id, verified_by_id=actor_id, created_at=now,
                             updated_at=now, verified_at=now if actor_id else None)
            profiles.append(values)
            choices.append((("registration", True), ("sharing", sharing), ("ranking", ranking)))
            created += 1
        db.session.flush()  # the updates above
        if profiles:
            # One multi-row INSERT per chunk (the ORM's unit of work would send one per resident).
            ids = db.session.execute(insert(SeekerProfile).returning(SeekerProfile.id, sort_by_parameter_order=True),
                                     profiles).scalars().all()
            consents.extend(dict(seeker_id=seeker_id, purpose=purpose, granted=granted, text_version=IMPORT_TEXT_VERSION,
                                 actor_id=actor_id, at=now)
                            for seeker_id, chosen in zip(ids, choices) for purpose, granted in chosen)
        if consents:
            rows_ = [c for c in consents if isinstance(c, dict)]
            objects = [c for c in consents if not isinstance(c, dict)]
            db.session.add_all(objects)
            db.session.flush()
            if rows_:
                db.session.execute(insert(ConsentRecord), rows_)
        progress(min(start + CHUNK, total), total)
    audit.record(actor, "import", "seeker", kelurahan_id, f"{created} baru, {updated} diperbarui")
    return {"created": created, "updated": updated, "skipped": skipped + len(report.get("skipped", []))}


def refresh_suggestions(actor: User | None) -> None:
    """One ranking refresh after the import instead of one per resident."""
    if jobs.active("ranking.refresh_all") is None:
        jobs.enqueue("ranking.refresh_all", user=actor)


__all__ = ["IMPORT_TEXT_VERSION", "ImportFileError", "check", "discard", "load", "locked", "prepare", "save", "source",
           "stage", "write"]
