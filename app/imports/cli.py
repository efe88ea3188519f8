"""``flask --app app import seekers FILE --kelurahan NAME`` and ``import vacancies FILE --company ID``.

Without options an invalid row saves nothing: every problem is printed with its row number and
the command exits with status 1. ``--skip-invalid`` saves the valid rows and reports the rest,
``--update`` updates residents already in the database, ``--dry-run`` only reports."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import func, or_, select

from ..extensions import db
from ..models import Company, Kelurahan
from . import services
from .parse import ImportFileError
from .validate import field_labels


@click.group("import", help="Impor data warga atau lowongan dari CSV/XLSX.")
def import_cli():
    pass


def _run(kind: str, path: str, **options) -> None:
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        _import(kind, path, **options)


def _import(kind: str, path: str, *, kelurahan=None, company=None, update: bool, skip_invalid: bool, dry_run: bool) -> None:
    started = time.monotonic()
    try:
        report = services.check(Path(path).read_bytes(), path, kind, kelurahan=kelurahan, update=update)
    except (ImportFileError, OSError) as exc:
        click.echo(f"Berkas tidak bisa dipakai: {exc}", err=True)
        sys.exit(1)
    if report["unknown"]:
        click.echo("Kolom tidak dikenal (diabaikan): " + ", ".join(report["unknown"]), err=True)
    if report["missing"]:
        labels = field_labels(kind)  # the column names staff see on screen, not the internal ones
        click.echo("Kolom wajib tidak ada: " + ", ".join(labels[name] for name in report["missing"]), err=True)
        sys.exit(1)
    for p in report["problems"]:
        click.echo(f"Baris {p['row']}, kolom {p['column']}, nilai {p['value']!r}: {p['message']}", err=True)
    click.echo(f"{report['total']} baris: {len(report['rows'])} diterima, {len(report['problems'])} masalah, "
               f"{len(report['skipped'])} dilewati (NIK sudah terdaftar).")
    if kind == "vacancies":
        click.echo("Lowongan yang diimpor menunggu tinjauan petugas sebelum tampil untuk warga.")
    if dry_run:
        click.echo("Uji coba: tidak ada yang disimpan.")
        sys.exit(1 if report["problems"] else 0)
    if report["problems"] and not skip_invalid:
        click.echo("Tidak ada yang disimpan. Perbaiki baris di atas, atau pakai --skip-invalid.", err=True)
        sys.exit(1)
    report.update(kelurahan_id=kelurahan.id if kelurahan else None, company_id=company.id if company else None)
    try:
        result = services.write(report, actor=None)
        if kind == "seekers" and (result["created"] or result["updated"]):
            services.refresh_suggestions(None)  # imported vacancies wait for review: nothing to suggest yet
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    if kind == "vacancies":
        click.echo(f"Tersimpan: {result['created']} lowongan, menunggu tinjauan petugas di /staff/vacancies/review "
                   f"({time.monotonic() - started:.1f} detik).")
        return
    click.echo(f"Tersimpan: {result['created']} baru, {result['updated']} diperbarui, {result['skipped']} dilewati "
               f"({time.monotonic() - started:.1f} detik). Saran dihitung ulang oleh worker (ranking.refresh_all).")


@import_cli.command("seekers")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--kelurahan", "kelurahan_name", required=True, help="Nama atau kode kelurahan.")
@click.option("--update", is_flag=True, help="Perbarui warga yang NIK-nya sudah terdaftar.")
@click.option("--skip-invalid", is_flag=True, help="Simpan baris yang benar, laporkan sisanya.")
@click.option("--dry-run", is_flag=True, help="Hanya periksa dan laporkan.")
def import_seekers(path, kelurahan_name, update, skip_invalid, dry_run):
    """Impor warga (pencari kerja)."""
    kelurahan = db.session.scalar(select(Kelurahan).where(or_(func.lower(Kelurahan.name) == kelurahan_name.lower(),
                                                             Kelurahan.code == kelurahan_name)))
    if kelurahan is None:
        raise click.BadParameter(f"kelurahan {kelurahan_name!r} tidak ada", param_hint="--kelurahan")
    _run("seekers", path, kelurahan=kelurahan, update=update, skip_invalid=skip_invalid, dry_run=dry_run)


@import_cli.command("vacancies")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--company", "company_id", required=True, type=int, help="Id perusahaan.")
@click.option("--skip-invalid", is_flag=True, help="Simpan baris yang benar, laporkan sisanya.")
@click.option("--dry-run", is_flag=True, help="Hanya periksa dan laporkan.")
def import_vacancies(path, company_id, skip_invalid, dry_run):
    """Impor lowongan sebuah perusahaan."""
    company = db.session.get(Company, company_id)
    if company is None:
        raise click.BadParameter(f"perusahaan {company_id} tidak ada", param_hint="--company")
    if not company.verified:
        click.echo(f"Perusahaan {company.name} (id {company.id}) belum diverifikasi; lowongannya tidak bisa diimpor.",
                   err=True)
        sys.exit(1)
    _run("vacancies", path, company=company, update=False, skip_invalid=skip_invalid, dry_run=dry_run)
