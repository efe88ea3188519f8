"""Vacancy texts built to make the text flags slow: long runs of spaces between the parts of a
requirement (what made the old patterns backtrack), and many requirements, reasons and brackets
in one long sentence (what made finding each reason scan the sentence again)."""
from __future__ import annotations


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _spaced(head: str, tail: str):
    def make(size: int) -> str:
        return head + " " * (size - len(head) - len(tail)) + tail
    return make


HOSTILE = {
    "usia+spaces+25+spaces": lambda size: "usia" + " " * (size // 2) + "25" + " " * (size - size // 2 - 6),
    "usia+spaces (repeated)": lambda size: _repeat("usia" + " " * 200 + "25" + " " * 200, size),
    "usia: spaces max spaces": _spaced("usia :", "maks.   : x"),
    "batas usia+spaces": _spaced("batas usia", ": x"),
    "usia 25 sampai+spaces": _spaced("usia 25 tahun sampai", "x"),
    "pria+spaces (exceptions)": _spaced("pria", "x"),
    "pria karena (one sentence)": lambda size: _repeat("pria karena angkat berat ", size),
    "pria K3 (one sentence)": lambda size: _repeat("pria sesuai ketentuan ", size),
    "nested brackets": lambda size: _repeat("(pria ", size),
    "closing brackets": lambda size: _repeat("pria) ", size),
    "many sentences": lambda size: _repeat("Pria. Karena berat.\n", size),
    "usia 25 mentions": lambda size: _repeat("usia 25 tahun ke bawah, ", size),
    "dots and spaces": lambda size: _repeat(".     ", size),
}
