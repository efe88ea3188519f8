"""LokerWarga: the job desk of a kelurahan, as a Flask application."""
from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.routing import IntegerConverter

from . import cli, imports, jobs, ranking
from .admin.routes import bp as admin_bp
from .auth import bp as auth_bp
from .board.routes import bp as board_bp
from .config import ROOT, build_config
from .core import access, assets, database, i18n, links, redaction, serving, timeouts, web
from .core.instance import protect_instance
from .duplicates.routes import bp as duplicates_bp
from .employers.answer_links import bp as answer_bp
from .employers.routes import bp as employers_bp
from .employers.verification import bp as company_verification_bp
from .extensions import babel, csrf, db, login_manager, migrate
from .fairs import bp as fairs_bp
from .jobs import housekeeping  # noqa: F401  (registers the work every `tick` job does)
from .referrals import reminders
from .referrals.letters import bp as letters_bp
from .reports.routes import bp as reports_bp
from .seekers.routes import bp as seekers_bp
from .staff import bp as staff_bp
from .vacancies.routes import bp as vacancies_bp

BLUEPRINTS = (
    auth_bp, seekers_bp, employers_bp, staff_bp, vacancies_bp, duplicates_bp, reports_bp, admin_bp,
    board_bp,  # the public vacancy board, posters and weekly notices
    letters_bp,  # referral letters and their public verification page
    answer_bp,  # employers answer a referral from a signed email link
    company_verification_bp,  # admin verifies companies outside the deployment's kelurahan
    fairs_bp,  # job fairs: staff, companies and their booths, residents' passes, the public page
)


class BoundedIntConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    protect_instance(Path(app.instance_path))  # before the database or any key file is opened
    app.config.update(build_config(Path(app.instance_path), config))
    # Ids beyond what the database stores are simply not found (404), not an overflow (500).
    app.url_map.converters["int"] = BoundedIntConverter

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=web.select_locale, timezone_selector=lambda: "Asia/Jakarta")
    i18n.init_app(app)  # templates: one catalogue look-up per request
    with app.app_context():
        database.configure_engine(db.engine)
    database.end_read_only_transactions(app, db)
    timeouts.init_app(app)  # bounded waits for web requests; a "coba lagi" page (503) when they run out

    web.init_app(app)
    assets.init_app(app)  # compression, hashed static URLs, language links
    cli.init_app(app)
    jobs.init_app(app)  # background jobs: status fragment, `flask worker`, `flask jobs`
    reminders.init_app(app)  # staff reminders and follow-ups: also a `tick` hook
    ranking.init_app(app)  # reasons rendered in the reader's language
    serving.init_app(app)  # ProxyFix when PROXY_FIX is set
    links.init_app(app)  # links from PUBLIC_BASE_URL; other hosts refused
    redaction.init_app(app)  # no token or search term in the request log
    imports.init_app(app)  # bulk import: /staff/import and `flask import`
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    access.check_every_endpoint(app)  # deny by default: no endpoint open by omission
    return app
