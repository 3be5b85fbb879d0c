"""Layout family: group summary blocks, delivery group lists, indicators, membership tables.

* Summary blocks: a heading naming a group, a "LEAD:" cue, then short lines with the lead's
  name, job title(s) and organisation (often in capitals, or on one line); an "... INDICATORS:"
  header with lines led by codes ("NI 32", "Local indicators 37 & 40"; those after "linked" or
  "contributes to" are only linked); later headings of the section naming a code.
* Group lists: "... the following delivery groups" and a list of names: sub-groups of (or
  reporting to) the body the sentence names; a listed group takes its summary block's name.
* Indicator lists: runs of lines "NI 47 People killed ...", "LI priority 38 ..." defining codes.
* Membership tables: "Agency | Representative" tables, cells broken over lines ("... Fire" /
  "and Rescue" / "Authority/Service") rejoined; each role is a membership of the body the
  heading above names. People are yielded as printed; other names printed in capitals are
  given in title case (acronyms kept), with words of a job title missing one letter mended
  from the lexicon (``loaders/parse/spelling.py``). An indicator code's letters may be printed
  with l, i or 1 for I ("Ni33", "Ll 40").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Block, BlockKind, Document, Row, Span
from cspgraph.loaders.lexicon import lexicon, words_pattern
from cspgraph.loaders.parse.spelling import mend_dropped_letters

_TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)

# --- indicator codes ---------------------------------------------------------------------
_CODE = re.compile(
    r"\b(?:(?P<pre>(?-i:[NL][Iil1]))\s*(?:priority\s+)?"
    r"|(?P<word>national|local)\s+indicators?\s*(?:no\.?\s*|number\s+)?)"
    r"(?P<num>\d{1,3})(?:[ivx]{1,4}\b|[a-z]\b)?(?![\d%]|\.\d)",
    re.IGNORECASE,
)
_MORE = re.compile(r"\s*(?:&|and|,|\+)\s*(\d{1,3})\b(?![\d%]|\.\d)")
_MULTI = re.compile(r"\s*(?:&|and\b|,|\+|/)")
_LINKED = re.compile(r"\blink(?:ed|s)?\b|\bcontribut", re.IGNORECASE)
_INDICATOR_WORD = re.compile(r"\bindicators?\b", re.IGNORECASE)
_INDICATOR_HEADER = re.compile(r"^(?:[\w&,'’-]+\s+){0,5}indicators?\s*:?\s*$", re.IGNORECASE)

# --- group blocks and lists ----------------------------------------------------------------
_LEAD_CUE = re.compile(
    r"^(?:group\s+|delivery\s+|theme\s+)?lead(?:\s+officer|\s+person)?\s*[:\-–]\s*(.*)$", re.I
)
_SECTION_END = re.compile(r"\b(?:glossary|abbreviations|append|annex|references|contents)", re.I)
_SUMMARY_HEADING = re.compile(r"\b(?:summary|summaries|overview|delivery\s+plans?)\b", re.I)
_GROUPS_INTRO = re.compile(
    r"\bfollowing\s+(?:[\w-]+\s+){0,3}?(?:groups|sub-?groups|forums|panels|boards)\b"
    r"|\b(?:groups|sub-?groups)\s+(?:are|is)?\s*(?:as\s+follows|below)\b",
    re.IGNORECASE,
)
_LEADS_GROUPS = words_pattern("sections", "leading_words")
_NAME = r"[A-Z][\w&'-]*(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][\w&'-]*)*"
_REPORT_TO = re.compile(rf"\breports?\s+(?:in)?to\s+(?:the\s+)?({_NAME})")
_SUBJECT = re.compile(r"^The\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(?:will|shall|is|has|provides?)")
_FIGURE_REF = re.compile(
    r"^\(?\s*(?:please\s+)?see\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:chart|diagram|figure)\b", re.I
)
# --- membership tables ------------------------------------------------------------------
_AGENCY_HEADER = words_pattern("tables", "membership_headers",
                               r"^(?:member\s+|partner\s+)?(?:{words})\b")
_ROLE_HEADER = re.compile(r"represent|\brole\b|\bpost\b|officer|nominee|attendee", re.I)
_MEMBERS_INTRO = re.compile(r"represent|\bmembers?(?:hip)?\b|compris|compos", re.I)
_MEMBERSHIP_OF = re.compile(r"^(?:(?:membership|members|composition)\s+of\s+)?(?:the\s+)?", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’./-]*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LEX = lexicon()
_ORG_HEADS = _LEX.body_words | _LEX.agency_words | _LEX.single_agencies | _LEX.issuer_heads
_NOT_ALONE = _ORG_HEADS - _LEX.single_agencies  # heads that never name an agency alone
_TITLE_WORDS = _LEX.job_words | _LEX.police_ranks
_ROLE_START = _TITLE_WORDS | _words("one two three")  # "One Elected Member"
_ROLE_HEADS = _TITLE_WORDS
_SMALL = _words("and of for the in on to at by with from a an")
_CONNECTORS = _SMALL | {"&", "-", "–"}
_GROUP_SUFFIX = _words("group groups delivery sub subgroup task steering")

@dataclass
class _Group:
    """A summary block: its heading, name and the codes it is only linked to."""

    heading: Block
    index: int
    name: str
    key: str
    linked: set[str] = field(default_factory=set)


@dataclass
class _GroupList:
    """A "following delivery groups" paragraph, its list items and their printed names."""

    intro: Block
    items: list[Block]
    names: list[str]
    after: Block | None


@dataclass
class _Member:
    """An agency of a membership table: its name fragments, rows and roles."""

    name: list[str]
    rows: list[Row]
    roles: list[tuple[list[str], list[Row]]] = field(default_factory=list)


# --- text helpers -------------------------------------------------------------------------
def _codes(text: str) -> list[tuple[str, int, int]]:
    """Indicator codes named in ``text`` ("NI 32", "LI 38"), with where each is printed."""
    out: list[tuple[str, int, int]] = []
    for m in _CODE.finditer(text):
        prefix = "NI" if (m.group("pre") or m.group("word") or "").lower()[0] == "n" else "LI"
        out.append((f"{prefix} {int(m.group('num'))}", m.start(), m.end("num")))
        pos = m.end()
        while more := _MORE.match(text, pos):
            out.append((f"{prefix} {int(more.group(1))}", more.start(1), more.end(1)))
            pos = more.end()
    seen: set[str] = set()
    return [c for c in out if not (c[0] in seen or seen.add(c[0]))]


def _definition(text: str) -> tuple[str, str | None] | None:
    """(code, description) for a line led by one code: "NI 47.... People killed ..."."""
    m = _CODE.match(text)
    if m is None or m.group("word"):
        return None
    code, rest = _codes(text[: m.end()])[0][0], text[m.end() :]
    if _MULTI.match(rest):
        return code, None
    return code, rest.strip(" .:;-–—\u2026") or None


def _group_key(name: str) -> str:
    """A matching key for a group name: "ROAD SAFETY DELIVERY GROUP" -> "road safety"."""
    text = re.sub(r"\([^)]*\)", " ", name).lower().replace("&", " and ")
    words = re.sub(r"[^\w]+", " ", text).split()
    while len(words) > 1 and words[-1] in _GROUP_SUFFIX:
        words.pop()
    return " ".join(words)


def _acronyms(doc: Document) -> set[str]:
    """Capitalised tokens used as acronyms inside ordinary sentences of the document."""
    found: set[str] = set()
    for block in doc.walk():
        if block.kind in _TEXT_KINDS:
            words = _WORD.findall(block.text)
            caps = [w for w in words if len(w) > 1 and w.isupper()]
            if words and len(caps) * 3 < len(words):
                found.update(caps)
    return found


def _display(text: str, acronyms: set[str]) -> str:
    """Text printed in capitals, in title case (acronyms kept); other text unchanged."""
    text = re.sub(r"(\w) -(\w)", r"\1-\2", " ".join(text.split())).strip(" :")
    if not text.isupper():
        return text
    out = []
    for i, word in enumerate(text.split()):
        bare = word.strip("().,;:'\"")
        if bare in acronyms or (len(bare) > 1 and not re.search(r"[AEIOUY]", bare)):
            out.append(word)
        elif i and word.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1] + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def _body_noun(name: str) -> bool:
    """True when ``name`` ends in a body's head noun ("Delivery Group")."""
    words = name.split()
    return bool(words) and words[-1].lower() in _LEX.body_words | {"team"}


def _last_word(text: str) -> str:
    words = re.split(r"[\s/]+", text.strip(" .,;:"))
    return words[-1] if words else ""


def _complete(name: str) -> bool:
    """True when an agency name reads as finished: it ends with a head noun or acronym."""
    last = _last_word(name)
    return (len(last) > 1 and last.isupper() and last.isalpha()) or last.lower() in _ORG_HEADS


# --- group summary blocks ---------------------------------------------------------------
def _person_like(words: list[str]) -> bool:
    return 2 <= len(words) <= 4 and not any(
        w.lower() in _ORG_HEADS or w.lower() in _TITLE_WORDS or not w[0].isalpha() for w in words
    )


def _split_one_line(text: str) -> tuple[str | None, str | None, str | None]:
    """(person, title, organisation) from "JANE ROE HEAD OF SERVICE NORTHTOWN COUNCIL"."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) >= 2 and _person_like(parts[0].split()):
        title = ", ".join(parts[1:-1]) or None
        if title is None and _TITLE_WORDS & set(parts[1].lower().split()):
            return parts[0], parts[1], None
        return parts[0], title, parts[-1]
    words = text.split()
    first = next((i for i, w in enumerate(words) if w.lower() in _TITLE_WORDS), None)
    if first is None:
        if len(words) > 2 and words[-1].lower() in _ORG_HEADS:
            return " ".join(words[:2]), None, " ".join(words[2:])
        return (text, None, None) if _person_like(words) else (None, None, text)
    last = first
    while last + 1 < len(words) and words[last + 1].lower() in _TITLE_WORDS | {"of", "for"}:
        last += 1
    rest = words[last + 1 :]
    if words[last].lower() in ("of", "for"):  # "HEAD OF COMMUNITY SAFETY NORTHTOWN COUNCIL"
        take = len(rest) - 2 if len(rest) > 2 and rest[-1].lower() in _ORG_HEADS else len(rest)
        last, rest = last + take, rest[take:]
    person, title = " ".join(words[:first]) or None, " ".join(words[first : last + 1])
    return person, title, " ".join(rest) or None


def _lead_fact(
    doc: Document, cue: Block, lines: list[Block], first: str, group: str, acronyms: set[str]
) -> F.Lead | None:
    """The Lead of one block: the cue line, then person / title(s) / organisation lines."""
    texts = ([first] if first else []) + [b.text for b in lines]
    if not texts:
        return None
    span = Span(cue.span.start, (lines[-1] if lines else cue).span.end, cue.span.page)
    head, rest = texts[0], texts[1:]
    if not rest or not _person_like(head.split()):
        person, title, org = _split_one_line(head)
        if rest:
            title, org = ", ".join([t for t in [title] if t] + rest[:-1]) or None, rest[-1]
    elif len(rest) == 1:
        words = rest[0].lower().split()
        is_title = bool(_TITLE_WORDS & set(words)) and words[-1] not in _ORG_HEADS
        person, title, org = head, rest[0] if is_title else None, None if is_title else rest[0]
    else:
        person, title, org = head, ", ".join(rest[:-1]), rest[-1]
    title = _display(mend_dropped_letters(title), acronyms) if title else None
    org = _display(org, acronyms) if org else None
    quote = person or org or head
    source = F.Source(span, quote if quote in doc.plain(span) else head)
    if person:
        return F.Lead(source, group, person, True, title, org)
    return F.Lead(source, group, org, False, title) if org else None


def _lead_lines(blocks: list[Block], i: int, inline: str) -> list[Block]:
    """Short paragraphs after the cue at ``blocks[i]``: person, title and organisation."""
    out: list[Block] = []
    prev = blocks[i]
    for block in blocks[i + 1 : i + 7]:
        gap = block.span.start - prev.span.end
        if block.kind is not BlockKind.PARAGRAPH or gap > (2 if not out and not inline else 1):
            break
        text = block.text
        if len(text.split()) > 9 or text.endswith((".", ":", ";")) or _codes(text):
            break
        if not text or _INDICATOR_HEADER.match(text):
            break
        out.append(block)
        prev = block
    return out


def _group_heading(blocks: list[Block], i: int) -> Block | None:
    """The heading (or bold/capitals line) right before the cue at ``blocks[i]``."""
    block = blocks[i - 1] if i else None
    if block is None or not block.text.strip(" :") or len(block.text.split()) > 10:
        return None
    styled = block.kind is BlockKind.PARAGRAPH and (block.bold or block.text.isupper())
    return block if (block.kind is BlockKind.HEADING or styled) and not _codes(block.text) else None


def _indicator_lines(blocks: list[Block], i: int) -> tuple[Block | None, list[Block]]:
    """The "... INDICATORS:" header after a lead block (if any) and the code-led lines."""
    header: Block | None = None
    if i < len(blocks) and _INDICATOR_HEADER.match(blocks[i].text) and not _codes(blocks[i].text):
        header, i = blocks[i], i + 1
    lines: list[Block] = []
    while i < len(blocks) and blocks[i].kind in _TEXT_KINDS:
        text = blocks[i].text
        codes = _codes(text)
        prefix = text[: codes[0][1]] if codes else ""
        cued = not prefix or _INDICATOR_WORD.search(prefix) or _LINKED.search(prefix)
        if not codes or not cued:
            break
        lines.append(blocks[i])
        i += 1
    return (header, lines) if lines else (None, [])


def _owners(doc: Document, block: Block, group: _Group) -> Iterator[F.IndicatorOwner]:
    """IndicatorOwner facts for the codes one line of a group's section names."""
    text = block.text
    cue = _LINKED.search(text)
    for code, start, end in _codes(text):
        if linked := (cue is not None and cue.start() < start) or code in group.linked:
            group.linked.add(code)
        quote = text[start:end] if text[start:end] in doc.plain(block.span) else text
        yield F.IndicatorOwner(F.Source(block.span, quote), group.name, code, linked)


def _find_groups(
    doc: Document, acronyms: set[str], listed: set[str]
) -> Iterator[tuple[_Group, list[F.Fact]]]:
    """Each summary block (its heading names a group) with its lead and indicator facts."""
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        cue = _LEAD_CUE.match(block.text) if block.kind is BlockKind.PARAGRAPH else None
        heading = _group_heading(blocks, i) if cue else None
        if cue is None or heading is None:
            continue
        name = _display(heading.text, acronyms)
        if not (_body_noun(name) or _group_key(name) in listed):
            continue
        lines = _lead_lines(blocks, i, cue.group(1))
        lead = _lead_fact(doc, block, lines, cue.group(1).strip(), name, acronyms)
        if lead is None:
            continue
        group = _Group(heading, i - 1, name, _group_key(name))
        body = F.Body(F.Source(heading.span, heading.text), name, F.BodyKind.SUBGROUP)
        facts: list[F.Fact] = [body, lead]
        header, indicator_lines = _indicator_lines(blocks, i + 1 + len(lines))
        if header is not None:
            quote = doc.plain_line(header.span.start)
            facts.append(F.Furniture(F.Source(header.span, quote), "indicator block header"))
        for line in indicator_lines:
            facts.extend(_owners(doc, line, group))
        yield group, facts


def _section_owners(doc: Document, groups: list[_Group]) -> Iterator[F.IndicatorOwner]:
    """Headings that name a code inside a group's section ("LI 39 Alcohol Arrest Referral")."""
    blocks = doc.blocks
    for n, group in enumerate(groups):
        end = groups[n + 1].index if n + 1 < len(groups) else len(blocks)
        for block in blocks[group.index + 1 : end]:
            heading = block.kind is BlockKind.HEADING
            if heading and _SECTION_END.search(block.text):
                break
            if heading and not _INDICATOR_HEADER.match(block.text):
                yield from _owners(doc, block, group)


# --- indicator definitions ---------------------------------------------------------------
def _indicators(doc: Document, owned: dict[str, F.Source]) -> Iterator[F.Fact]:
    """One Indicator per code, from definition lists first; list headers as furniture."""
    blocks = doc.blocks
    kinds = (*_TEXT_KINDS, BlockKind.HEADING)
    found = [_definition(b.text) if b.kind in kinds else None for b in blocks]
    best: dict[str, tuple[int, str | None, Block]] = {}
    for i, definition in enumerate(found):
        if definition is None:
            continue
        block, (code, description) = blocks[i], definition
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(blocks) and found[j]]
        same = [j for j in near if blocks[j].kind is block.kind]
        listed = bool(description and same) and block.kind is not BlockKind.HEADING
        rank = 0 if listed else 1 if description else 2
        if (listed or code in owned) and (code not in best or rank < best[code][0]):
            best[code] = (rank, description, block)
        if listed and not [j for j in same if j < i]:
            yield from _list_headers(doc, i)
    for code, (_rank, description, block) in best.items():
        quote = block.text if block.text in doc.plain(block.span) else code
        yield F.Indicator(F.Source(block.span, quote), code, description)
    yield from (F.Indicator(src, code, None) for code, src in owned.items() if code not in best)


def _list_headers(doc: Document, i: int) -> Iterator[F.Furniture]:
    """Headings naming indicators directly above the definition list starting at block i."""
    for block in reversed(doc.blocks[max(0, i - 3) : i]):
        if block.kind is not BlockKind.HEADING or not _INDICATOR_WORD.search(block.text):
            return
        quote = doc.plain_line(block.span.start)
        yield F.Furniture(F.Source(block.span, quote), reason="indicator list header")


# --- delivery group lists ----------------------------------------------------------------
def _partnership(doc: Document) -> str | None:
    """The partnership the document's title headings name ("... Partnership")."""
    titles = [b.text.strip(" :") for b in doc.blocks if b.kind is BlockKind.HEADING][:3]
    return next((t for t in titles if t.endswith("Partnership") and len(t.split()) >= 3), None)


def _group_lists(doc: Document) -> list[_GroupList]:
    """Lists of group names introduced by "... the following delivery groups"."""
    blocks, out = doc.blocks, []
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.PARAGRAPH or not _GROUPS_INTRO.search(block.text):
            continue
        end = i + 1
        while end < len(blocks) and blocks[end].kind is BlockKind.LIST_ITEM:
            end += 1
        items = blocks[i + 1 : end]
        names = [re.sub(r"\s*\([^)]*\)\s*", " ", it.text).strip(" .;,") for it in items]
        if len(items) >= 2 and all(n and len(n.split()) <= 10 for n in names):
            out.append(_GroupList(block, items, names, blocks[end] if end < len(blocks) else None))
    return out


def _resolve(word: str, doc: Document, board: str | None) -> str | None:
    """The body "the Partnership" / "the Board" means, or a capitalised name as printed."""
    if word.lower() == "partnership":
        return _partnership(doc)
    if len(word.split()) == 1:
        return board if board and board.lower().endswith(word.lower()) else None
    return word if _body_noun(word) else None


def _leader(text: str, doc: Document, board: str | None) -> tuple[F.Relation, str, str] | None:
    """(relation, body, quoted cue) when the intro says who leads or receives the groups."""
    report = _REPORT_TO.search(text)
    if report:
        obj = _resolve(report.group(1).strip(), doc, board)
        return (F.Relation.REPORTS_TO, obj, report.group()) if obj else None
    subject, cue = _SUBJECT.match(text), _LEADS_GROUPS.search(text)
    obj = _resolve(subject.group(1), doc, board) if subject and cue else None
    return (F.Relation.SUB_GROUP_OF, obj, text[: cue.end()]) if obj and cue else None


def _list_facts(
    doc: Document, found: _GroupList, groups: list[_Group], board: str | None
) -> Iterator[F.Fact]:
    """A sub-group Body per listed group and, where the intro says so, its relation."""
    by_key = {g.key: g.name for g in groups}
    leader = _leader(found.intro.text, doc, board)
    if found.after is not None and _FIGURE_REF.match(found.after.text):
        quote = doc.plain_line(found.after.span.start)
        yield F.Furniture(F.Source(found.after.span, quote), reason="figure reference")
    for item, printed in zip(found.items, found.names, strict=True):
        name = by_key.get(_group_key(printed), printed)
        quote = printed if printed in item.text else item.text
        yield F.Body(F.Source(item.span, quote), name, F.BodyKind.SUBGROUP)
        if leader is not None:
            relation, obj, cue = leader
            span = Span(found.intro.span.start, item.span.end, found.intro.span.page)
            yield F.BodyRelation(F.Source(span, cue), name, relation, obj)


# --- membership tables -------------------------------------------------------------------
def _role_continues(prev: str, fragment: str) -> bool:
    """True when a role cell line continues the role above it."""
    first, last = fragment.split()[0], _last_word(prev).lower()
    if first[0].islower() or prev.rstrip().endswith((",", "-", "–", "/")) or last in _CONNECTORS:
        return True
    if first.lower() in _ROLE_START:
        return False
    return not (last in _ROLE_HEADS or last in _ORG_HEADS or prev.rstrip().endswith(")"))


def _agency_continues(prev: str, fragment: str) -> bool:
    """True when an agency cell line continues the agency name above it."""
    words = fragment.split()
    if words[0][0].islower() or words[0] in ("&", "/") or _last_word(prev).lower() in _CONNECTORS:
        return True
    if words[0].split("/")[0].lower() in _NOT_ALONE and len(words) <= 2:
        return True
    return not _complete(prev) and (_complete(fragment) or words[-1].lower() in _ORG_HEADS)


def _members(rows: list[Row], role_col: int) -> list[_Member]:
    """Agencies and their roles, with cell fragments broken over lines rejoined."""
    members: list[_Member] = []
    joinable = False  # the agency above may still continue on this line
    for row in rows:
        texts = row.texts() + [""] * (role_col + 1 - len(row.cells))
        agency, role = texts[0].strip(), texts[role_col].strip()
        if agency and not any(c.isalnum() for c in agency):
            joinable = False  # a separator line such as "_"
            continue
        if agency:
            current = members[-1] if members and joinable else None
            if current and _agency_continues(" ".join(current.name), agency):
                current.name.append(agency)
                current.rows.append(row)
            else:
                members.append(_Member([agency], [row]))
        joinable = bool(agency)
        if role and members:
            roles = members[-1].roles
            if roles and not agency and _role_continues(" ".join(roles[-1][0]), role):
                roles[-1][0].append(role)
                roles[-1][1].append(row)
            else:
                roles.append(([role], [row]))
    return members


def _board(before: list[Block]) -> tuple[str, Block] | None:
    """The body named by the nearest heading above a table ("The Strategic Board")."""
    for block in reversed(before):
        if block.kind is BlockKind.HEADING:
            name = _MEMBERSHIP_OF.sub("", block.text.strip(" :."), count=1)
            return (name, block) if _body_noun(name) else None
    return None


def _header(table: Block) -> tuple[int, int] | None:
    """(row index, role column) of the "Agency | Representative" row, wherever it is."""
    for n, row in enumerate(table.rows):
        texts = row.texts()
        if len(texts) > 1 and _AGENCY_HEADER.match(texts[0]):
            role = next((i for i, t in enumerate(texts) if i and _ROLE_HEADER.search(t)), None)
            return (n, role) if role else None
    return None


def _membership_tables(doc: Document) -> Iterator[tuple[str, F.Fact]]:
    """(board name, fact) for the memberships, board and header furniture of each table."""
    for n, table in enumerate(doc.blocks):
        header = _header(table) if table.kind is BlockKind.TABLE else None
        found = _board(doc.blocks[max(0, n - 12) : n]) if header else None
        if header is None or found is None:
            continue
        (first, role_col), (board, heading) = header, found
        yield board, F.Body(F.Source(heading.span, heading.text), board, F.BodyKind.BOARD)
        intro = doc.blocks[n - 1]
        if intro.kind is BlockKind.PARAGRAPH and _MEMBERS_INTRO.search(intro.text):
            yield board, F.Body(F.Source(intro.span, intro.text), board, F.BodyKind.BOARD)
        span = table.rows[first].span
        yield board, F.Furniture(F.Source(span, doc.plain_line(span.start)), "table header")
        rows = table.rows[first + 1 :]  # rows above a misplaced header are not read
        for member in _members(rows, role_col):
            for role_parts, role_rows in member.roles or [([], [])]:
                lines = [r.span for r in member.rows + role_rows]
                span = Span(min(s.start for s in lines), max(s.end for s in lines), lines[0].page)
                quote = role_parts[0] if role_parts else member.name[0]
                role = " ".join(role_parts) or None
                yield board, F.Membership(F.Source(span, quote), board, " ".join(member.name), role)
        for row in rows:
            if row.cells and row.cells[0].text and not any(c.isalnum() for c in row.texts()[0]):
                quote = doc.plain_line(row.span.start)
                yield board, F.Furniture(F.Source(row.span, quote), reason="table separator")


def recognise(doc: Document) -> Iterator[F.Fact]:
    """Group bodies, leads, indicators, owners, memberships and headers of this family."""
    acronyms = _acronyms(doc)
    board: str | None = None
    for name, fact in _membership_tables(doc):
        board = board or name
        yield fact
    lists = _group_lists(doc)
    listed = {_group_key(n) for found in lists for n in found.names}
    groups: list[_Group] = []
    owned: dict[str, F.Source] = {}
    for group, facts in _find_groups(doc, acronyms, listed):
        groups.append(group)
        for fact in facts:
            if isinstance(fact, F.IndicatorOwner):
                owned.setdefault(fact.code, fact.source)
            yield fact
    for fact in _section_owners(doc, groups):
        owned.setdefault(fact.code, fact.source)
        yield fact
    before = doc.blocks[groups[0].index - 1] if groups and groups[0].index else None
    if before and before.kind is BlockKind.HEADING and _SUMMARY_HEADING.search(before.text):
        yield F.Furniture(F.Source(before.span, before.text), reason="section header")
    for found in lists:
        yield from _list_facts(doc, found, groups, board)
    yield from _indicators(doc, owned)
