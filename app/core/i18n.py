"""Translations looked up once per request instead of once per string.

Flask-Babel resolves the domain, the locale and the catalogue (several context-local look-ups)
for every translated string; a page of twenty suggestions translates a few hundred strings.
This domain keeps the catalogue of the request's locale on the request's Babel context, keyed
by the locale object, so `force_locale` and `refresh` still switch catalogues."""
from __future__ import annotations

from flask import Flask, g
from flask_babel import Domain


class RequestCachedDomain(Domain):
    def get_translations(self):
        try:
            ctx = g._flask_babel
            locale, translations = ctx.lokerwarga_translations
            if ctx.babel_locale is locale:
                return translations
        except (AttributeError, RuntimeError):  # first string of the request, or no context
            pass
        translations = super().get_translations()
        try:
            ctx = g._flask_babel
            ctx.lokerwarga_translations = (getattr(ctx, "babel_locale", None), translations)
        except (AttributeError, RuntimeError):
            pass
        return translations


def install(app: Flask) -> None:
    """Make the default domain request-cached, for Python (gettext, lazy strings) and templates."""
    babel = app.extensions["babel"].instance
    domain = babel.__dict__.get("domain_instance")  # a cached_property of the (shared) Babel object
    if not isinstance(domain, RequestCachedDomain):
        domain = RequestCachedDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
        babel.__dict__["domain_instance"] = domain
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: domain.get_translations().ugettext(s),
        ngettext=lambda s, p, n: domain.get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: domain.get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: domain.get_translations().unpgettext(c, s, p, n),
    )
