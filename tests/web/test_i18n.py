"""Template translation (app/core/i18n.py): the request's language, and the forced one inside
force_locale, as Flask-Babel's own template functions would give."""
from flask import render_template_string
from flask_babel import force_locale


def test_templates_follow_the_request_language_and_force_locale(app):
    page = '{{ _("Keluar") }}|{{ ngettext("%(num)d warga", "%(num)d warga", 2) }}'
    # Each request has its own app context (and `g`) in production; the suite keeps one open.
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert render_template_string(page).startswith("Log out|")
        with force_locale("id"):  # a letter printed in Indonesian from an English page
            assert render_template_string(page).startswith("Keluar|")
        assert render_template_string(page).startswith("Log out|")
    with app.app_context(), app.test_request_context("/?lang=id"):
        assert render_template_string(page).startswith("Keluar|")
