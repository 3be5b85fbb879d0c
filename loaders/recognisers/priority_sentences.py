"""Layout family: priorities listed in one run-on sentence.

"The Board agreed that our priorities for 2024-25 are: serious violence; domestic
abuse; and anti-social behaviour." and "The Partnership's priorities are violence,
drugs and exploitation." list priorities inside a sentence. Each becomes a
``Priority`` keyed "priority/stated/<n>" (counted through the document).

The list is split at ";" when there is one, else at "," with the last "and" (or "&")
separating the last two. The sentence's subject must be the document's own
priorities ("our", "the", "its", "the Partnership's"), not another's ("the PCC's",
"national priorities"). Nothing is yielded when the words after the verb do not read
as a list of short names ("Our priorities are set out in section 3", "are clear and
will be reviewed"), and a priority another recogniser already found under the same
name is not restated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cspgraph.loaders.document import Block, Document
from cspgraph.loaders.facts import Fact, Priority
from cspgraph.loaders.recognisers.minutes_common import (
    known_priorities,
    norm,
    sentences,
    source,
    split_outside_brackets,
    text_blocks,
)

_STATEMENT = re.compile(
    r"(?:^|\b(?:agreed|confirmed|noted|resolved|decided|agree|confirms?)\s+that\s+)"
    r"(?P<subject>(?:our|the|its|these)\s+(?:[\w'’-]+\s+){0,3}?priorities"
    r"(?:\s+(?:for|in|over|of)\s+[^:;,]{1,60}?)?)"
    r"\s*(?:\s(?:are|will\s+be|remain|have\s+been\s+(?:agreed|set|identified|chosen)\s+as"
    r"|were\s+(?:agreed|set|identified|chosen)\s+as)\s*:?|:)\s+(?P<list>\S.+?)\.?$",
    re.IGNORECASE,
)
_OTHERS = re.compile(
    r"\b(?:commissioner|pcc|opcc|police\s*(?:and|&)\s*crime|national|government|home\s+office"
    r"|regional|force|their|other|partners['’]?)\b", re.IGNORECASE)
_NOT_A_LIST = re.compile(
    r"^(?:set\s+out|as\s+follows|listed|shown|outlined|described|detailed|unchanged|the\s+same"
    r"|clear|simple|to\s+be|being|based|informed|driven|reflected|below|above|in\s+line"
    r"|under\s+review|agreed|important|challenging|ambitious|linked|those|these|that|this"
    r"|not|also|still|now|likely|expected)\b",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?:will|is|are|was|were|has|have|had|be|been|being|can|could|should|must|would|may"
    r"|shall|do|does|did)\b", re.IGNORECASE)
_LAST_AND = re.compile(r"\s+(?:and|&)\s+")
_LEADING = re.compile(r"^(?:and|&|or)\s+", re.IGNORECASE)


def split_list(text: str) -> list[str] | None:
    """The names of a run-on list ("X, Y and Z", "X; Y; and Z"), or None when it does not
    read as one."""
    text = text.strip(" .")
    if _NOT_A_LIST.match(text):
        return None
    if ";" in text:
        parts = split_outside_brackets(text, ";")
    else:
        parts = split_outside_brackets(text, ",")
        ands = _LAST_AND.split(_LEADING.sub("", parts[-1].strip()))  # "X, Y, and Z" too
        if len(ands) > 2:
            return None  # "X, drugs and alcohol and Y": which "and" separates is unclear
        parts[-1:] = ands
    names = [_LEADING.sub("", p.strip(" .'\"‘’“”")).strip(" '\"‘’“”") for p in parts]
    if not 2 <= len(names) <= 12:
        return None
    for name in names:
        if not name or not name[0].isalpha() or not 1 <= len(name.split()) <= 8:
            return None
        if _VERB.search(name) or name.endswith(":") or name.count("(") != name.count(")"):
            return None
    return names


def stated_priorities(doc: Document, known: list[Priority] | None = None) -> list[Priority]:
    """Priorities listed in sentences, less those ``known`` (found by other recognisers)
    under the same name; ``known`` is worked out when not given."""
    found: list[tuple[Block, str]] = []  # (block, name)
    for block in text_blocks(doc):
        if "priorit" not in block.text.lower():
            continue
        for sentence in sentences(block.text):
            m = _STATEMENT.search(sentence)
            if m is None or _OTHERS.search(m["subject"]):
                continue
            names = split_list(m["list"])
            found += [(block, n) for n in names or ()]
    if not found:
        return []
    known = known_priorities(doc) if known is None else known
    seen = {norm(p.name) for p in known}
    out: list[Priority] = []
    for block, name in found:
        if norm(name) in seen:
            continue
        seen.add(norm(name))
        src = source(doc, block.span, name)
        if src is not None:
            out.append(Priority(src, key=f"priority/stated/{len(out) + 1}", name=name))
    return out


def recognise(doc: Document) -> Iterator[Fact]:
    """A Priority for each name a sentence lists as the document's priorities."""
    yield from stated_priorities(doc)
