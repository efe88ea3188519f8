"""Staging an import (parse and validate into plain dicts, kept under instance/imports/) and
writing the accepted rows in one short transaction: every row or none."""
from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import time
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidTag
from flask import current_app, has_request_context
from flask_babel import force_locale
from sqlalchemy import insert, select

from .. import audit
from ..crypto import decrypt_nik, encrypt_nik, nik_hash
from ..extensions import db
from ..models import Company, ConsentRecord, Kelurahan, SeekerProfile, User, Vacancy
from ..seekers.services import _apply as apply_profile
from ..employers.services import VACANCY_FIELDS
from ..timeutil import utcnow
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


def existing_seekers(niks: list[str]) -> dict[str, tuple[int, int]]:
    """NIK -> (seeker id, kelurahan id) of those already in the database."""
    by_hash = {nik_hash(n): n for n in niks}
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
        from flask_babel import lazy_gettext as _l

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
        if path.suffix in (".json", ".src", ".tmp") and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def discard(token: str) -> None:
    if TOKEN.match(token or ""):
        (folder() / f"{token}.src").unlink(missing_ok=True)


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def write(report: dict, *, actor: User | None, progress: Callable[[int, int], None] | None = None) -> dict:
    """Save every staged row, flushing in chunks; the caller commits once (or rolls back)."""
    progress = progress or (lambda done, total: None)
    rows = report["rows"]
    total = len(rows)
    if report["kind"] == "seekers":
        return _write_seekers(report, rows, actor, progress, total)
    company = db.session.get(Company, report["company_id"])
    if company is None:
        raise ValueError("company not found")
    for start in range(0, total, CHUNK):
        objects = []
        for row in rows[start:start + CHUNK]:
            data = dict(row["data"])
            data["deadline"] = _date(data.get("deadline"))
            vacancy = Vacancy(company_id=company.id, kelurahan_id=company.kelurahan_id, status="open",
                              skills=[], certificates=[], contract_type="pkwt", openings=1, experience_years_min=0.0)
            for name in VACANCY_FIELDS:
                if name in data:
                    setattr(vacancy, name, data[name])
            objects.append(vacancy)
        db.session.add_all(objects)
        db.session.flush()
        progress(min(start + CHUNK, total), total)
    audit.record(actor, "import", "vacancy", company.id, f"{total} lowongan")
    return {"created": total, "updated": 0, "skipped": 0}


class _Values(dict):
    """Column values of one new resident, filled by the same ``_apply`` as the profile forms."""

    def __setattr__(self, name, value):
        self[name] = value


def _write_seekers(report: dict, rows: list[dict], actor: User | None, progress, total: int) -> dict:
    kelurahan_id = report["kelurahan_id"]
    actor_id = actor.id if actor else None
    # The database may have changed since the preview: look again, right before writing.
    known = existing_seekers([r["data"]["nik"] for r in rows if r["action"] == "create"])
    created = updated = skipped = 0
    now = utcnow()
    for start in range(0, total, CHUNK):
        profiles, consents, choices = [], [], []
        for row in rows[start:start + CHUNK]:
            data = dict(row["data"])
            data["birth_date"] = _date(data.get("birth_date"))
            sharing, ranking = bool(data.pop("consent_sharing", False)), bool(data.pop("consent_ranking", False))
            seeker_id = row.get("seeker_id")
            if row["action"] == "create" and data["nik"] in known:
                if not report.get("update"):
                    skipped += 1
                    continue
                seeker_id = known[data["nik"]][0]
            if seeker_id is not None:
                seeker = db.session.get(SeekerProfile, seeker_id)
                if seeker is None or seeker.kelurahan_id != kelurahan_id:
                    skipped += 1
                    continue
                nik = data.pop("nik")
                apply_profile(seeker, data)
                seeker.updated_at = now
                for purpose, granted in (("sharing", sharing), ("ranking", ranking)):
                    if granted and not getattr(seeker, f"consent_{purpose}"):
                        setattr(seeker, f"consent_{purpose}", True)
                        consents.append(ConsentRecord(seeker_id=seeker.id, purpose=purpose, granted=True,
                                                      text_version=IMPORT_TEXT_VERSION, actor_id=actor_id, at=now))
                del nik
                updated += 1
                continue
            nik = data.pop("nik")
            values = _Values(kelurahan_id=kelurahan_id, user_id=None, registered_by_id=actor_id, address="", rt="",
                             rw="", phone="", education=None, major="", skills=[], certificates=[],
                             desired_positions=[], shifts=[], contract_wishes=[], expected_wage=None, about="",
                             disability=None, status="looking", consent_registration=True,
                             consent_sharing=sharing, consent_ranking=ranking, nik_ciphertext=encrypt_nik(nik),
                             nik_hash=nik_hash(nik), created_at=now, updated_at=now,
                             verified_at=now if actor_id else None, verified_by_id=actor_id)
            apply_profile(values, data)
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
    from .. import jobs

    if jobs.active("ranking.refresh_all") is None:
        jobs.enqueue("ranking.refresh_all", user=actor)


__all__ = ["IMPORT_TEXT_VERSION", "ImportFileError", "check", "discard", "load", "save", "source", "stage", "write"]
