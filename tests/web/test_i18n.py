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


def test_template_translations_escape_values_and_read_percent_signs_as_the_new_style_does(app):
    page = ('{{ _("%% lowongan") }}|{{ _("Tanggal lahir sama, nama mirip (%(p)d%%).", p=5) }}|'
            '{{ _("Keluar %(x)s", x="<b>") }}|{% trans n="<i>" %}Halo {{ n }}, 100% siap{% endtrans %}|'
            '{% trans count=2 %}{{ count }} warga{% pluralize %}{{ count }} warga{% endtrans %}')
    with app.app_context(), app.test_request_context("/?lang=en"):
        assert render_template_string(page) == (
            "% of vacancies|Same date of birth, similar name (5%).|Keluar &lt;b&gt;|Halo &lt;i&gt;, 100% siap|2 warga")
