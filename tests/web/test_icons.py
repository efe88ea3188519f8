"""The icon sprite: every icon a template names is in the sprite `make setup` built (and the sprite
holds nothing else), a name the icon package lacks stops the build, and the icon() macro draws a
same-origin, decorative (or labelled) SVG. The rendered pages refer only to icons of the sprite."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import render_template_string

from app.core.icons import ICON_CALL, MissingIcons, build_sprite, main, sprite_symbols, used_icons

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
SOURCE = ROOT / "node_modules" / "lucide-static" / "icons"
SPRITE = ROOT / "static" / "vendor" / "icons.svg"
USE = re.compile(r'<use href="(/static/vendor/icons\.svg\?v=[0-9a-f]+)#i-([a-z0-9-]+)">')

needs_sprite = pytest.mark.skipif(not SPRITE.is_file() or not SOURCE.is_dir(),
                                  reason="static/vendor/icons.svg is built by `make setup`")


@needs_sprite
def test_every_icon_a_template_names_is_in_the_built_sprite_and_nothing_more():
    used = used_icons(TEMPLATES)
    built = sprite_symbols(SPRITE.read_text(encoding="utf-8"))
    missing = {name: where for name, where in used.items() if name not in built}
    assert not missing, f"icons missing from {SPRITE} (run `make setup`): {missing}"
    assert built == set(used), f"icons no template uses: {sorted(built - set(used))}"
    # The sprite on disk is what a build from today's templates gives (not a stale one).
    assert SPRITE.read_text(encoding="utf-8") == build_sprite(used, SOURCE)


def test_the_scan_finds_calls_and_macro_arguments_but_not_other_words():
    text = """{{ icon('printer') }} {{ icon("log-in", label=_('Masuk')) }} {{ nav_item('a.b', _('X'), icon='house') }}
              {{ status_icon(status) }} <svg class="icon"> lexicon('nope')"""
    assert ICON_CALL.findall(text) == ["printer", "log-in", "house"]


@needs_sprite
def test_a_name_the_package_lacks_fails_the_build(tmp_path):
    (tmp_path / "page.html").write_text("{{ icon('printer') }} {{ icon('no-such-icon') }}")
    with pytest.raises(MissingIcons, match="no-such-icon"):
        build_sprite(used_icons(tmp_path), SOURCE)
    out = tmp_path / "icons.svg"
    assert main(["--templates", str(tmp_path), "--source", str(SOURCE), "--out", str(out)]) == 1
    assert not out.exists()


@needs_sprite
def test_a_built_sprite_holds_one_symbol_per_used_icon(tmp_path):
    (tmp_path / "page.html").write_text("{{ icon('printer') }}{{ icon('printer') }}{{ badge('open', 'x') }}")
    out = tmp_path / "icons.svg"
    assert main(["--templates", str(tmp_path), "--source", str(SOURCE), "--out", str(out)]) == 0
    sprite = out.read_text()
    assert sprite_symbols(sprite) == {"printer"}
    assert sprite.count("<symbol ") == 1 and 'viewBox="0 0 24 24"' in sprite


def test_the_macro_draws_a_decorative_or_labelled_icon_from_this_site(app):
    with app.test_request_context("/"):
        html = render_template_string('{% from "_macros.html" import icon %}{{ icon("printer") }}|'
                                      '{{ icon("printer", label="Cetak") }}')
    plain, labelled = html.split("|")
    assert 'aria-hidden="true"' in plain and 'focusable="false"' in plain and "role=" not in plain
    assert 'role="img" aria-label="Cetak"' in labelled and "aria-hidden" not in labelled
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith("/static/vendor/icons.svg") and h.endswith("#i-printer") for h in hrefs)


def test_a_status_chip_has_the_icon_of_its_tone_and_its_words(app):
    with app.test_request_context("/"):
        html = render_template_string('{% from "_macros.html" import badge %}{{ badge("hired", "Diterima") }}'
                                      '{{ badge("refused", "Ditolak") }}{{ badge("nothing", "Lain") }}')
    assert re.search(r'<span class="badge badge-hired"><svg [^>]*>.*#i-circle-check.*</svg>Diterima</span>', html)
    assert "#i-circle-x" in html
    assert '<span class="badge badge-nothing">Lain</span>' in html


@needs_sprite
@pytest.mark.parametrize("path, login", [("/lowongan", None), ("/", None), ("/login", None),
                                         ("/me/", "warga@test.id"), ("/staff/", "petugas@test.id")])
def test_pages_use_only_icons_of_the_sprite_and_keep_their_text(app, client, auth, world, path, login):
    if login:
        auth.login(login)
    html = client.get(path).get_data(as_text=True)
    used = USE.findall(html)
    assert used, f"{path} shows no icon"
    built = sprite_symbols(SPRITE.read_text(encoding="utf-8"))
    assert {name for _url, name in used} <= built
    assert len({url for url, _name in used}) == 1  # one sprite URL, fetched and cached once
    # Every icon sits beside words: a link or button is never an icon alone.
    for element in re.findall(r"<(?:a|button)\b[^>]*>(.*?)</(?:a|button)>", html, re.S):
        if "<svg" in element:
            assert re.sub(r"<svg.*?</svg>|<[^>]+>", "", element, flags=re.S).strip(), element
