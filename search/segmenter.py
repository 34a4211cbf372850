"""The one word segmenter used for both indexed text and queries, on every engine.

Chinese has no spaces between words. Both engines index a *segmented* copy of the text
(words joined by single spaces) and segment queries the same way, so a query word matches
exactly the tokens that were indexed. Segmentation uses rjieba (``cut_for_search``, which
emits long words and their parts, e.g. 管理体系 → 管理 体系 管理体系) plus the domain
dictionary in ``data/dictionary.txt`` (应急预案, 挂牌督办, 红黄蓝 …, always one token).
Stop words (``data/stopwords.txt``, question words such as 怎么办, 如何, 哪里 among them)
and single characters are dropped.

Two more steps make Chinese queries find what people mean:

- **Traditional → Simplified**: text and queries are converted with OpenCC's ``t2s``
  tables (the ``opencc`` package), so 應急避難場所 finds 应急避难场所.
- **All parts of compounds**: jieba's search mode emits the two- and three-character
  words inside a long word; :func:`tokens` also emits every longer dictionary word inside
  it, so 应急避难场所 is indexed with 避难场所 and a search for 避难场所 finds it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc
import rjieba

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_QUERY_CHARS = 100
_WORD = re.compile(r"\w+", re.UNICODE)
# Full-width ASCII (Ａ, １, ，) and the ideographic space: the bulk of NFKC's work on
# Chinese text, done by a fast translate table before the (slower) NFKC check.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_lock = threading.Lock()
_loaded = False
_t2s = opencc.OpenCC("t2s.json")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _data_lines(name: str):
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def load_dictionary() -> None:
    """Add the domain words to rjieba's dictionary (once per process)."""
    global _loaded
    if _loaded:
        return
    with _lock:
        if _loaded:
            return
        for line in _data_lines("dictionary.txt"):
            word, _, freq = line.partition(" ")
            rjieba.add_word(word, int(freq) if freq.strip().isdigit() else None, None)
        _loaded = True


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(w for line in _data_lines("stopwords.txt") for w in line.split())


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), lower case, no control
    characters, collapsed spaces."""
    text = (text or "").translate(_FULL_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):  # the check is much faster than NFKC
        text = unicodedata.normalize("NFKC", text)
    text = text.lower()
    if _HAN.search(text):
        text = _t2s.convert(text)
    return " ".join(_CONTROL.sub(" ", text).split())


@lru_cache(maxsize=65536)
def _inner_words(word: str) -> tuple[str, ...]:
    """Dictionary words of four or more characters inside ``word`` (jieba's search mode
    already gives the shorter ones): 应急避难场所 → 避难场所."""
    if len(word) < 5:
        return ()
    found = []
    for size in range(len(word) - 1, 3, -1):
        for start in range(len(word) - size + 1):
            part = word[start : start + size]
            if rjieba.has_word(part):
                found.append(part)
    return tuple(found)


@lru_cache(maxsize=262144)
def _piece_words(piece: str, minimum: int) -> tuple[str, ...]:
    """What one piece of jieba's output contributes to the indexed words (cached: the
    same pieces recur in every document, and this loop was a third of segmentation)."""
    stops = stop_words()
    if len(piece) < minimum or piece in stops:
        return ()
    if piece.isalnum():  # the common case: the piece is one word
        return (piece, *_inner_words(piece))
    return tuple(w for w in _WORD.findall(piece) if len(w) >= minimum and w not in stops)


def tokens(text: str, *, keep_single: bool = False, normalized: bool = False) -> list[str]:
    """The words of ``text``, in order, with stop words and punctuation removed.

    Single characters are dropped unless ``keep_single`` is set. Duplicates are kept
    (term frequency matters for ranking). ``normalized``: the text already went through
    :func:`normalize`."""
    load_dictionary()
    minimum = 1 if keep_single else 2
    return [
        w
        for piece in rjieba.cut_for_search(text if normalized else normalize(text))
        for w in _piece_words(piece, minimum)
    ]


def words(text: str) -> list[str]:
    """The words of ``text`` in accurate mode (no parts of compounds): a synonym such as
    森林火灾 stays one term when the dictionary knows it."""
    load_dictionary()
    stops = stop_words()
    return [
        w
        for piece in rjieba.cut(normalize(text), False)
        for w in _WORD.findall(piece)
        if len(w) >= 2 and w not in stops
    ]


def segment(text: str) -> str:
    """The indexed form of ``text``: its words joined by single spaces."""
    return " ".join(tokens(text))


def query_terms(query: str) -> list[str]:
    """Distinct search terms of a user's query, in order of appearance.

    The query is truncated to :data:`MAX_QUERY_CHARS`. If filtering leaves nothing but the
    query had single characters (e.g. 火), those are used, so a one-character query still
    searches."""
    query = normalize(query)[:MAX_QUERY_CHARS]
    terms = list(dict.fromkeys(tokens(query)))
    if not terms:
        stops = stop_words()
        terms = [t for t in dict.fromkeys(tokens(query, keep_single=True)) if t not in stops]
    return terms[:24]


def clean_query(query: str) -> str:
    """The query as shown back to the user and logged: normalised and truncated.
    Remembered for queries of a usual length: every search answered from the page cache
    is counted under its clean form, and normalising it was a fifth of such a hit."""
    query = query or ""
    if len(query) > 2 * MAX_QUERY_CHARS:
        return _clean(query)
    return _clean_memo(query)


def _clean(query: str) -> str:
    return normalize(query)[:MAX_QUERY_CHARS]


_clean_memo = lru_cache(maxsize=4096)(_clean)
