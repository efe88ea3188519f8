"""``flask --app app report monthly --month 2026-11 --format xlsx --output FILE [--kelurahan NAME]``.

Without --kelurahan the report covers the whole city. A month that is not YYYY-MM or an unknown
kelurahan is a usage error (exit status 2, no traceback); a file that cannot be written exits 1."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask_babel import force_locale

from . import documents, periods, services
from .monthly import monthly_report


@click.group("report", help="Laporan bulanan untuk lurah dan Disnaker.")
def report_cli():
    pass


def _month(_ctx, _param, value: str | None) -> tuple[int, int]:
    if value is None:
        return periods.parse_month(periods.previous_month())
    try:
        return periods.parse_month(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} bukan bulan yang sah; tulis seperti 2026-11.") from None


@report_cli.command("monthly")
@click.option("--month", callback=_month, metavar="YYYY-MM", help="Bulan laporan (bawaan: bulan lalu).")
@click.option("--format", "fmt", type=click.Choice(sorted(documents.FORMATS)), default="xlsx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Berkas tujuan (bawaan: laporan-bulanan-<bulan>-<wilayah>.<format>; '-' untuk stdout).")
@click.option("--kelurahan", default=None, help="Nama atau kode satu kelurahan (bawaan: seluruh kota).")
def monthly_command(month: tuple[int, int], fmt: str, output: str | None, kelurahan: str | None) -> None:
    """Buat laporan bulanan (XLSX atau PDF) untuk satu kelurahan atau seluruh kota."""
    place = None
    if kelurahan is not None:
        place = services.find_kelurahan(kelurahan)
        if place is None:
            known = ", ".join(k.name for k in services.list_kelurahan()) or "-"
            raise click.BadParameter(f"kelurahan {kelurahan!r} tidak dikenal. Yang ada: {known}.",
                                     param_hint="'--kelurahan'")
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        report = monthly_report(place, *month)
        body = documents.render_monthly(report, fmt)
        name = output or documents.filename(report, fmt)
        scope = documents.scope_name(place)
    if name == "-":
        click.get_binary_stream("stdout").write(body)
        return
    try:
        target = Path(name)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(body)
        os.replace(partial, target)
    except OSError as exc:
        click.echo(f"Tidak bisa menulis {name}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"Laporan {report['month']} ({scope}) ditulis ke {name} ({len(body)} byte).")
