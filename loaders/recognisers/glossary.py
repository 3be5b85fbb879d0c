"""Layout family: glossaries and acronyms, read into one alias table per document.

Four sources of short forms, in order of authority:

* **Glossaries**: a heading naming a glossary of abbreviations or acronyms (not of
  indicators) followed by "ABBR Expansion" lines, or a table with "Abbreviation |
  Meaning"-like column titles. Entries run together on one line ("LAA Local Area
  Agreement LAP Local Area Partnership") are split where a capitalised token is
  followed by words that spell it. An expansion of question marks is unknown and
  kept as ``Alias(expansion=None)``.
* **Inline definitions**: "Multi Agency Risk Assessment Conference (MARAC)",
  "County Council's (WCC) Public Health team (PH)" and "CAADA (Co-ordinated Action
  on Domestic Abuse)". The words before the brackets must spell the acronym (every
  content word gives its initial); proper words just before them that the
  document never prints in lower case ("Westshire Safer Communities Board (SCB)")
  are kept as part of the name. When the document elsewhere prints the same name
  with exactly one such qualifier ("Westshire Health & Well-Being Board" for
  "Health and Wellbeing Board (HWBB)"), the fuller form is used. A second,
  different definition of the same short form becomes a ``QualityNote``.
* **Compounds**: two defined short forms printed together ("WCC PH") give the
  compound alias, their expansions joined.
* **Inferred forms**: an undefined "XY Word" whose letters start the words of a
  phrase the document prints ("WM Police" / "West Midshire Police"), and an
  undefined acronym made of a defined one and a spelled prefix ("OPCC" /
  "Office of the PCC").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from cspgraph.loaders.document import Block, BlockKind, Document, Row, Span
from cspgraph.loaders.facts import Alias, Fact, Furniture, QualityNote, Source
from cspgraph.loaders.lexicon import WHOLE, lexicon, words_pattern
from cspgraph.loaders.recognisers.common import source_if_quoted

_GLOSSARY_TITLE = words_pattern("sections", "glossary_headings")
_NOT_GLOSSARY = words_pattern("sections", "not_glossary_headings")
_SHORT_HEADER = words_pattern("tables", "glossary_short_headers", WHOLE)
_LONG_HEADER = words_pattern("tables", "glossary_long_headers", WHOLE)
_UNKNOWN = re.compile(r"^(?:\?+|unknown|tbc|n/?a)?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:[-–—:=]\s*)?")
_SHORT_THEN_LONG = re.compile(r"(?<![\w&])([A-Z][A-Za-z&]{1,9})\s*\(([^()]{3,80})\)")
_PAREN = re.compile(r"\(([A-Z][A-Za-z0-9&/.’'-]{0,11})\)")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*|&")
_LOWER_WORD = re.compile(r"(?:(?<=[\s(“\"])|^)[a-z][a-z'’-]*(?=[\s,.;:!?)”\"]|$)")
_CAPS_PAIR = re.compile(r"(?<![\w&])([A-Z][A-Z&]{1,9})\s+([A-Z][A-Z&]{1,9})(?![\w&])")
_CAPS_WORD = re.compile(r"(?<![\w&])([A-Z]{2,4})\s+([A-Z][a-z]{2,})\b")
_CAPS = re.compile(r"(?<![\w&])([A-Z]{3,6})(?![\w&])")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONNECTORS = _words("and & of the for on in to with at by a an de")
_STOP_LEFT = _words(
    "the a an our its their this that these those both in on by for from with at through"
    " under and or of to as"
)
_BOUNDARY = re.compile(r"[().;:!?\[\]\"“”]")
_SENTENCE_END = re.compile(r"[.;:!?]$")
_PLURAL = re.compile(r"(?:['’]s|s)$")
_PLURAL_AFTER_CAPITAL = re.compile(r"[A-Z](?:['’]s|s)$")
_POSSESSIVE = re.compile(r"['’]s$")
_HYPHEN = re.compile(r"[-/]")
_FOLD = re.compile(r"['’]s$|[-'’]")
_NAME_WORD = re.compile(r"[A-Z][a-z][A-Za-z-]*")
_NAME_END = re.compile(r"(?:['’]s)?,?$")
_MAX_INFERRED = 60
_LOOK_BACK = 400  # characters before a bracket searched for the words that spell it


@dataclass
class _Def:
    """One short form and what the document says it stands for."""

    short: str
    expansion: str | None
    minimal: str | None  # the words that spell the acronym, without qualifiers
    source: Source


# -- spelling ------------------------------------------------------------------


def _ends_in_head(name: str) -> bool:
    """True when ``name`` ends in the head noun of a body, office or agency."""
    lex = lexicon()
    words = name.lower().split()
    return bool(words) and words[-1] in (lex.body_heads.keys() | lex.agency_words
                                         | lex.office_heads | lex.issuer_heads)


def _letters(short: str) -> str:
    """The letters an acronym spells: 'IDVAs' -> 'idva', "CSP's" -> 'csp', 'A&E' -> 'ae'."""
    short = _PLURAL.sub("", short) if _PLURAL_AFTER_CAPITAL.search(short) else short
    return "".join(c for c in short.lower() if c.isalnum())


def is_acronym(token: str) -> bool:
    """True for 'ASB', 'A&E', 'IDVAs', "CSP's": capitals (two or more), digits and '&'."""
    core = _PLURAL.sub("", token)
    if not 2 <= len(core) <= 10 or not core[0].isupper():
        return False
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and (
        all(c.isalnum() or c == "&" for c in core)
    )


def _parts(words: list[str]) -> list[tuple[str, bool]]:
    """Word parts for spelling; the second and later parts of a hyphenated word are optional."""
    out: list[tuple[str, bool]] = []
    for word in words:
        pieces = [p for p in _HYPHEN.split(_POSSESSIVE.sub("", word)) if p]
        for i, piece in enumerate(pieces):
            optional = i > 0 or piece.lower() in _CONNECTORS
            out.append((piece.lower(), optional))
    return out


def spells(short: str, words: list[str]) -> bool:
    """True when ``words`` spell ``short``: each content word gives its initial (a word after
    the first may also give one later letter of itself), connectors and hyphen tails may
    give their initial."""
    letters = _letters(short)
    if not letters or not words or words[0][:1].lower() != letters[0]:
        return False
    parts = _parts(words)
    if not parts or parts[0][1] or parts[0][0][0] != letters[0]:
        return False
    seen: set[tuple[int, int]] = set()

    def go(i: int, j: int) -> bool:  # letters[i:] from parts[j:]
        if j == len(parts):
            return i == len(letters)
        if (i, j) in seen:
            return False
        seen.add((i, j))
        word, optional = parts[j]
        if optional and go(i, j + 1):
            return True
        if i == len(letters) or word[0] != letters[i]:
            return False
        if go(i + 1, j + 1):
            return True
        # one later letter of the same word: "Wellbeing" gives W and B in HWBB
        return j > 0 and i + 1 < len(letters) and letters[i + 1] in word[1:] and go(i + 2, j + 1)

    return go(0, 0)


# -- document helpers ----------------------------------------------------------


def _texts(doc: Document) -> Iterator[tuple[str, Span]]:
    """Every piece of running text with its span, descending into table cells."""
    for block in doc.blocks:
        if block.kind is not BlockKind.TABLE:
            yield block.text, block.span
            continue
        for row in block.rows:
            for cell in row.cells:
                if cell.parts:
                    yield from ((p.text, p.span) for p in cell.parts)
                elif cell.text:
                    yield cell.text, cell.span


def _similar(a: str, b: str) -> bool:
    """True when two expansions are wording variants of one name."""
    na, nb = (re.sub(r"[^a-z]", "", x.lower().replace("&", "and")) for x in (a, b))
    return na in nb or nb in na or SequenceMatcher(None, na, nb).ratio() >= 0.75


# -- glossaries ----------------------------------------------------------------


def _entries(text: str) -> list[tuple[str, str]]:
    """(short, rest) pairs of one glossary line; several entries may share the line."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens or not is_acronym(tokens[0].group().rstrip(":,;")):
        return []
    starts = [0]
    for i in range(1, len(tokens) - 1):
        token = tokens[i].group()
        if not is_acronym(token) or i - starts[-1] < 2:
            continue
        follow = [t.group() for t in tokens[i + 1 : i + 2 + len(_letters(token)) * 2]]
        if any(spells(token, follow[:n]) for n in range(1, len(follow) + 1)):
            starts.append(i)
    out = []
    for a, b in zip(starts, [*starts[1:], len(tokens)], strict=True):
        end = tokens[b - 1].end()
        short = tokens[a].group().rstrip(":,;")
        rest = _SEPARATOR.sub("", text[tokens[a].end() : end].lstrip(":,;"))
        if rest and not (rest[0].isupper() or rest[0] in "?(" or rest[0].isdigit()):
            return []  # "ASB is prioritised ...": a sentence, not an entry
        if len(rest.split()) > 16:
            return []
        out.append((short, text[tokens[a].start() : end] if rest.strip() else short))
    return out


def _expansion(entry: str, short: str) -> str | None:
    rest = _SEPARATOR.sub("", entry[len(short) :].lstrip(":,;")).strip().rstrip(".,;")
    return None if _UNKNOWN.match(rest) else rest


def _table_defs(doc: Document, rows: list[Row]) -> Iterator[Fact | _Def]:
    """Definitions from two-column glossary table rows; header rows are furniture."""
    for row in rows:
        texts = [t.strip() for t in row.texts()]
        if len(texts) < 2:
            continue
        if _SHORT_HEADER.match(texts[0]) and _LONG_HEADER.match(texts[1]):
            src = source_if_quoted(doc, row.span, doc.plain_line(row.span.start))
            if src is not None:
                yield Furniture(src, reason="glossary table header")
            continue
        if not is_acronym(texts[0]):
            continue
        expansion = None if _UNKNOWN.match(texts[1]) else texts[1].rstrip(".,;")
        src = source_if_quoted(doc, row.span, f"{texts[0]} {texts[1]}") or source_if_quoted(
            doc, row.span, texts[0]
        )
        if src is not None:
            yield _Def(texts[0], expansion, expansion, src)


def _is_glossary_table(table: Block) -> bool:
    return any(
        len(r.cells) >= 2
        and _SHORT_HEADER.match(r.texts()[0].strip())
        and _LONG_HEADER.match(r.texts()[1].strip())
        for r in table.rows[:2]
    )


def _glossary(doc: Document) -> Iterator[Fact | _Def]:
    """Glossary sections (heading + entry lines or table) and glossary tables anywhere."""
    inside, misses = False, 0
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE:
            if inside or _is_glossary_table(block):
                yield from _table_defs(doc, block.rows)
            continue
        title = block.kind is BlockKind.HEADING or (block.bold and len(block.text) < 60)
        if title and _GLOSSARY_TITLE.search(block.text) and not _NOT_GLOSSARY.search(block.text):
            inside, misses = True, 0
            src = source_if_quoted(doc, block.span, block.text)
            if src is not None:
                yield Furniture(src, reason="glossary heading")
            continue
        if not inside:
            continue
        if block.kind is BlockKind.HEADING:
            inside = False
            continue
        entries = _entries(block.text)
        misses = 0 if entries else misses + 1
        inside = misses < 2
        for short, entry in entries:
            src = source_if_quoted(doc, block.span, entry)
            if src is not None:
                expansion = _expansion(entry, short)
                yield _Def(short, expansion, expansion, src)


# -- inline definitions --------------------------------------------------------


def _norm_word(word: str) -> str:
    return "and" if word == "&" else _FOLD.sub("", word.lower())


class _Index:
    """One pass over a document: its texts, its lower-case words and its lines, whose
    words are indexed on demand."""

    def __init__(self, doc: Document) -> None:
        self.texts = list(_texts(doc))
        self.joined = "\n".join(t for t, _ in self.texts)
        self.lower = set(_LOWER_WORD.findall(self.joined))
        self.lines = [(line, line.lower().replace("-", "")) for line in (
            doc.plain_line(n) for n in doc.nonblank_lines()
        )]
        self._words: dict[int, tuple[list[re.Match[str]], list[str]]] = {}

    def words(self, n: int) -> tuple[list[re.Match[str]], list[str]]:
        """The words of line ``n`` (an index into ``lines``) and their normalised forms."""
        if n not in self._words:
            words = list(_WORD.finditer(self.lines[n][0]))
            self._words[n] = words, [_norm_word(w.group()) for w in words]
        return self._words[n]


def _proper(word: str, first: bool, lower: set[str]) -> bool:
    """A capitalised name word (not an acronym, article or preposition) that may qualify a
    name; a sentence's first word only when the document never prints it in lower case."""
    core = _POSSESSIVE.sub("", word)
    if not _NAME_WORD.fullmatch(core) or core.lower() in _STOP_LEFT:
        return False
    return not first or core.lower() not in lower


def _backward(text: str, start: int, short: str, lower: set[str]) -> tuple[int, int, int] | None:
    """(name start, minimal start, name end) of the words before ``text[start]`` that spell
    ``short``; proper qualifiers just before the spelling words are part of the name."""
    low = max(0, start - _LOOK_BACK)
    tokens = list(_TOKEN.finditer(text, low, start))[1 if low else 0 :]  # first may be cut
    cut = max((i + 1 for i, t in enumerate(tokens) if _BOUNDARY.search(t.group())), default=0)
    opens_sentence = bool(_SENTENCE_END.search(tokens[cut - 1].group())) if cut else low == 0
    window = tokens[cut:][-(len(_letters(short)) * 2 + 3) :]
    opens_sentence = opens_sentence and len(window) == len(tokens) - cut
    if window and window[-1].group().isalpha() and window[-1].group().islower() and len(
        window
    ) > 1:
        trials = [window, window[:-1]]  # "Public Health team (PH)": a trailing common noun
    else:
        trials = [window]
    for trial in trials:
        for k in range(1, len(trial) + 1):
            words = [t.group().rstrip(",") for t in trial[-k:]]
            if not spells(short, words):
                continue
            first = len(trial) - k
            while first > 0 and _proper(
                trial[first - 1].group(), opens_sentence and first == 1, lower
            ):
                first -= 1
            last = trial[-1]
            end = last.start() + len(_NAME_END.sub("", last.group()))
            return trial[first].start(), trial[len(trial) - k].start(), end
    return None


def _inline(doc: Document, index: _Index) -> Iterator[_Def]:
    """"Full Name (ABBR)" and "ABBR (Full Name)" definitions in running text and cells;
    a definition repeated word for word is read once."""
    seen: set[str] = set()
    for text, span in index.texts:
        found: list[tuple[str, str, str, str]] = []  # short, name, minimal, quote
        for m in _PAREN.finditer(text):
            short = m.group(1)
            if not is_acronym(short):
                continue
            spelled = _backward(text, m.start(), short, index.lower)
            if spelled is not None:
                start, minimal, end = spelled
                found.append((short, text[start:end], text[minimal:end], text[start : m.end()]))
        for m in _SHORT_THEN_LONG.finditer(text):
            short, long = m.group(1), m.group(2).strip()
            if is_acronym(short) and spells(short, long.split()):
                found.append((short, long, long, m.group()))
        for short, name, minimal, quote in found:
            if quote in seen:
                continue
            seen.add(quote)
            src = source_if_quoted(doc, span, quote)
            if src is not None:
                yield _Def(short, name, minimal, src)


def _fuller(index: _Index, name: str) -> str | None:
    """The one fuller printed form of the body ``name`` with proper qualifiers before it
    ("Westshire Health & Well-Being Board" for "Health and Wellbeing Board"), if unique."""
    wanted = [_norm_word(w) for w in _WORD.findall(name)]
    if not wanted or not _ends_in_head(name):
        return None
    found: dict[str, str] = {}
    for n, (line, folded) in enumerate(index.lines):
        if wanted[-1] not in folded:
            continue
        words, normed = index.words(n)
        for i in range(len(words) - len(wanted) + 1):
            if normed[i : i + len(wanted)] != wanted:
                continue
            first = i
            while first > 0 and line[words[first - 1].end() : words[first].start()].isspace():
                if not _proper(words[first - 1].group(), first - 1 == 0, index.lower):
                    break
                first -= 1
            end = words[i + len(wanted) - 1].end()
            if first < i and not _PAREN.match(line[end:].lstrip()):  # not itself defined
                found.setdefault(" ".join(normed[first:i]), line[words[first].start() : end])
    return next(iter(found.values())) if len(found) == 1 else None


# -- derived forms -------------------------------------------------------------


def _derived(
    doc: Document, index: _Index, table: dict[str, _Def], skip: set[int]
) -> Iterator[_Def]:
    """Compounds ("WCC PH"), spelled prefixes ("WM Police") and composites ("OPCC")."""
    texts = [(t, s) for t, s in index.texts if s.start not in skip]
    known = {k: d.expansion for k, d in table.items() if d.expansion}
    out: dict[str, _Def] = {}
    checked: set[str] = set()
    for text, span in texts:
        for m in _CAPS_PAIR.finditer(text):
            a, b = m.group(1), m.group(2)
            if a in known and b in known and m.group() not in table:
                src = source_if_quoted(doc, span, m.group())
                if src is not None and m.group() not in out:
                    out[m.group()] = _Def(m.group(), f"{known[a]} {known[b]}", None, src)
        for m in _CAPS_WORD.finditer(text):
            short, word = m.group(1), m.group(2)
            key = f"{short} {word}"
            if short in known or key in table or key in checked or len(checked) > _MAX_INFERRED:
                continue
            checked.add(key)
            phrase = re.compile(
                r"\b" + r"\s+".join(f"{c}[a-z]+" for c in short) + rf"\s+{word}\b"
            )
            found = phrase.search(index.joined)
            src = source_if_quoted(doc, span, key) if found else None
            if found and src is not None:
                out[key] = _Def(key, found.group(), None, src)
        for m in _CAPS.finditer(text):
            short = m.group(1)
            if short in table or short in out or short in checked or len(checked) > _MAX_INFERRED:
                continue
            checked.add(short)
            for cut in (1, 2):
                tail = short[cut:]
                if tail not in table or not table[tail].minimal:
                    continue
                prefix = r"\s+(?:(?:of|the|for|and)\s+)*".join(f"{c}[a-z]+" for c in short[:cut])
                phrase = re.compile(rf"\b({prefix}(?:\s+(?:of|the|for|and))*)\s+{tail}\b")
                found = phrase.search(index.joined)
                if found is None:
                    continue
                src = source_if_quoted(doc, span, short)
                if src is not None:
                    out[short] = _Def(short, f"{found.group(1)} {table[tail].minimal}", None, src)
                break
    yield from out.values()


# -- recogniser ----------------------------------------------------------------


def aliases(doc: Document) -> Iterator[Fact]:
    """Alias, QualityNote and Furniture facts, one alias per short form."""
    index = _Index(doc)
    table: dict[str, _Def] = {}
    glossary_lines: set[int] = set()
    for item in _glossary(doc):
        if isinstance(item, _Def):
            glossary_lines.update(item.source.span.lines())
            table.setdefault(item.short, item)
        else:
            yield item
    notes: list[QualityNote] = []
    for d in _inline(doc, index):
        if d.source.span.start in glossary_lines:
            continue
        prior = table.get(d.short)
        if prior is None:
            fuller = _fuller(index, d.expansion or "")
            table[d.short] = _Def(d.short, fuller or d.expansion, d.minimal, d.source)
        elif prior.expansion and d.expansion and not _similar(prior.expansion, d.expansion):
            line = prior.source.span.start
            notes.append(QualityNote(
                d.source,
                message=f"{d.short} is defined twice: as '{prior.expansion}' (line {line}) "
                f"and as '{d.expansion}'",
            ))
    for d in list(_derived(doc, index, table, glossary_lines)):
        table.setdefault(d.short, d)
    for d in table.values():
        yield Alias(d.source, short=d.short, expansion=d.expansion)
    yield from notes


def recognise(doc: Document) -> Iterator[Fact]:
    """The document's alias table: glossary entries, inline and derived definitions."""
    yield from aliases(doc)


def alias_table(facts: Iterable[Fact]) -> dict[str, str | None]:
    """Short form -> expansion (None when unknown) from a list of facts."""
    return {f.short: f.expansion for f in facts if isinstance(f, Alias)}
