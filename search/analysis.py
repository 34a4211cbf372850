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

from django.core.cache import cache
from pypinyin import lazy_pinyin

from .segmenter import normalize, query_terms, tokens, words

SYNONYM_CACHE_KEY = "search:synonyms:v1"
_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def pinyin_terms(title: str) -> list[str]:
    """Pinyin and pinyin-initial terms of a title (per word and for each Chinese run)."""
    out = []
    for run in _HAN_RUN.findall(normalize(title)):
        words = [w for w in tokens(run) if len(w) <= len(run)]
        for word in dict.fromkeys(words):
            syllables = lazy_pinyin(word, errors="ignore")
            if syllables:
                out += ["".join(syllables), "".join(s[0] for s in syllables)]
        syllables = lazy_pinyin(run, errors="ignore")
        if len(syllables) > 1:
            out += ["".join(syllables), "".join(s[0] for s in syllables)]
    return out


def title_terms(title: str) -> str:
    """The indexed form of a title: segmented words, pinyin terms, single characters."""
    words = tokens(title)
    chars = _HAN_CHAR.findall(normalize(title))
    return " ".join(words + pinyin_terms(title) + chars)


def synonym_groups() -> list[list[str]]:
    """The active synonym groups (members, normalised), cached until a group changes."""
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        from .models import Synonym

        groups = [
            [normalize(m) for m in s.members]
            for s in Synonym.objects.filter(active=True).only("words")
        ]
        cache.set(SYNONYM_CACHE_KEY, groups, timeout=None)
    return groups


def forget_synonyms(**kwargs) -> None:
    cache.delete(SYNONYM_CACHE_KEY)


def term_groups(text: str) -> list[list[str]]:
    """A query's term groups: one per query term, plus one per synonym group the query
    text contains (all members' terms; a term already grouped joins the synonym group)."""
    groups = [[t] for t in query_terms(text)]
    compact = "".join(normalize(text).split())
    for members in synonym_groups():
        if not any(m and "".join(m.split()) in compact for m in members):
            continue
        terms = []
        for member in members:
            terms += words(member) or ["".join(member.split())]
        terms = list(dict.fromkeys(terms))
        # A query term that is one of the synonyms' terms now counts with its group.
        groups = [g for g in groups if g[0] not in terms]
        groups.append(terms)
    return groups
