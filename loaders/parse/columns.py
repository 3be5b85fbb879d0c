"""The role a table's header cell gives its column, from the lexicon's ``tables.yaml``.

One function serves every table reader: the generic table interpreter
(``reading/tables.py``) and the layout families' tables. A header cell has a role when
its words, less modifiers before ("Key", "Proposed", a body's name: "CSP Priority") and
qualifiers after ("required", "for completion"), are one of the role's header words:
"Key actions required" is an action column, "Lead agency" a lead column, "Identified
data gaps" a gap column. The roles are person, organisation, role, priority, action,
recommendation, gap, lead, timescale, ref, objective and status. A new column heading is
one entry in ``tables.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from cspgraph.loaders.lexicon import lexicon


def _words(text: str) -> list[str]:
    """Header text as lower-case words, punctuation other than "#" and "&" dropped."""
    text = re.sub(r"\(s\)", "", text.lower().replace("&", " and "))  # "Lead(s)"
    return re.sub(r"[^\w\s#]", " ", text).split()


@cache
def _qualifiers() -> list[list[str]]:
    return sorted((q.split() for q in lexicon().header_qualifiers), key=len, reverse=True)


def header_role(text: str) -> str | None:
    """The column role the header cell ``text`` names, or None: the whole cell's, else that
    of the first of its alternatives ("Lead Agency/Partners"), else that of the longest
    run of its first words ("Priority (from the assessment)")."""
    role = _role(text)
    if role is None and "/" in text:
        role = _role(text.split("/")[0])
    if role is None:
        words = _words(text)
        for n in range(min(len(words), 4) - 1, 0, -1):
            if (role := _role(" ".join(words[:n]))) is not None:
                break
    return role


def _role(text: str) -> str | None:
    """The role of the header words ``text``, modifiers and qualifiers aside."""
    lex = lexicon()
    words = _words(text)
    if not words or len(words) > 8:
        return None
    for _ in range(3):
        phrase = " ".join(words)
        if phrase in lex.columns:
            return lex.columns[phrase]
        trimmed = False
        if len(words) > 1 and (words[0] in lex.header_modifiers or words[0] in lex.body_words
                               or words[0] in lex.agency_acronyms):  # "CSP Priority"
            words, trimmed = words[1:], True
        for qualifier in _qualifiers():
            if len(words) > len(qualifier) and words[-len(qualifier):] == qualifier:
                words, trimmed = words[: -len(qualifier)], True
                break
        if not trimmed:
            break
    phrase = " ".join(words)
    return lex.columns.get(phrase)


def column_roles(header: list[str]) -> list[str | None]:
    """The role each header cell gives its column, or None."""
    return [header_role(text) for text in header]


def split_actions(text: str) -> list[str]:
    """The actions one cell lists: "Disrupt county lines; protect exploited children" is
    two when each part says what to do (a capital or a verb first, two words or more)."""
    parts = [p.strip(" .") for p in re.split(r"\s*;\s*(?:and\s+)?", text) if p.strip(" .")]
    if len(parts) > 1 and all(len(p.split()) >= 2 and not re.match(
            r"(?:and|or|but|which|including|e\.g|i\.e)\b", p) for p in parts):
        return parts
    return [text] if len(text.split()) >= 2 else []
