"""Indonesian roots of derived words, so that "pengelasan" meets "las" and "penjualan" meets "jual".

The stemmer is Sastrawi's (Nazief-Adriani with its dictionary of ~30,000 Indonesian roots), with
one rule in front of it: roots of one syllable take the prefixes ``penge-`` / ``menge-`` ("las" ->
"pengelasan", "cat" -> "pengecatan", "bor" -> "pengeboran"), which the dictionary alone reads as
"kelas", "kecat"... A root is only *added* beside the word (``index_terms``), never put in its
place, so a wrong cut (English "sewing" -> "wing") costs a useless column, not a lost word.
Results are memoised per word.
"""
from __future__ import annotations

import threading
from functools import lru_cache

_VOWELS = frozenset("aeiou")
_PREFIXES = ("me", "pe", "di", "ke", "be", "te", "se")
_SUFFIXES = ("an", "kan", "nya", "lah", "kah", "i")
_lock = threading.Lock()
_state: dict[str, object] = {}


def _stemmer():
    # Built on first use (the dictionary takes ~0.1 s to load), once per process.
    with _lock:
        if "stemmer" not in _state:
            from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary  # heavy: load only when stemming
            from Sastrawi.Stemmer.Stemmer import Stemmer
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

            words = [w for w in StemmerFactory().get_words() if w]
            _state["roots"] = frozenset(words)
            _state["stemmer"] = Stemmer(ArrayDictionary(words))
    return _state["stemmer"]


def _one_syllable(word: str) -> bool:
    groups = 0
    prev = False
    for ch in word:
        v = ch in _VOWELS
        groups += v and not prev
        prev = v
    return groups == 1


@lru_cache(maxsize=200_000)
def root(word: str) -> str | None:
    """The Indonesian root of a derived word, or None when the word is (or looks like) a root."""
    if len(word) < 5 or not word.isalpha() or not word.isascii():
        return None
    # Sastrawi costs about a millisecond a word: only words with an Indonesian affix go to it.
    if not (word.startswith(_PREFIXES) or word.endswith(_SUFFIXES)):
        return None
    stemmer = _stemmer()
    roots = _state["roots"]
    for prefix in ("penge", "menge", "dige"):
        if word.startswith(prefix):
            rest = word[len(prefix):]
            for suffix in ("kan", "an", ""):
                if rest.endswith(suffix):
                    cand = rest[: len(rest) - len(suffix)]
                    if _one_syllable(cand) and cand in roots:
                        return cand
    with _lock:  # Sastrawi's stemmer keeps per-call state on the instance
        stem = stemmer.stem_word(word)
    return stem if stem != word and len(stem) >= 3 else None
