"""Translation in templates: the request's catalogue looked up once per request and language.

Flask-Babel's template functions look up the domain, the locale and then the catalogue for every
translated string, several context-local look-ups each; a staff page translates a few hundred
strings. The functions installed here ask Flask-Babel for the catalogue
(`flask_babel.get_translations`) once, keep it on `flask.g` with the locale it is for, and use it
again while `flask_babel.get_locale()` is still that locale: inside `force_locale` (a letter
printed in Indonesian from an English page) the locale differs, and its own catalogue is looked up.
Only public APIs: Flask-Babel's functions, `flask.g`, a context processor, and Jinja's
`install_gettext_callables` (the call Flask-Babel itself makes). Python code uses flask_babel.gettext, or
`gettext`/`ngettext` below where it translates many strings per page."""
from __future__ import annotations

from flask import Flask, g
from flask_babel import LazyString, get_locale, get_translations
from jinja2 import pass_context
from markupsafe import Markup

KEPT = "lokerwarga_translations"  # on flask.g: (locale, catalogue)


def request_translations():
    """flask_babel.get_translations(), looked up once per request for each locale in use."""
    locale = get_locale()
    if locale is None:  # no application context: Flask-Babel answers with an empty catalogue
        return get_translations()
    kept = g.get(KEPT)
    if kept is None or kept[0] is not locale:
        kept = (locale, get_translations())
        setattr(g, KEPT, kept)
    return kept[1]


def gettext(string: str, **variables) -> str:
    """flask_babel.gettext with the request's kept catalogue, for code that translates many
    strings per page (the reasons of every suggestion, the labels of stored codes)."""
    text = request_translations().ugettext(string)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    """flask_babel.ngettext with the request's kept catalogue; `num` is a variable too."""
    variables.setdefault("num", num)
    return request_translations().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str) -> LazyString:
    """flask_babel.lazy_gettext translated with `gettext` above: the labels of stored codes are
    shown dozens of times on a page."""
    return LazyString(gettext, string)


RENDER_CATALOGUE = "_catalogue"  # in every template context: the catalogue of the render's language


def _catalogue(context):
    """The catalogue a template translates with: the one its render was given (looked up once
    per render, so inside `force_locale` when the render is), or, for a template imported
    without context (a macro file), the request's."""
    return context.get(RENDER_CATALOGUE) or request_translations()


def _as_template_text(context, text: str, variables: dict):
    """A translation as Jinja's "new style" gettext gives it: the template's own markup when the
    template escapes (the values put into it are escaped), and always a format string, so that
    "%%" is a percent sign with or without values."""
    if context.eval_ctx.autoescape:
        # A message of the app's own catalogue is the template's markup, as in Jinja's new style;
        # the values put into it (below) are escaped.
        text = Markup(text)  # nosec B704
    return text % variables if variables or "%" in text else text


@pass_context
def _template_gettext(context, string: str, **variables):
    return _as_template_text(context, _catalogue(context).ugettext(string), variables)


@pass_context
def _template_ngettext(context, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _as_template_text(context, _catalogue(context).ungettext(singular, plural, num), variables)


@pass_context
def _template_pgettext(context, message_context: str, string: str, **variables):
    return _as_template_text(context, _catalogue(context).upgettext(message_context, string), variables)


@pass_context
def _template_npgettext(context, message_context: str, singular: str, plural: str, num: int, **variables):
    variables.setdefault("num", num)
    return _as_template_text(context, _catalogue(context).unpgettext(message_context, singular, plural, num),
                             variables)


def init_app(app: Flask) -> None:
    """Replace the template functions Flask-Babel installed (call after babel.init_app).

    Jinja passes the template context to functions marked `pass_context`, which is how each
    translated string in a page finds the render's catalogue without a context-local look-up.
    They keep the "new style" behaviour themselves (`_as_template_text`) rather than through
    Jinja's wrappers, which call through the context once more and format every string."""
    app.jinja_env.install_gettext_callables(gettext=_template_gettext, ngettext=_template_ngettext,
                                            newstyle=False, pgettext=_template_pgettext,
                                            npgettext=_template_npgettext)
    # {% trans %} blocks compile to the new style too (gettext(s, **values)), as these expect.
    app.jinja_env.newstyle_gettext = True
    # `_` straight to the function rather than Jinja's alias, which looks "gettext" up and calls
    # it through the context once more for each of a page's few hundred strings.
    app.jinja_env.globals["_"] = _template_gettext

    @app.context_processor
    def render_catalogue():
        return {RENDER_CATALOGUE: request_translations()}
