"""What the portal indexes and searches besides the segmented words (search/segmenter.py):
the extra title terms (pinyin, pinyin initials, single characters) and the editors'
synonym groups. Both engines use these functions, so both index and match the same terms.

- **Pinyin**: a title's words are also indexed as pinyin and pinyin initials (pypinyin):
  应急救援队伍 → ``yingji jiuyuan duiwu yingjijiuyuanduiwu yj jy dw yjjydw``, so
  ``yingji jiuyuan duiwu`` or ``yjjydw`` finds it.
- **Single characters**: every Chinese character of the title is indexed too, so a
  one-character query (火, 水) finds the titles that contain it. Longer queries never
  search single characters (:func:`search.segmenter.query_terms`), so this does not
  add noise to them.
- **Synonyms** (:class:`search.models.Synonym`): a query is a list of *term groups*; a
  group is matched when any of its terms is. A query containing a synonym (as text, so
  安全月 works though it is no dictionary word) gains a group with every member's terms.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

import rjieba
from pypinyin import lazy_pinyin

from portal.core import sitememo

from .models import Synonym
from .segmenter import normalize, query_terms, tokens, words

# Queries whose term groups each worker remembers (about 1 KB each).
TERM_GROUPS_KEPT = 4096
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_PINYIN = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def _word_pinyin(word: str) -> tuple[str, ...]:
    """The syllables of one word (pypinyin is the slow part of indexing: titles repeat
    their words, so each word is converted once per process). A character pypinyin
    cannot convert one to one gives "?" for the whole word."""
    syllables = lazy_pinyin(word, errors=lambda chars: ["?"] * len(chars))
    return tuple(syllables) if len(syllables) == len(word) else ("?",) * len(word)


def pinyin_terms(title: str, normalized: str | None = None) -> list[str]:
    """Pinyin and pinyin-initial terms of a title: for each word (search mode), for each
    run of two or three consecutive words (accurate mode: 应急救援+队伍 →
    yingjijiuyuanduiwu, 防+溺水 → fangnishui) and for each whole Chinese run.

    Syllables come per accurate-mode word (the words give pypinyin the context it needs
    for characters with several readings); each piece takes its characters' syllables."""
    out = []
    for run in _HAN_RUN.findall(normalized if normalized is not None else normalize(title)):
        cut = rjieba.cut(run, False)
        syllables = [s for w in cut for s in _word_pinyin(w)]
        if len(syllables) != len(run):  # a character jieba split unexpectedly
            continue
        spans = []
        for piece in tokens(run, normalized=True):
            start = run.find(piece)
            if start >= 0:
                spans.append((start, start + len(piece)))
        ends = list(accumulate(len(w) for w in cut))
        bounds = [(end - len(w), end) for w, end in zip(cut, ends, strict=True)]
        for n in (2, 3):
            spans += [(bounds[i][0], bounds[i + n - 1][1]) for i in range(len(bounds) - n + 1)]
        spans.append((0, len(run)))
        for start, end in dict.fromkeys(spans):
            piece = [s for s in syllables[start:end] if s != "?"]
            if len(piece) > 1:
                out += ["".join(piece), "".join(s[0] for s in piece)]
    return list(dict.fromkeys(out))


def title_terms(title: str) -> str:
    """The indexed form of a title: segmented words, pinyin terms, single characters."""
    text = normalize(title)
    words = tokens(text, normalized=True)
    chars = _HAN_CHAR.findall(text)
    return " ".join(words + pinyin_terms(title, text) + chars)


def synonym_groups() -> list[list[str]]:
    """The active synonym groups (members, normalised), kept per worker until the site
    changes: saving or deleting a group replaces the site generation (search/signals.py),
    which also renews the cached search pages that used the old groups."""
    return sitememo.remember("search:synonyms", _active_synonyms)


def _active_synonyms() -> list[list[str]]:
    return [
        [normalize(m) for m in s.members] for s in Synonym.objects.filter(active=True).only("words")
    ]


Group = list[tuple[str, ...]]  # alternatives; an alternative matches if all its words do


def term_groups(text: str) -> list[Group]:
    """:func:`analysed_groups`, remembered per worker for the most recent queries until the
    site changes (segmenting and matching the synonyms is most of preparing a query)."""
    kept = sitememo.recently_used(
        "search:term-groups", text, lambda: analysed_groups(text), TERM_GROUPS_KEPT
    )
    return [list(group) for group in kept]


def analysed_groups(text: str) -> list[Group]:
    """A query's term groups: one per query term (``[("避难场所",)]``), plus one per
    synonym group the query text contains, whose alternatives are its members' words
    (森林火灾 → ``("森林", "火灾")``, matched only together). A query term that is itself
    a one-word member joins that synonym group instead of counting twice."""
    groups: list[Group] = [[(t,)] for t in query_terms(text)]
    syllables = normalize(text).split()
    if len(syllables) > 1 and all(_PINYIN.fullmatch(w) for w in syllables):
        # Pinyin typed with spaces (anquan shengchan yue): the joined form is a title term.
        groups.append([("".join(syllables),)])
    compact = "".join(normalize(text).split())
    for members in synonym_groups():
        if not any(m and "".join(m.split()) in compact for m in members):
            continue
        alternatives = []
        for member in members:
            found = words(member)
            if found and all(w.isdigit() for w in found) and "".join(found) != member:
                continue  # 5·12 → "12" alone would match any 12 (a date, a count)
            alternatives.append(tuple(found) or ("".join(member.split()),))
        alternatives = list(dict.fromkeys(alternatives))
        groups = [g for g in groups if g[0] not in alternatives]
        groups.append(alternatives)
    return groups


def group_terms(groups: list[Group]) -> list[str]:
    """Every word of every alternative, in order (what the engines must match)."""
    return list(dict.fromkeys(w for group in groups for alt in group for w in alt))


def groups_matched(groups: list[Group], found) -> int:
    """How many groups have an alternative whose words are all in ``found``."""
    return sum(1 for group in groups if any(found.issuperset(alt) for alt in group))
