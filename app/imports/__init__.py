"""Bulk import of residents and vacancies from the CSV and XLSX files staff keep today.

``parse`` reads a file into rows of text cells, ``validate`` turns each row into a plain dict or
into problems (row as the spreadsheet shows it, column, value, why), ``services`` stages the result
under ``instance/imports/`` and writes the accepted rows in one short transaction, ``jobs`` runs
that write as a background job with progress, ``routes`` is the staff page and ``cli`` the
``flask import`` command."""
from ..jobs.tasks import on_tick
from . import cli, routes, services


def init_app(app) -> None:
    """The staff pages, the `flask import` command, and the pruning of old staged files."""
    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.import_cli)
    on_tick("imports.prune")(services.prune)
