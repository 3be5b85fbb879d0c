"""Layout family: document metadata, from the title page and the paper's dates.

The first lines of a document, before any list, table or prose, name it: an
optional committee-paper header ("Agenda Item No: 10 <Body> <date>"), optional
logo or issuer lines naming a body ("<Place> Community Safety Partnership",
sometimes one word a line), the title line with the kind of document
("Partnership Plan", "Strategic Assessment", "Community Safety Agreement", ...)
and the period, on the title line or on a line of its own ("2009-2012"). Below
may come "Document Details:" lines ("Status:", "Date:", "Contact: Name") and a
table of contents ("Contents", then lines or rows ending in page numbers or
a Word field error such as "Error! Bookmark not defined.").

Yields one ``DocumentInfo`` (title, kind, issuer, area, period with dates), a
``Post`` (role CONTACT) for "Contact: Name" and for a paper's signature line
("Community Safety Analyst 15th March 2010"), ``QualityNote``s for contradictory
dates and for an issuer whose name the title prints with a word cut short (the text
prints it in full elsewhere), and ``Furniture`` for details lines, contents, page numbers,
captions, bare appendix labels and a heading that repeats the title.

Periods are read by ``loaders/parse/periods.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.facts import (
    DocumentInfo,
    Fact,
    Furniture,
    PlanKind,
    Post,
    QualityNote,
    Role,
    Source,
)
from cspgraph.loaders.lexicon import lexicon, phrase_pattern, words_pattern
from cspgraph.loaders.parse.mentions import plans
from cspgraph.loaders.parse.periods import (
    FINANCIAL_WORDS,
    Dated,
    Period,
    find_dates,
    parse_period,
)

_KINDS: tuple[tuple[PlanKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (PlanKind.POLICE_AND_CRIME_PLAN, r"\bpolice\s*(?:and|&)\s*crime\s+plan\b"),
        (PlanKind.COMMUNITY_SAFETY_AGREEMENT, r"\bcommunity\s+safety\s+agreement\b"),
        (
            PlanKind.STRATEGIC_ASSESSMENT,
            r"\b(?:strategic|needs|crime\s+(?:and|&)\s+disorder)\s+(?:\(?needs\)?\s+)?"
            r"(?:assessment|audit)\b",
        ),
        (
            PlanKind.PARTNERSHIP_PLAN,
            r"\b(?:partnership|community\s+safety|crime\s+(?:and|&)\s+disorder(?:\s+reduction)?"
            r"|crime\s+reduction)\s+(?:plan|strategy)\b",
        ),
        (PlanKind.COUNCIL_PLAN, r"\b(?:council|corporate|borough|county)\s+(?:plan|strategy)\b"),
    )
)
_PAPER = re.compile(
    r"^(?:agenda\s+item|item|report|paper)(?:\s+(?:no|number|ref)\.?)?\s*:?\s*"
    r"(?:(?:to|for|of)(?:\s+the)?\s+)?(?P<num>[A-Z]?\d[\w.]{0,5}\b)?\s*[:.–-]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_PAPER_CUE = re.compile(
    r"^(?:agenda\s+item|item\s+no\.?|report\s+(?:to|of|for)\b|paper\s+(?:no\.?|to)\b)",
    re.IGNORECASE,
)
_DETAIL = words_pattern("documents", "detail_labels", r"^(?:{words})\s*:(?:\s|$)")
_CONTACT = words_pattern("documents", "contact_labels", r"^(?:{words})\s*:\s*(?P<value>\S.*)$")
_CONTENTS = words_pattern("sections", "contents_headings", r"^(?:{words})\s*:?$")
_TOC_END = re.compile(
    r"(?:^|\.{2,}\s*|…+\s*|\s)(?:\d{1,3}|[ivxlc]{1,6})$|error!\s+[a-z][a-z ]{3,60}\.?$",
    re.IGNORECASE,
)
_TOC_LEADER = re.compile(
    r"error!\s+[a-z][a-z ]{3,60}\.?$|(?:\.{4,}|…{2,})\s*(?:\d{1,3}|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
_PAGE = re.compile(
    r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$"
    r"|^page\s*\|\s*\d{1,3}$|^\d{1,3}\s*\|\s*page$",
    re.IGNORECASE,
)
_CAPTION = words_pattern("documents", "caption_labels",
                         r"^(?:{words})\s+\d{1,3}[a-z]?\s*[:.–-]\s*\S")
_APPENDIX = re.compile(r"^(?i:appendix|annexe?)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\.?:?$")
_POINTER = re.compile(
    r"^\(?\s*(?:please\s+)?see\s+(?:the\s+)?[\w\s]{0,40}?(?:below|above|overleaf)\s*\)?\.?$",
    re.IGNORECASE,
)
_LAST_MEETING = re.compile(
    r"\b(?:last|previous)\s+(?:\w+\s+){0,2}?(?:meeting|board|committee)\s+"
    r"(?:held\s+)?(?:on|of|dated)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CAP = re.compile(r"^(?:[A-Z][\w'’.-]*|&)$")
_JOB_JOINERS = frozenset({"&", "and", "of", "for", "the"})  # "Head of Community Safety"
_CONNECTORS = frozenset({"&", "and", "upon"})  # joiners inside a name ("X & Y", "A upon B")
_LEX = lexicon()
_BODY_HEADS = _LEX.body_words | _LEX.office_heads | _LEX.issuer_heads  # lower case
_DESCRIPTORS = _BODY_HEADS | _LEX.title_descriptors
_LEADERS = _LEX.name_leaders | _LEX.partnership_brands  # words before a place's name
_DAYS_APART = 92  # a paper signed more than a quarter away from its heading date is suspect


def _reads_financial(doc: Document, period: Period) -> bool:
    """True when the document prints the period's first year as a financial year."""
    first = period.start.year
    following = f"(?:{first + 1}|{(first + 1) % 100:02d})"
    short = re.compile(rf"(?<![\d/]){first}\s*[-–/]\s*{following}(?!\d)")
    text = _text(doc)
    if FINANCIAL_WORDS.search(text):
        return True
    return any(m.group() != period.text for m in short.finditer(text))


def _text(doc: Document) -> str:
    """The plain text of the whole document, one line per source line."""
    return "\n".join(doc.plain_line(n) for n in range(1, len(doc.lines) + 1))


def body_names(text: str) -> list[str]:
    """Names of bodies printed in ``text``: capitalised words ending in "Partnership", "Board"..."""
    names: list[str] = []
    run: list[str] = []
    for token in [*text.replace(",", " , ").replace(":", " : ").split(), "."]:
        if _CAP.match(token) or (run and token in _CONNECTORS):
            run.append(token)
            continue
        while run and (run[0] in _CONNECTORS or run[0].lower() in _LEX.name_leaders):
            run.pop(0)
        heads = [i for i, t in enumerate(run) if t.rstrip(".").lower() in _BODY_HEADS and i > 0]
        if heads:
            names.append(" ".join(run[: heads[-1] + 1]).rstrip("."))
        run = []
    return names


def area_of(name: str) -> str | None:
    """The place words that lead a body or title: "Pan Anyshire" in "Pan Anyshire Community ..."."""
    words = name.split()
    while words and words[0].lower() in _LEADERS:
        words.pop(0)
    out: list[str] = []
    for word in words:
        low = word.lower()
        stop = low in _DESCRIPTORS or (out and low in _LEX.place_types) or not _CAP.match(word)
        if stop and not (out and word in _CONNECTORS):
            break
        out.append(word)
    while out and out[-1] in _CONNECTORS:
        out.pop()
    return " ".join(out) or None


def _kind(text: str) -> PlanKind | None:
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return None


def _is_person(text: str) -> bool:
    words = [w for w in text.split() if w.rstrip(".").lower() not in _LEX.honorifics]
    return (
        2 <= len(words) <= 4
        and all(w[0].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
        and not any(w.lower() in _DESCRIPTORS | _LEX.place_types for w in words)
        and not _names_job(text)
    )


def _names_job(text: str) -> bool:
    """True when a capitalised word of ``text`` is a job title's ("Community Safety Analyst")."""
    return any(w[0].isupper() and w.lower() in _LEX.job_words
               for w in re.findall(r"[A-Za-z][\w-]*", text))


@dataclass
class _TitlePage:
    """The title block: an optional paper header, then the title lines."""

    header: Block | None
    lines: list[Block]

    @property
    def span(self) -> Span:
        first = self.header or self.lines[0]
        return Span(first.span.start, self.lines[-1].span.end, first.span.page)


def _title_page(doc: Document) -> _TitlePage | None:
    """The header and title lines at the top of ``doc``; None when nothing there names it."""
    header: Block | None = None
    lines: list[Block] = []
    for block in doc.blocks:
        if block.kind in (BlockKind.TABLE, BlockKind.LIST_ITEM) or len(lines) >= 8:
            break
        text = block.text
        if not text:
            continue
        if header is None and not lines and _PAPER_CUE.match(text):
            header = block
            continue
        if any(p.match(text) for p in (_DETAIL, _CONTACT, _CONTENTS, _PAGE)):
            break
        if block.kind is BlockKind.HEADING and block.marker[:1].isdigit():
            break  # "1. Purpose": the first section, past the title
        words = len(text.split())
        if words > 16 or (words > 3 and text.endswith((".", ";", ":"))):
            break
        if lines:
            seen = " ".join(b.text for b in lines)
            if parse_period(seen) or (_kind(seen) and not _period_only(text)):
                break
        lines.append(block)
    seen = " ".join(b.text for b in lines)
    if lines and (header or _kind(seen) or parse_period(seen) or body_names(seen)):
        return _TitlePage(header, lines)
    for block in doc.blocks:  # no title page: a heading near the top naming a kind or period
        if block.span.start > 40:
            break
        numbered = block.marker[:1].isdigit()  # "3. Partnership priorities": a section's title
        if block.kind is BlockKind.HEADING and not numbered and (
                _kind(block.text) or parse_period(block.text)):
            return _TitlePage(None, [block])
    return None


def _period_only(text: str) -> bool:
    period = parse_period(text)
    return period is not None and not re.sub(r"[\W_]+", "", text.replace(period.text, ""))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w&]+", " ", text.lower()).split())


def _paper_header(text: str) -> tuple[str | None, Dated | None]:
    """The body and date of a committee-paper header line."""
    m = _PAPER.match(text)
    rest = m["rest"] if m else text
    dates = find_dates(rest)
    when = dates[-1] if dates else None
    if when is not None:
        rest = rest[: when.start]
    names = body_names(rest)
    return (names[0] if names else None), when


def _fuller_name(doc: Document, name: str, skip: set[int]) -> tuple[str, int] | None:
    """``name`` as the text prints it elsewhere when a title printed one of its words cut
    short (a PDF's title line losing a word's last letters): the same words, one of them
    longer. The first such line outside ``skip`` gives it."""
    words = name.split()
    text = _text(doc)
    for i, word in enumerate(words):
        if not word.isalpha():
            continue
        before = r"[ \t]+".join(re.escape(w) for w in words[:i])
        after = r"[ \t]+".join(re.escape(w) for w in words[i + 1:])
        core = rf"{re.escape(word)}(?P<more>[a-z]{{2,}})"
        pattern = r"[ \t]+".join(p for p in (before, core, after) if p)
        for m in re.finditer(rf"\b{pattern}\b", text):
            n = text.count("\n", 0, m.start()) + 1
            if n not in skip:
                fuller = [*words[:i], word + m["more"], *words[i + 1:]]
                return " ".join(fuller), n
    return None


def _paper(texts: list[str]) -> bool:
    """True when the title lines say the document is a paper: "Minutes of ...", "Update on
    the ... Plan", "Decision details", "Terms of Reference"."""
    first = re.sub(r"^\W*(?:\d+\.?\s+)?", "", texts[0]).lower() if texts else ""
    words = phrase_pattern(lexicon().paper_titles)
    return re.match(rf"(?:draft\s+)?(?:{words})\b", first) is not None


@cache
def _debris() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon().title_debris), re.IGNORECASE)


def _without_debris(title: str) -> str:
    """A title without the web and PDF debris printed in it."""
    return " ".join(_debris().sub(" ", title).split()).strip(" -–|")


def _document_info(doc: Document, page: _TitlePage) -> Iterator[Fact]:
    """The DocumentInfo of the title page, and notes on what it had to choose."""
    texts = [b.text for b in page.lines]
    main = next((i for i, t in enumerate(texts) if _kind(t)), None)
    if main is None:
        main = next((i for i, t in enumerate(texts) if parse_period(t) and not _period_only(t)), 0)
    texts = [t for t in (_without_debris(t) for t in texts)]
    pre, title = " ".join(texts[:main]), " ".join(texts[main:])
    header_body, header_date = _paper_header(page.header.text) if page.header else (None, None)
    kind = PlanKind.COMMITTEE_PAPER if page.header or _paper(texts) else _kind(
        " ".join(texts)) or (PlanKind.OTHER if plans(" ".join(texts)) else
                             PlanKind.COMMITTEE_PAPER)
    lead = next(iter(body_names(pre)), None) or header_body  # a body named above the title
    issuer = lead or next(iter(body_names(title)), None)
    if lead and not body_names(texts[main]):
        title = f"{lead} - {title}"
    period = parse_period(" ".join(texts[main:])) or parse_period(pre)
    repeat = None
    if period is None:
        repeat, period = _repeated_title(doc, page, texts[main])
        if period is not None:
            title = f"{title} {period.text}"
    if period is not None and not period.financial and _reads_financial(doc, period):
        period = parse_period(period.text, financial=True)
    area = area_of(issuer) if issuer else area_of(texts[main])
    source = Source(page.span, " ".join(doc.plain_line(n) for n in page.span.lines()).strip())
    if issuer and (fuller := _fuller_name(doc, issuer, set(page.span.lines()))):
        name, line = fuller
        yield QualityNote(
            Source(page.span, issuer if issuer in source.quote else source.quote),
            message=f"The title names the issuer '{issuer}' but the text calls it '{name}' "
            f"(line {line}); the fuller name is used.",
        )
        issuer, area = name, area_of(name)
    yield DocumentInfo(
        source,
        title=title,
        kind=kind,
        area=area,
        issuer=issuer,
        period=period.text if period else None,
        start=period.start if period else None,
        end=period.end if period else None,
    )
    if repeat is not None:
        quote = doc.plain_line(repeat.span.start)
        yield Furniture(Source(repeat.span, quote), reason="heading repeats the document title")
    if page.header is not None and header_date is not None:
        yield from _date_conflicts(doc, page.header, header_date)


def _repeated_title(
    doc: Document, page: _TitlePage, main: str
) -> tuple[Block | None, Period | None]:
    """A later heading that repeats the title with its period (the title had none)."""
    wanted = _norm(main)
    for block in doc.blocks:
        if block.kind is not BlockKind.HEADING or block.span.start <= page.span.end:
            continue
        text = _norm(block.text)
        period = parse_period(block.text) if wanted and text.startswith(wanted) else None
        if period is not None and _period_only(block.text[len(main) :]):
            return block, period
    return None, None


def _date_conflicts(doc: Document, header: Block, heading: Dated) -> Iterator[Fact]:
    """A QualityNote when the paper's signature or past meetings contradict its heading date."""
    against: list[str] = []
    for block in doc.blocks:
        if block.span.start <= header.span.start or block.kind is BlockKind.TABLE:
            continue
        dates = find_dates(block.text)
        if _signature(block, dates) is not None:
            signed = dates[-1]
            if abs((signed.value - heading.value).days) > _DAYS_APART:
                against.append(f"the paper is signed {signed.text} (line {block.span.start})")
        for d in dates:
            before = block.text[max(0, d.start - 60) : d.start]
            if d.value > heading.value and _LAST_MEETING.search(before):
                where = f"(line {block.span.start})"
                against.append(f"it refers to a past meeting on {d.text} {where}")
    if against:
        yield QualityNote(
            Source(header.span, heading.text),
            message=f"Contradictory dates: the heading is dated {heading.text}, but "
            f"{' and '.join(against)}; no date is chosen.",
        )


def _signature(block: Block, dates: list[Dated]) -> str | None:
    """The signer of a "Job Title <date>" line ending a paper, or None."""
    if block.kind is not BlockKind.PARAGRAPH or not dates or len(block.text.split()) > 12:
        return None
    last = dates[-1]
    if block.text[last.end :].strip(" .") or len(dates) > 1:
        return None
    who = block.text[: last.start].strip(" ,–-:")
    words = who.split()
    if not 1 <= len(words) <= 8 or not words[0][0].isupper():
        return None
    if any(not (w[0].isupper() or w in _JOB_JOINERS) for w in words):
        return None
    return who if _names_job(who) or _is_person(who) else None


def _contact(value: str) -> tuple[str | None, str | None, str | None]:
    """(person, job title, organisation) from the value of a "Contact:" line."""
    parts = [p.strip() for p in re.split(r",|\s[–-]\s|;|\(|\)", value) if p.strip()]
    parts = [p for p in parts if "@" not in p and not re.search(r"\d{3}", p)]
    if not parts:
        return None, None, None
    if _is_person(parts[0]):
        title = parts[1] if len(parts) > 1 else None
        organisation = parts[2] if len(parts) > 2 else None
        return parts[0], title, organisation
    return None, None, parts[0]


def _posts(doc: Document, body: str) -> Iterator[Fact]:
    """Contact posts: "Contact: Name" lines and paper signatures."""
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE:
            continue
        text = block.text
        if len(text) > 160:  # contact and signature lines are short
            continue
        quote = doc.plain_line(block.span.start)
        m = _CONTACT.match(text)
        if m and text in quote:
            person, title, organisation = _contact(m["value"])
            if person or organisation:
                source = Source(block.span, text)
                yield Post(source, body, Role.CONTACT, person, title, organisation)
            continue
        who = _signature(block, find_dates(text))
        if who is not None and text in quote:
            person = who if _is_person(who) else None
            title = None if person else who
            yield Post(Source(block.span, text), body, Role.CONTACT, person, title)


def _furniture(doc: Document) -> Iterator[Fact]:
    """Details lines, contents, page numbers, captions and bare labels."""
    in_contents = False  # just after a "Contents" line: lines ending in page numbers follow
    front = _front_matter_end(doc)
    for block in doc.blocks:
        if block.kind is BlockKind.TABLE:
            for row in block.rows:
                if _toc_row(row.texts(), loose=in_contents):
                    quote = doc.plain_line(row.span.start)
                    yield Furniture(Source(row.span, quote), "table of contents")
            in_contents = False
            continue
        text, span = block.text, block.span
        if len(text) > 200:  # furniture lines are short
            in_contents = False
            continue
        line = doc.plain_line(span.start)
        reason = None
        if _CONTENTS.match(text):
            reason = "contents heading"
        elif block.role == "contents" or (
            in_contents and _TOC_END.search(text) and any(c.isalpha() for c in text)) or (
            _TOC_LEADER.search(text) and len(text.split()) <= 15
        ):
            reason = "table of contents"
        elif _PAGE.match(line.strip()):
            reason = "page number"
        elif _DETAIL.match(text) and span.start <= front and _short_value(text):
            reason = "document details"
        elif _CAPTION.match(text) and len(text.split()) <= 20:
            reason = "caption"
        elif _APPENDIX.match(text) or _POINTER.match(text):
            reason = "section label"
        in_contents = reason in ("contents heading", "table of contents")
        if reason is not None:
            yield Furniture(Source(span, doc.plain_line(span.start)), reason)


def _short_value(text: str) -> bool:
    """A details value: a few words, not a sentence ("0.1", "Draft", "March 2017", a link)."""
    value = text.split(":", 1)[1].strip()
    return len(value.split()) <= 6 and not value.endswith(".")


def _toc_row(texts: list[str], loose: bool) -> bool:
    """A contents row: a label, then a page number (after "Contents") or a broken field."""
    filled = [t for t in texts if t]
    if not filled or not any(c.isalpha() for c in " ".join(filled)):
        return False
    last = filled[-1]
    if _TOC_LEADER.search(last):
        return True
    return loose and len(filled) >= 2 and bool(_TOC_END.search(last))


def _front_matter_end(doc: Document) -> int:
    """The last line of the title page region: before the first list item (at most 60 lines)."""
    for block in doc.blocks:
        if block.kind is BlockKind.LIST_ITEM:
            return min(block.span.start, 60)
    return 60


def recognise(doc: Document) -> Iterator[Fact]:
    """DocumentInfo, contact posts, date and name notes, and title-page furniture."""
    page = _title_page(doc)
    body = ""
    if page is not None:
        for fact in _document_info(doc, page):
            if isinstance(fact, DocumentInfo):
                body = fact.issuer or fact.area or fact.title
            yield fact
    if body:
        yield from _posts(doc, body)
    yield from _furniture(doc)
