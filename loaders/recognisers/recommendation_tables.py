"""Layout family: "theme -> numbered recommendations" tables.

A table whose header row names a theme-like column ("Theme", "Area", "Priority",
"Issue", ...) and, after it, a recommendations-like column ("Recommendations",
"Recommendation", "Actions"). Each data row holds a theme (often bold) and a
cell with a numbered list, sometimes led by an intro paragraph ("... it is
recommended that;"), which is context and yields nothing. A row with an empty
theme cell continues the theme above it.

Yields one ``Item`` per numbered list item, ``Furniture`` for the header rows,
and a ``CrossReference`` for phrases such as "This links to recommendation 7
under Anti-social behaviour" or "Relating to recommendation 2" (same theme).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cspgraph.loaders.document import Block, Document, Row
from cspgraph.loaders.facts import CrossReference, Fact, Furniture, Item, ItemKind, Source
from cspgraph.loaders.lexicon import words_pattern
from cspgraph.loaders.parse.columns import column_roles

_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_REF = words_pattern("documents", "reference_cues", r"\b(?:{words})")
_TARGET = re.compile(
    r"\s+(?:the\s+)?recommendations?\s+(?:no\.?\s*|number\s+)?(\d{1,3}(?:\.\d{1,3})*)"
    r"(?:\s+(under|in|within|of|for)\s+(?:the\s+)?([^.;:,()]+(?:\([^)]*\))?[^.;:,]*))?",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")


@dataclass
class _Found:
    """An item found in a row, remembered for cross-references."""

    key: str
    theme: str
    number: str
    text: str
    row: Row


def _norm(text: str) -> str:
    """Lower case words with parenthesised asides, '&' and punctuation folded."""
    text = re.sub(r"\([^)]*\)", " ", text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def slug(theme: str) -> str:
    """A key segment for a theme: its printed acronym "(ASB)" if any, else its words."""
    acronym = _ACRONYM.search(theme)
    if acronym and acronym.group(1).upper() == acronym.group(1):
        return acronym.group(1).lower().replace("&", "and")
    words = " ".join(re.sub(r"[^\w]+", " ", theme.lower().replace("&", " and ")).split())
    return words.replace(" ", "-")[:80].rstrip("-") or "theme"


def _columns(row: Row) -> tuple[int, int, ItemKind] | None:
    """(theme column, items column, item kind) when ``row`` is this family's header."""
    texts = [" ".join(re.sub(r"[^\w\s&]", " ", t).split()) for t in row.texts()]
    roles = column_roles(texts)
    if "timescale" in roles:
        return None  # an action plan: theme / action / timescale / lead
    theme = next((i for i, r in enumerate(roles) if r == "priority"), None)
    if theme is None:
        return None
    for i in range(theme + 1, len(texts)):
        if roles[i] in ("action", "recommendation"):
            actions = roles[i] == "action"
            if actions and "lead" in roles:
                return None  # priority / lead / actions: the priority-tables family
            return theme, i, ItemKind.ACTION if actions else ItemKind.RECOMMENDATION
    return None


def _quote(document: Document, row: Row, text: str) -> str:
    """``text`` when the row's plain line holds it, else the plain line itself."""
    line = document.plain_line(row.span.start)
    return text if text and text in line else line


def _table_items(
    document: Document, table: Block, keys: set[str]
) -> Iterator[tuple[Fact | None, _Found | None]]:
    """Header furniture and items of one table (furniture only where items follow)."""
    columns: tuple[int, int, ItemKind] | None = None
    header: Row | None = None
    theme = ""
    for row in table.rows:
        found = _columns(row)
        if found is not None:
            columns, header, theme = found, row, ""
            continue
        if columns is None:
            continue
        theme_col, items_col, kind = columns
        if len(row.cells) <= items_col:
            continue
        theme = row.cells[theme_col].text or theme
        items = [p for p in row.cells[items_col].parts if p.ordered]
        if not theme or not items:
            continue
        if header is not None:
            quote = document.plain_line(header.span.start)
            yield Furniture(Source(header.span, quote), reason="table header"), None
            header = None
        for part in items:
            number = _NUMBER.search(part.marker)
            if number is None or not part.text:
                continue
            key = f"{kind.value.replace(' ', '-')}/{slug(theme)}/{number.group()}"
            if key in keys:
                key = f"{key}-{row.span.start}"
            keys.add(key)
            item = Item(
                Source(row.span, _quote(document, row, part.text)),
                key=key,
                kind=kind,
                text=part.text,
                theme=theme,
                number=number.group(),
            )
            yield item, _Found(key, theme, number.group(), part.text, row)


def _match_theme(phrase: str, themes: list[str]) -> str | None:
    """The theme ``phrase`` names: exact or acronym, then word prefix, then words within."""
    wanted = f" {_norm(phrase)} "
    if not wanted.strip():
        return None
    acronyms = {t: f" {m.group(1).lower()} " if (m := _ACRONYM.search(t)) else "" for t in themes}
    names = {t: f" {_norm(t)} " for t in themes if _norm(t)}
    for test in (
        lambda t: names[t] == wanted or acronyms[t] == wanted,
        lambda t: names[t].startswith(wanted) or wanted.startswith(names[t]),
        lambda t: wanted in names[t] or names[t] in wanted,
    ):
        hits = [t for t in names if test(t)]
        if hits:
            return hits[0]
    return None


def _cross_references(document: Document, found: list[_Found]) -> Iterator[CrossReference]:
    """Cross-references phrased in item texts, resolved to other items' keys."""
    themes = list(dict.fromkeys(f.theme for f in found))
    by_theme_number = {(f.theme, f.number): f.key for f in found}
    for item in found:
        for lead in _REF.finditer(item.text):
            target = _TARGET.match(item.text, lead.end())
            if target is None:
                continue
            number, preposition, phrase = target.groups()
            theme, end = item.theme, target.end(1)
            if phrase:
                named = _match_theme(phrase, themes)
                if named is None and preposition.lower() == "under":
                    continue  # names a theme this document does not have
                if named is not None:
                    theme, end = named, target.end()
            to_key = by_theme_number.get((theme, number))
            if to_key is None or to_key == item.key:
                continue
            quote = _quote(document, item.row, item.text[lead.start() : end].strip())
            yield CrossReference(Source(item.row.span, quote), from_key=item.key, to_key=to_key)


def recognise(document: Document) -> Iterator[Fact]:
    """Items, header furniture and cross-references from theme -> recommendations tables."""
    keys: set[str] = set()
    found: list[_Found] = []
    for table in document.tables():
        for fact, item in _table_items(document, table, keys):
            if fact is not None:
                yield fact
            if item is not None:
                found.append(item)
    yield from _cross_references(document, found)
