"""Text normalisation for Indonesian and English job texts.

Job texts at a kelurahan desk are short, abbreviated and mixed-language ("opr prod", "admin gdg",
"welder / tukang las"). We map tokens to one canonical form (mostly the Indonesian word) so that
spelling variants, abbreviations and common English equivalents meet in the same TF-IDF column.
Typos are left to character n-grams. Nothing here assumes the text is Indonesian: unknown words
pass through unchanged, in any script.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Cap on characters read from one free-text field: keeps a pasted CV from dominating time and
# memory while the first few thousand characters carry all the job words anyway.
MAX_FIELD_CHARS = 4000

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Function words only. Job words such as "umum", "kerja", "bagian", "harian", "staff" stay:
# they distinguish "staff umum" from "staff gudang", and IDF already discounts common ones.
STOPWORDS = frozenset("""
yang dan di ke dari untuk dengan pada atau ini itu adalah ialah sebagai dalam akan bisa dapat juga
ada tidak tak oleh para serta saya aku kami kita anda kamu dia ia mereka telah sudah belum masih
sedang lebih sangat agar supaya karena sebab jika bila apabila maka tetapi tapi namun hingga sampai
bagi tentang secara setiap semua harus mampu memiliki mempunyai punya dll dsb dst pun lah kah nya
sang si yg dgn utk dr tsb tersebut begitu lagi pernah selama antara atas bawah sudah serta
diutamakan minimal min maksimal maks max diharapkan bersedia mau ingin siap
the a an and or of to in on at for with by from is are was were be been being as i me my we our
you your he she its they their this that these those have has had will would can could able
not no but if then so than also into about over under per via etc
""".split())

# Occupational synonyms ("supir" / "driver", "pramuniaga" / "SPG") are not listed here: the
# occupation index (matching/occupations.py, KBJI 2014) gives both the same code, which the
# engine adds to the text (``vectors.index_terms``). Only spelling variants of everyday words.
_CANON_GROUPS: dict[str, str] = {
    "tahun": "thn th tahun year years yr yrs",
    "bulan": "bln bulan month months",
    "staff": "staf staff",
    "ijazah": "ijasah ijazah",
    "praktik": "praktek praktik",
    "sistem": "sistim sistem",
    "analisis": "analisa analisis",
}

# Abbreviations that stand for several words (SMK majors, common job shorthands).
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "tkj": ("teknik", "komputer", "jaringan"),
    "tkr": ("teknik", "kendaraan", "ringan"),
    "tsm": ("teknik", "sepeda", "motor"),
    "tav": ("teknik", "audio", "video"),
    "rpl": ("rekayasa", "perangkat", "lunak"),
    "otkp": ("otomatisasi", "tata", "kelola", "perkantoran"),
    "ak": ("akuntansi",),
    "akl": ("akuntansi", "keuangan", "lembaga"),
    "ob": ("office", "boy"),
    "cs": ("pelanggan", "layanan"),
    "qc": ("quality_control",),
    "qa": ("quality_assurance",),
    "k3": ("k3",),
    "hrd": ("hrd",),
    "ppic": ("ppic",),
}

# Two-word phrases folded to one token before canonicalisation.
_PHRASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("quality", "control"): ("quality_control",),
    ("quality", "assurance"): ("quality_assurance",),
    ("fork", "lift"): ("forklift",),
    ("office", "boy"): ("office", "boy"),
    ("ms", "office"): ("microsoft", "office"),
    ("ms", "excel"): ("excel",),
    ("microsoft", "excel"): ("excel",),
    ("ms", "word"): ("word",),
    ("microsoft", "word"): ("word",),
}

CANON: dict[str, str] = {}
for _canon, _variants in _CANON_GROUPS.items():
    CANON[_canon] = _canon
    for _v in _variants.split():
        CANON[_v] = _canon


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # Drop combining marks (é -> e) but keep every script's letters.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _canon_token(tok: str) -> tuple[str, ...]:
    if tok in _EXPANSIONS:
        return _EXPANSIONS[tok]
    if tok in CANON:
        return (CANON[tok],)
    # Indonesian possessive/definite suffix: "gudangnya" -> "gudang".
    if len(tok) > 6 and tok.endswith("nya") and tok[:-3] in CANON:
        return (CANON[tok[:-3]],)
    return (tok,)


# Words after which a one- or two-character token is a class, not noise: "SIM C", "Brevet A".
_CLASS_WORDS = frozenset({"sim", "brevet", "golongan", "gol", "kelas", "tipe", "type"})


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """Canonical content tokens of a text, stopwords and one-letter tokens removed.

    A class letter after a class word is kept joined to it ("SIM C" -> "sim", "sim_c"), so that
    "SIM C" and "SIM B1" are no longer the same "sim"."""
    if not text:
        return ()
    raw = _TOKEN.findall(_fold(text[:MAX_FIELD_CHARS]))
    out: list[str] = []
    i = 0
    n = len(raw)
    while i < n:
        tok = raw[i]
        if i + 1 < n and (tok, raw[i + 1]) in _PHRASES:
            out.extend(_PHRASES[(tok, raw[i + 1])])
            i += 2
            continue
        i += 1
        if i >= 2 and raw[i - 2] in _CLASS_WORDS and len(tok) <= 2 and tok.isalnum() and not tok.isdigit():
            out.append(f"{raw[i - 2]}_{tok}")
            continue
        if tok in STOPWORDS or (len(tok) < 2 and not tok.isdigit()):
            continue
        for t in _canon_token(tok):
            if t not in STOPWORDS:
                out.append(t)
    return tuple(out)


def char_ngrams(toks: tuple[str, ...], n: int = 3) -> list[str]:
    """Character n-grams of each token, padded with spaces so word edges count (typo tolerance)."""
    grams: list[str] = []
    for t in toks:
        padded = f" {t} "
        if len(padded) <= n:
            grams.append(padded)
        else:
            grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return grams


@lru_cache(maxsize=100_000)
def _gram_set(tok: str) -> frozenset[str]:
    return frozenset(char_ngrams((tok,)))


_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=100_000)
def stems(tok: str) -> frozenset[str]:
    """Possible Indonesian roots of a word (light affix stripping), the word itself included.

    Only used to compare short phrases ("mengoperasikan mesin" ~ "operasi mesin"), never to build
    vectors, so an over-eager cut cannot merge two vocabularies. Nasal prefixes replace the
    root's first consonant (me+kirim -> mengirim, pe+tulis -> penulis), hence several candidates.
    """
    out = {tok}
    if len(tok) < 6 or not tok.isalpha():
        return frozenset(out)
    words = {tok}
    for suffix in ("nya", "kan", "an"):
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 4:
            words.add(tok[: -len(suffix)])
            break
    for w in list(words):
        for prefix, restore in (("meny", "s"), ("peny", "s"), ("meng", "k"), ("peng", "k"), ("mem", "p"),
                                ("pem", "p"), ("men", "t"), ("pen", "t"), ("ber", ""), ("ter", ""),
                                ("per", ""), ("me", ""), ("pe", ""), ("di", "")):
            if w.startswith(prefix) and len(w) - len(prefix) >= 4:
                rest = w[len(prefix):]
                words.add(rest)
                if prefix[:2] in ("me", "pe"):
                    words.add(w[2:])  # me+masak -> memasak: the "m" belongs to the root
                if restore and rest[0] in _VOWELS:
                    words.add(restore + rest)
                break
    out |= {w for w in words if len(w) >= 4}
    return frozenset(out)


@lru_cache(maxsize=200_000)
def tokens_similar(a: str, b: str) -> bool:
    """Same canonical token, the same Indonesian root, or a likely typo (Dice on trigrams)."""
    if a == b:
        return True
    if stems(a) & stems(b):
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 2:
        return False
    ga, gb = _gram_set(a), _gram_set(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb)) >= 0.65


@lru_cache(maxsize=100_000)
def phrase_key(text: str) -> tuple[str, ...]:
    """Key of a short phrase (a skill, certificate or title): its sorted unique canonical tokens."""
    return tuple(sorted(set(tokens(text))))


@lru_cache(maxsize=400_000)
def phrases_match(required: tuple[str, ...], offered: tuple[str, ...]) -> bool:
    """Whether an offered skill covers a required one.

    True when every token of the shorter key has an equal or typo-close token in the longer one
    ("excel" ~ "microsoft excel", "forklif" ~ "operator forklift").
    """
    if not required or not offered:
        return False
    if required == offered:
        return True
    short, long_ = (required, offered) if len(required) <= len(offered) else (offered, required)
    return all(any(tokens_similar(s, t) for t in long_) for s in short)


_GENERIC_MAJOR_WORDS = frozenset({"teknik", "tata", "kelola", "rekayasa", "jurusan", "program", "keahlian", "ilmu"})


@lru_cache(maxsize=10_000)
def major_keywords(major: str) -> frozenset[str]:
    """The major's own field words ("Teknik Mesin" -> mesin), found in a vacancy of its field
    ("SMK Mesin/Otomotif"); empty for no major. SMK abbreviations expand (TKJ -> teknik komputer
    jaringan)."""
    return frozenset(tokens(major)) - _GENERIC_MAJOR_WORDS
