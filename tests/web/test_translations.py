"""The English catalogue: every interface string is translated, nothing is fuzzy, and ?lang=en works.

The app reads compiled .mo files, which are git-ignored and built by `make translations`.
The `compiled_catalog` fixture also builds the .mo when it is missing or older than the .po,
so these tests pass in a fresh clone run with plain `pytest`.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")

PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")


def read_catalog():
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def compile_if_stale() -> bool:
    """Write messages.mo next to messages.po unless it is already newer; True if it wrote."""
    if MO.exists() and MO.stat().st_mtime >= PO.stat().st_mtime:
        return False
    catalog = read_catalog()
    # Write to a temporary file and rename, so a concurrent test run never reads half a file.
    fd, tmp = tempfile.mkstemp(dir=MO.parent, prefix=".messages-", suffix=".mo")
    try:
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, MO)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@pytest.fixture(scope="session")
def compiled_catalog():
    compile_if_stale()
    return MO


@pytest.fixture(scope="module")
def catalog():
    return read_catalog()


@pytest.fixture(scope="module")
def extracted_ids(tmp_path_factory):
    """Message ids from the sources, extracted exactly as the maintainers do (see babel.cfg)."""
    pot = tmp_path_factory.mktemp("babel") / "messages.pot"
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract",
         "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"pybabel extract failed:\n{result.stderr}"
    with pot.open("rb") as handle:
        template = read_po(handle)
    ids = [m.id for m in template if m.id]
    assert ids, "pybabel extract found no messages; is babel.cfg still at the repository root?"
    return ids


def _key(msgid):
    return msgid if isinstance(msgid, str) else msgid[0]


def test_every_source_string_has_an_english_translation(extracted_ids, catalog):
    def translated(msgid) -> bool:
        message = catalog.get(msgid)
        if message is None:
            return False
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        return all(s and s.strip() for s in strings)

    missing = [_key(msgid) for msgid in extracted_ids if not translated(msgid)]
    assert not missing, (
        f"{len(missing)} interface string(s) have no English translation in {PO.relative_to(ROOT)}.\n"
        "Run: .venv/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot . && "
        ".venv/bin/pybabel update -i translations/messages.pot -d translations -l en --no-fuzzy-matching\n"
        "then translate:\n" + "\n".join(f"  {m!r}" for m in missing)
    )


def test_no_fuzzy_entries(catalog):
    assert not catalog.fuzzy, "the catalogue header is marked fuzzy; pybabel compile would skip the file"
    fuzzy = [_key(m.id) for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, "fuzzy (unchecked) translations:\n" + "\n".join(f"  {m!r}" for m in fuzzy)


def test_translations_keep_the_placeholders(catalog):
    """A renamed or dropped %(name)s only fails at runtime, and only in English."""
    wrong = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if string and sorted(PLACEHOLDER.findall(string)) != wanted:
                wrong.append(f"  {ids[0]!r} -> {string!r}")
    assert not wrong, "translations whose placeholders differ from the source:\n" + "\n".join(wrong)


def test_login_page_in_both_languages(compiled_catalog, app, client):
    # Flask-Babel keeps loaded catalogues in a process-wide cache; an earlier test may have
    # loaded English before the .mo existed, so make the next request read the file again.
    app.extensions["babel"].instance.domain_instance.cache.clear()

    def page(path: str) -> str:
        # The `app` fixture keeps one app context open, and Flask-Babel remembers the locale
        # on `g`; a fresh app context per request gives each request its own, as in production.
        with app.app_context():
            return client.get(path).get_data(as_text=True)

    indonesian = page("/login")
    assert "Masuk" in indonesian and "Kata sandi" in indonesian
    assert "Log in" not in indonesian and "Password" not in indonesian

    english = page("/login?lang=en")
    assert "Log in" in english and "Password" in english
    assert "Masuk" not in english and "Kata sandi" not in english

    # The choice is remembered in the session.
    assert "Log in" in page("/login")
