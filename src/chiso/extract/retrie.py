"""Word lists as regex tries: one alternation per letter instead of one per word.

Python's ``re`` tries the branches of an alternation one after the other, so a gate of 150 word
forms costs 150 failed first-letter checks at every word start of a report. The same words as a
trie ("th(?:áng|ời)|tr(?:ước|ong)|...") fail after one or two checks; on news text the timex
pattern runs about 30% faster. The language matched is the same set of words.

>>> trie_pattern(["tháng", "trước", "trong"])
't(?:háng|r(?:ong|ước))'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex (no groups) that matches exactly the given words; the longest is tried first
    where one word is a prefix of another ("năm" and "năm học")."""
    root: _Node = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _build(root)


def _build(node: _Node) -> str:
    ends_here = "" in node
    alts = [re.escape(ch) + _build(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    if len(alts) == 1 and not ends_here:
        return alts[0]
    group = "(?:" + "|".join(alts) + ")"
    return group + "?" if ends_here else group


__all__ = ["trie_pattern"]
