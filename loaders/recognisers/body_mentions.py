"""Bodies named in passing: "continue the work of the <area> strategic ASB group".

Recommendations, gaps and actions (table cells) name groups, teams, networks and agencies in
running text. A name is a run of words ending in a body word (group, sub group,
network, board, team, office, panel, forum, constabulary, police, ...) that is
followed by punctuation, the end of the text or a function word, inside longer text
(a cell holding only a name is a list entry, read by the table's own family). After "the",
"with" or "of" the whole run is the name, lower-case words included ("the local
area problem solving groups"); elsewhere only its capitalised tail is ("persuade
<Area> Police" names "<Area> Police"). One-word names ("the police") are too
generic to be bodies and are skipped.

Yields ``Body(kind=MENTIONED)``: the text names the body without saying what it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cspgraph.loaders.document import Document, Span
from cspgraph.loaders.facts import Body, BodyKind, Fact, Source

_ANCHORS = {"group", "groups", "subgroup", "subgroups", "network", "board", "team", "teams",
            "office", "panel", "forum", "constabulary", "police", "partnership", "unit"}
_DETERMINERS = {"the", "with", "of"}
_STOP = _DETERMINERS | {
    "a", "an", "and", "or", "to", "for", "by", "from", "at", "in", "on", "into", "is", "are",
    "be", "was", "were", "its", "their", "our", "all", "any", "each", "this", "that", "these",
    "those", "via", "through", "as", "if", "can", "will", "would", "should", "may", "not",
    "also", "which", "who", "where", "when", "has", "have", "been",
}
_TOKEN = re.compile(r"[A-Za-z][\w&'’-]*|&|[^\w\s]")
_MAX_WORDS = 8


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word == "&"


def _name_before(tokens: list[str], end: int) -> list[str] | None:
    """The name ending with the anchor at ``tokens[end]``, or None."""
    start = end
    while start > 0 and end - start < _MAX_WORDS:
        word = tokens[start - 1]
        bridge = (word.lower() == "and" and start > 1 and _capitalised(tokens[start - 2])
                  and tokens[start - 2].lower() not in _ANCHORS
                  and _capitalised(tokens[start]))  # "Drug and Alcohol Action Team"
        if not bridge and (word.lower() in _STOP or not (word[0].isalpha() or word == "&")):
            break
        start -= 1
    run = tokens[start:end + 1]
    after_determiner = start > 0 and tokens[start - 1].lower() in _DETERMINERS
    if not after_determiner:
        while run and not _capitalised(run[0]):
            run = run[1:]
        tail = []
        for word in reversed(run[:-1]):
            if not _capitalised(word) and word.lower() != "sub":
                break
            tail.insert(0, word)
        run = [*tail, run[-1]] if run else []
    while run and run[0] == "&":
        run = run[1:]
    if len(run) < 2 or (not any(_capitalised(w) for w in run[:-1]) and len(run) < 4):
        return None
    return run


def _mentions(text: str) -> Iterator[str]:
    tokens = _TOKEN.findall(text)
    for i, token in enumerate(tokens):
        if token.lower() not in _ANCHORS:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following and following[0].isalpha() and following.lower() not in _STOP:
            continue  # "police systems": the body word is not the end of a name
        run = _name_before(tokens, i)
        if run:
            yield re.sub(r"\s+(?=[’'])|(?<=&)\s*$", "", " ".join(run))


def _texts(doc: Document) -> Iterator[tuple[str, Span]]:
    """Table cells: where recommendations, gaps and actions are written."""
    for table in doc.tables():
        for row in table.rows:
            for cell in row.cells:
                for part in cell.parts or ():
                    yield part.text, part.span
                if not cell.parts:
                    yield cell.text, cell.span


def recognise(doc: Document) -> Iterator[Fact]:
    """One Body per distinct name mentioned, sourced at its first mention."""
    seen: set[str] = set()
    for text, span in _texts(doc):
        for name in _mentions(text):
            key = name.lower()
            if key in seen or text.strip(" .;:") == name:  # a cell that is only a name
                continue  # is a list entry (a membership table), not a mention in passing
            if key in seen:
                continue
            line = next((n for n in span.lines() if name in doc.plain_line(n)), None)
            if line is None:
                continue
            seen.add(key)
            yield Body(Source(Span(line, line, span.page), name), name, BodyKind.MENTIONED)

