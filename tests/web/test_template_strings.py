"""Every template is readable by the message extractor with the options in babel.cfg.

Jinja's extractor skips a template it cannot parse without a word (a `{% do %}` without the
extension, say), and then none of its strings reach the catalogue, so the English pages show them
in Indonesian while the catalogue test still passes."""
from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from jinja2.ext import babel_extract

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def jinja_options() -> dict:
    config = configparser.ConfigParser()
    config.read(ROOT / "babel.cfg")
    section = next(s for s in config.sections() if s.startswith("jinja2:"))
    return dict(config[section])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "templates")))
def test_template_parses_for_extraction(template):
    options = {**jinja_options(), "silent": "false"}
    with template.open("rb") as handle:
        list(babel_extract(handle, ["_", "gettext", "ngettext", "_l", "lazy_gettext"], [], options))
