"""Helpers for the list export tests: read a CSV or XLSX download and the table of the page it
comes from, so that a test can hold the two side by side."""
from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

SKIPPED_CLASSES = {"visually-hidden", "flags"}  # screen-reader text and staff warnings in a cell
SKIPPED_TAGS = {"form", "button"}
VOID = {"br", "input", "img", "hr", "meta", "link", "wbr"}


def audited_export(object_type: str):
    """The latest audit entry of an export of `object_type`, or None."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditLog

    return db.session.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.object_type == object_type)
                             .order_by(AuditLog.id.desc()))


def norm(value: object) -> str:
    return " ".join(str(value if value is not None else "").split())


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[str]]:
    from openpyxl import load_workbook

    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [["" if c.value is None else c.value for c in row] for row in sheet.iter_rows()]


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[dict] = []
        self.stack: list[bool] = []  # per open element: whether its text is skipped
        self.cell: list[str] | None = None
        self.section = None

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and self.cell is not None:
                self.cell.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(any(self.stack) or tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES))
        if tag == "table":
            self.tables.append({"header": [], "rows": []})
        elif tag in ("thead", "tbody"):
            self.section = tag
        elif tag == "tr" and self.section == "tbody":
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in ("th", "td") and self.cell is not None:
            text = norm("".join(self.cell))
            (self.tables[-1]["header"] if self.section == "thead" else self.tables[-1]["rows"][-1]).append(text)
            self.cell = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.cell is not None and not any(self.stack):
            self.cell.append(data)


def page_table(html: str, index: int = 0, actions: tuple[str, ...] = ("Tindakan",)) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the page's `index`-th table, as text, without its `actions` columns
    (buttons and links, not data: not exported); an empty list's "nothing found" row left out."""
    parser = _Tables()
    parser.feed(html)
    table = parser.tables[index]
    keep = [i for i, h in enumerate(table["header"]) if h not in actions]
    rows = [[row[i] for i in keep] for row in table["rows"] if len(row) == len(table["header"])]
    return [table["header"][i] for i in keep], rows


def same_rows(exported: list[list[str]], shown: list[list[str]]) -> bool:
    return [[norm(c) for c in row] for row in exported] == shown
