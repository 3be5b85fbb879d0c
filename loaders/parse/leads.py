"""Lead cells split into the leads they name: "WCC PH/CSP's" -> ["WCC PH", "CSPs"].

A lead cell of an action plan often names several agencies. ``split_leads`` reads
one such cell (not running text, where a slash may sit inside a sentence):

* each line (paragraph or list item of the cell) is read on its own;
* ";" and "," always separate leads;
* "/" and "&" separate leads only where a part beside them is acronym-like
  ("PH/CSP's", "CSPs / Police", "YOS & Probation"), so names such as
  "Fire Authority/Service" or "Health & Wellbeing Board" stay whole, as does
  "A&E"; "and" never separates ("Fire and Rescue Service");
* a run of words that are each an acronym or a one-word agency, two of them agency
  words ("XBC Police Probation"), is that many leads; "WM Police" and "Youth
  Offending Service" stay whole;
* an acronym's possessive is its plural ("CSP's" -> "CSPs");
* placeholders ("TBC", "N/A", "-") are dropped, and repeats kept once.

The function is pure: text in, names out.
"""

from __future__ import annotations

import re

from cspgraph.loaders.lexicon import lexicon

_HARD = re.compile(r"[;,\n\r]+")
_SOFT = re.compile(r"\s*[/&+]\s*")
_AND = re.compile(r"\s+(?:and|&)\s+|\s*/\s*", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9](?:['’]?s)?$")
_POSSESSIVE = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z])['’]s\b")
_EDGE = re.compile(r"^[\s\-–—•*:.]+|[\s\-–—:.,;]+$")
_CONJUNCTION = re.compile(r"^(?:and|&|or|plus|with)\s+", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^(?:tbc|tba|tbd|n/?a|none|nil|unknown|to be (?:confirmed|agreed|decided)|-+|\?+)$",
    re.IGNORECASE,
)


def _agency_like(words: list[str]) -> bool:
    """True when every word is an acronym or a one-word agency ("Police", "Probation")."""
    return bool(words) and all(_acronym_like(w) or w.lower() in lexicon().single_agencies
                                 for w in words)


def _agency_run(lead: str) -> list[str]:
    """``lead`` split into words when it is a run of agencies ("XBC Police Probation").

    It needs two agency words: "WCC PH" (acronyms only) and "WM Police" (a place's
    acronym before an agency) are one name each and stay whole.
    """
    words = lead.split()
    if _agency_like(words) and sum(not _acronym_like(w) for w in words) >= 2:
        return words
    pieces = _AND.split(lead)
    if len(pieces) > 1 and all(_agency_like(p.split()) for p in pieces):
        return [w for p in pieces for w in _agency_run(p)]
    return [lead]


def _acronym_like(word: str) -> bool:
    """True for "WCC", "PH", "CSP's", "CSPs", "NHS": two or more capitals, no lower case."""
    word = word.strip("()[].,:;\"'")
    return bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2


def _top_level(line: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` in ``line`` that are not inside brackets."""
    depth, outside = 0, []
    for ch in line:
        depth += (ch in "([") - (ch in ")]")
        depth = max(depth, 0)
        outside.append(depth == 0)
    return [m for m in pattern.finditer(line) if outside[m.start()]]


def _split_hard(text: str) -> list[str]:
    """Split at line breaks, ";" and "," outside brackets."""
    parts, start = [], 0
    for sep in _top_level(text, _HARD):
        parts.append(text[start : sep.start()])
        start = sep.end()
    return [*parts, text[start:]]


def _split_soft(line: str) -> list[str]:
    """Split one line at "/", "&" or "+" where the word on either side is acronym-like."""
    parts: list[str] = []
    start = 0
    for sep in _top_level(line, _SOFT):
        left = line[start : sep.start()].split()
        right = line[sep.end() :].split()
        if not left or not right:
            continue
        if _acronym_like(left[-1]) or _acronym_like(right[0]):
            parts.append(line[start : sep.start()])
            start = sep.end()
    parts.append(line[start:])
    return parts


def _clean(part: str) -> str:
    """One lead, trimmed, with leading conjunctions removed and possessive acronyms plural."""
    text = " ".join(part.split())
    previous = None
    while previous != text:
        previous = text
        text = _CONJUNCTION.sub("", _EDGE.sub("", text))
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return _POSSESSIVE.sub(r"\1s", text)


def split_leads(cell_text: str) -> list[str]:
    """The leads a lead cell names, as printed (but "CSP's" -> "CSPs"), in order, once each."""
    leads: list[str] = []
    for chunk in _split_hard(cell_text or ""):
        for part in _split_soft(chunk):
            for lead in _agency_run(_clean(part)):
                named = any(c.isalpha() for c in lead) and not _PLACEHOLDER.match(lead)
                if named and lead not in leads:
                    leads.append(lead)
    return leads
