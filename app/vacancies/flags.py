"""Flags for staff on vacancy texts (UU 13/2003 Pasal 5–6, 31–32).

Each kind of requirement that may discriminate (sex, religion, ethnicity, looks,
a maximum age, marital status) has patterns that find it and, where a word has an innocent use,
exceptions that are blanked out first ("suku cadang", "busana muslim", "cuti menikah", "single
shift", both sexes named together as in "pria dan wanita" or "laki-laki/perempuan").

DOMAIN.md asks to flag these requirements *without a stated reason*. Whether a reason is lawful
is for staff to judge, so a requirement that comes with a reason is still flagged, worded
differently: the flag quotes the reason and asks staff to check it. A reason counts when
- a connective that gives one ("karena", "sebab", "alasan", "mengingat", "sesuai ketentuan",
  "sesuai peraturan", "untuk pekerjaan", …) stands in the same sentence as the requirement, or
  opens the next sentence ("Pria. Alasan: …"); or
- a word naming a job condition that is a common reason ("K3", "keselamatan", "angkat berat",
  "asrama", "pasien wanita", …) stands in the same clause (between commas) as the requirement.
  A clause, not the sentence: "Pria, memahami K3" lists K3 as a skill, not as the reason.
A kind of requirement found several times counts as explained only when every mention is, so one
unexplained "wanita diutamakan" keeps the plain warning. Sentences end at a line break, ";", a
bullet, or ".", "!" or "?" before a capital letter (so "max. 27 thn" stays one sentence)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from functools import lru_cache

from flask_babel import lazy_gettext as _l

from ..models import Vacancy

_MALE = r"(?:pria|laki[\s-]?laki|laki2|lelaki|cowok|cowo|male)"
_FEMALE = r"(?:wanita|perempuan|cewek|cewe|female)"
_SEX = rf"(?:{_MALE}|{_FEMALE})"
_H = r"[^\S\n]"  # a space within a line: exceptions never reach across lines
_BOTH_JOIN = rf"{_H}*(?:/|&|,|\bdan\b|\batau\b|\bmaupun\b|\bserta\b|\bor\b|\band\b){_H}*"
_GOODS = (r"(?:busana|baju|pakaian|fashion|butik|toko|produk|perlengkapan|sepatu|sandal|tas|celana|kosmetik|"
          r"parfum|aksesoris|salon|toilet|kamar\s+mandi|departemen|koleksi|brand|merek)")
# Who is served or housed, not who is hired: "pasien wanita", "asrama pria".
_PEOPLE_SERVED = (r"(?:pasien|pelanggan|klien|tamu|pengunjung|penghuni|santri|siswa|murid|jemaah|jamaah|lansia|"
                  r"asrama|mess|kos|kost)")
_AGE = r"(?:usia|umur|berusia|berumur|age)"
_MAX = r"(?:maks(?:imal|imum)?|max(?:imal|imum)?|paling\s+tinggi|tertinggi|setinggi[\s-]tingginya)"
_NN = r"[1-9][0-9](?![0-9])"  # two ASCII digits: an age
_WORKING_AGE = r"(?:1[5-9]|[2-5][0-9]|6[0-5])(?![0-9])"
_YEARS = r"(?:tahun|thn|th|yo|years?)"
_RANGE = r"(?:-|–|—|s\s*/\s*d|s\.d\.?|sd|sampai(?:\s+dengan)?|hingga|to|dan)"
# Spaces around an optional colon. Written so that one run of spaces has one way to match:
# "\s*:?\s*" splits a run of n spaces n ways, and chained, such splits made the search polynomial.
_COLON = r"\s*(?::\s*)?"

# kind: (label, patterns that find it, exceptions blanked out before searching)
KINDS: dict[str, tuple[object, tuple[str, ...], tuple[str, ...]]] = {
    "sex": (_l("menyebut jenis kelamin tertentu"),
            (rf"\b{_SEX}\b",),
            (rf"\b{_MALE}\b{_BOTH_JOIN}\b{_FEMALE}\b", rf"\b{_FEMALE}\b{_BOTH_JOIN}\b{_MALE}\b",
             rf"\b{_GOODS}{_H}+(?:anak{_H}+)?{_SEX}\b", rf"\b{_PEOPLE_SERVED}{_H}+{_SEX}\b", r"\bL ?/ ?P\b")),
    "religion": (_l("menyebut agama"),
                 (r"\b(?:agama|beragama|islam|islami|muslim|muslimah|kristen|nasrani|protestan|katolik|hindu|"
                  r"buddha|budha|konghucu|kong\s*hu\s*cu|seiman|non[\s-]?muslim)\b",
                  r"\b(?:ber)?(?:jilbab|hijab|kerudung|cadar)\b"),
                 (rf"\b{_GOODS}{_H}+(?:muslim|muslimah|islami|hijab|jilbab|kerudung)\b",
                  r"\b(?:hari\s+raya|libur|tunjangan\s+hari\s+raya|thr)\b[^.\n;]{0,20}\b(?:agama|keagamaan)\b",
                  r"\b(?:sesuai|menurut)\s+agama\s+masing[\s-]masing\b")),
    "ethnicity": (_l("menyebut suku atau etnis"),
                  (r"\b(?:suku|etnis|etnik|ras|tionghoa|keturunan|pribumi|chinese)\b",),
                  (r"\bsuku +(?:cadang|bunga)\b", r"\bras +(?:kucing|anjing)\b")),
    "appearance": (_l("meminta penampilan menarik"),
                   (r"\b(?:ber)?penampilan\s+(?:menarik|cantik|tampan|good\s+looking)\b",
                    r"\bgood[\s-]?looking\b", r"\b(?:cantik|tampan|rupawan|ganteng)\b",
                    r"\b(?:wajah|paras)\s+(?:menarik|cantik|tampan|good\s+looking)\b",
                    r"\b(?:berwajah|berparas)\b"),
                   ()),
    "age": (_l("membatasi usia maksimal"),
            (rf"\b{_AGE}{_COLON}{_MAX}\.?{_COLON}{_NN}",                            # usia maksimal 25, usia max. 27
             rf"\b{_MAX}\.?\s*{_AGE}{_COLON}{_NN}",                                  # maksimal usia 35
             rf"\b{_AGE}{_COLON}(?:di\s*bawah|dibawah|kurang\s+dari|<|≤|<=|under)\s*{_NN}",
             rf"\b{_AGE}{_COLON}(?:tidak|tdk|tak)\s+(?:boleh\s+)?(?:lebih\s+dari|melebihi|lewat\s+dari|lewat|lebih)\s*{_NN}",
             rf"\b{_AGE}{_COLON}(?:antara\s*)?{_NN}\s*(?:{_YEARS}\s*)?{_RANGE}\s*{_NN}",  # usia 18-25 tahun
             rf"\b{_AGE}{_COLON}{_NN}\s*(?:{_YEARS}\s*)?(?:ke\s*bawah|kebawah)",          # usia 25 tahun ke bawah
             rf"\bbatas\s+(?:usia|umur)\s*(?:{_MAX}\.?\s*)?(?::\s*)?{_NN}",             # batas usia 35
             rf"\bbelum\s+berusia\s+{_NN}",
             rf"(?<![\w.])(?:maks(?:imal|imum)?|max(?:imal|imum)?)\.?\s*{_WORKING_AGE}\s*{_YEARS}\b"),  # max. 27 thn
            ()),
    "marital": (_l("mensyaratkan status pernikahan"),
                (r"\b(?:belum|sudah|tidak|bersedia\s+tidak|tdk|blm)\s+(?:menikah|kawin|berkeluarga|berumah\s+tangga)\b",
                 r"\b(?:lajang|single|unmarried|not\s+married)\b",
                 r"\bstatus\s+(?:pernikahan|perkawinan|perkawinan|menikah|lajang)\b",
                 r"\bbelum\s+(?:punya|memiliki|mempunyai)\s+anak\b"),
                (r"\bsingle +(?:shift|sign|phase|fase|line|entry|user|point|source|origin|page|player|core)\b",)),
}

# Connectives that give a reason: they count anywhere in the requirement's sentence, or at the
# start of the next one.
REASON_CONNECTIVES = re.compile(
    r"\b(?:karena|karna|krn|sebab|dikarenakan|disebabkan|alasan(?:nya)?|mengingat|berhubung)\b", re.I)
# Phrases and job conditions that are a common reason: they count in the requirement's clause only
# ("Laki-laki sesuai ketentuan K3" yes; "Pria, memahami K3" or "…, gaji sesuai ketentuan" no).
REASON_CLAUSE = re.compile(
    r"\b(?:(?:sesuai|berdasarkan|menurut|mengikuti)\s+(?:ketentuan|peraturan|regulasi|aturan|standar|syarat|"
    r"persyaratan|undang[\s-]undang|uu|permenaker|sop)|untuk\s+(?:pekerjaan|keperluan|kebutuhan|tugas)|demi|"
    r"diwajibkan\s+oleh|diharuskan\s+oleh|k3|keselamatan|keamanan\s+kerja|angkat\s+berat|"
    r"mengangkat\s+(?:beban|barang)(?:\s+berat)?|beban\s+berat|pekerjaan\s+(?:fisik|berat|di\s+ketinggian)|"
    r"ketinggian|asrama|mess|pasien|penggeledahan|pemeriksaan\s+(?:badan|fisik)|ruang\s+ganti|"
    r"pengajar\s+agama|guru\s+agama|ustadz|ustadzah|pesantren|syar'?i)\b", re.I)
_SENTENCE_END = re.compile(r"\n|;|•|·|[.!?](?=\s+[A-Z\"“(\-–•])|[.!?]\s*$")
_REASON_SHOWN = 100


class TextFlag(namedtuple("_TextFlag", "code label")):
    """(code, label) as before, plus ``found`` (the words found, as written) and ``reason``
    (the reason stated near them, or None)."""

    def __new__(cls, code: str, label, found: str = "", reason: str | None = None):
        flag = super().__new__(cls, code, label)
        flag.found, flag.reason = found, reason
        return flag


_COMPILED = {code: (label, [re.compile(p, re.I) for p in found], [re.compile(p, re.I) for p in exceptions])
             for code, (label, found, exceptions) in KINDS.items()}


def _blank(text: str, patterns) -> str:
    """The text with every exception replaced by spaces (offsets kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        bounds.append((start, end.start()))
        start = end.end()
    bounds.append((start, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _clause_edges(text: str, sentences: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """For every offset i, where a clause starting at i begins (``left[i]``) and where one ending
    at i ends (``right[i]``), within its sentence: the nearest comma at the same bracket depth,
    the bracket the offset is in, or the sentence edge. Brackets closed in between are skipped;
    an unbalanced one opens up to the sentence edge. One pass each way, so the cost is linear
    however many requirements a sentence holds."""
    left, right = list(range(len(text) + 1)), list(range(len(text) + 1))
    for low, high in sentences:
        stack = [low]  # per open bracket, where its current clause begins
        for i in range(low, high):
            left[i] = stack[-1]
            ch = text[i]
            if ch == "(":
                stack.append(i + 1)
            elif ch == ")":
                if len(stack) > 1:
                    stack.pop()
                else:
                    stack[0] = low
            elif ch == ",":
                stack[-1] = i + 1
        left[high] = stack[-1]
        stack = [high]
        for i in range(high - 1, low - 1, -1):
            right[i + 1] = stack[-1]
            ch = text[i]
            if ch == ")":
                stack.append(i)
            elif ch == "(":
                if len(stack) > 1:
                    stack.pop()
                else:
                    stack[0] = high
            elif ch == ",":
                stack[-1] = i
        right[low] = stack[-1]
    return left, right


class _Matches:
    """The matches of a pattern, sorted, to find the first one inside a range by bisection."""

    def __init__(self, matches):
        self.matches = list(matches)
        self.starts = [m.start() for m in self.matches]

    def first_within(self, low: int, high: int):
        index = bisect_left(self.starts, low)
        if index < len(self.matches) and self.matches[index].end() <= high:
            return self.matches[index]
        return None


class _Reasons:
    """What finding the reason near a requirement needs, computed once per text."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self.text, self.sentences = text, sentences
        self.lows = [low for low, _ in sentences]
        self.left, self.right = _clause_edges(text, sentences)
        # Connectives are whole words, and every sentence or clause edge is a non-word
        # character, so matches over the whole text are the matches within each range.
        self.connectives = _Matches(REASON_CONNECTIVES.finditer(text))
        # Reason phrases hold spaces, which may be a line break ending a sentence: searched per sentence.
        self.phrases = _Matches(m for low, high in sentences for m in REASON_CLAUSE.finditer(text, low, high))

    def _clause(self, start: int, end: int, low: int, high: int) -> tuple[int, int]:
        return (self.left[start] if start > low else start), (self.right[end] if end < high else end)

    def _phrase_within(self, low: int, high: int, sentence_high: int):
        if high > sentence_high:  # a requirement that runs on past its sentence: search the range itself
            return REASON_CLAUSE.search(self.text, low, high)
        return self.phrases.first_within(low, high)

    def near(self, start: int, end: int, quoted: bool = True) -> str | bool | None:
        """The reason stated for the requirement at text[start:end], as quoted to staff (or True
        when ``quoted`` is false), or None. In order: a connective in its clause, a connective in
        its sentence, a reason phrase or job condition in its clause, a connective opening the
        next sentence."""
        text, sentences = self.text, self.sentences
        index = bisect_right(self.lows, start) - 1
        if index < 0 or start >= sentences[index][1]:
            return None
        low, high = sentences[index]
        clause_low, clause_high = self._clause(start, end, low, high)
        cue = self.connectives.first_within(clause_low, clause_high) or self.connectives.first_within(low, high)
        if cue is not None:
            return not quoted or _quote(text[cue.start():self._clause(cue.start(), cue.end(), low, high)[1]]) or None
        cue = self._phrase_within(clause_low, clause_high, high)
        if cue is not None:
            # From the cue to the end of the clause when it follows the requirement, else the clause.
            return not quoted or _quote(text[cue.start() if cue.start() >= end else clause_low:clause_high]) or None
        if index + 1 < len(sentences):
            next_low, next_high = sentences[index + 1]
            next_low += len(text[next_low:next_high]) - len(text[next_low:next_high].lstrip())
            if REASON_CONNECTIVES.match(text, next_low):
                return not quoted or _quote(text[next_low:next_high]) or None
        return None


def _quote(text: str) -> str:
    """A reason as shown to staff: one line, no brackets at the ends, at most _REASON_SHOWN characters."""
    text = " ".join(text.split()).strip(" ,:;.-–()[]\"“”")
    if len(text) > _REASON_SHOWN:
        text = text[:_REASON_SHOWN].rsplit(" ", 1)[0] + "…"
    return text


def scan_text(text: str) -> list[TextFlag]:
    """The requirements in a vacancy text that staff should check, one flag per kind."""
    text = text or ""
    sentences = _sentences(text)
    reasons = None  # built on the first requirement found
    flags = []
    for code, (label, patterns, exceptions) in _COMPILED.items():
        searched = _blank(text, exceptions)
        spans = sorted({m.span() for p in patterns for m in p.finditer(searched)})
        merged: list[tuple[int, int]] = []
        for a, b in spans:  # overlapping matches of several patterns are one mention
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        if not merged:
            continue
        reasons = reasons or _Reasons(text, sentences)
        # Quoted for the first mention only; the others need only say whether they have one.
        reason = reasons.near(*merged[0])
        if reason is not None and not all(reasons.near(a, b, quoted=False) for a, b in merged[1:]):
            reason = None
        words: list[str] = []
        seen: set[str] = set()
        for a, b in merged:
            word = " ".join(text[a:b].split())
            if word.lower() not in seen:
                seen.add(word.lower())
                words.append(word)
        found = ", ".join(words[:3])
        flags.append(TextFlag(code, label, found, reason))
    return flags


@lru_cache(maxsize=4096)
def _scan_text_once(text: str) -> tuple[TextFlag, ...]:
    # Pages show the flags of the same few texts again and again; a text is scanned once per
    # process (the labels are lazy, so one scan serves every language).
    return tuple(scan_text(text))


def text_flags(vacancy: Vacancy) -> list[TextFlag]:
    # Every free text residents read: skills, certificates and the place are shown as well.
    extra = [*(vacancy.skills or ()), *(vacancy.certificates or ()), vacancy.location or ""]
    return list(_scan_text_once("\n".join([vacancy.title or "", vacancy.description or "", *extra])))


def written_text_flags(title: str = "", description: str = "", skills=(), certificates=(), location: str = "") -> list[TextFlag]:
    """The flags of a vacancy still being written (the employer's form), on the same text as
    text_flags reads from a saved vacancy."""
    return list(_scan_text_once("\n".join([title or "", description or "", *(skills or ()), *(certificates or ()),
                                           location or ""])))


def wording_fingerprint(flags: list[TextFlag]) -> str:
    """Which flags an employer has seen: a second save with the same flags goes through."""
    return ",".join(sorted(f"{f.code}:{f.found.casefold()}" for f in flags))
