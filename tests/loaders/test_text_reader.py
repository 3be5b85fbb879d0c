"""The plain-text/markdown reader: no line lost, line endings, bad input, cell fragments."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspgraph.errors import InputError
from cspgraph.loaders import load_document, reader_for, sample_paths
from cspgraph.loaders.document import Block, BlockKind, Document, Span
from cspgraph.loaders.readers.builder import all_bold, fold, slice_runs, split_runs
from cspgraph.loaders.readers.markup import parse_cell, without_markdown
from cspgraph.loaders.readers.text import covered_lines, read_text, split_lines
from tests.helpers.documents import read_path
from tests.helpers.fuzz import assert_no_line_lost, text_of

SAMPLES = {p.name.split("-")[0] + "-" + p.name.split("-")[1]: p for p in sample_paths()}
WORD = re.compile(r"[^\W_]+")
TAG_RE = re.compile(r"<[^>]*>")


def _sample(prefix: str) -> Document:
    return read_path(next(p for p in sample_paths() if p.name.startswith(prefix)))


def _words(text: str) -> set[str]:
    return set(WORD.findall(text))


def _covering_text(doc: Document, n: int) -> str:
    """Markers and texts of every block, row and cell that covers line ``n``, and the line
    itself when the reader kept it as furniture (a page number, a rule)."""
    out: list[str] = [doc.plain_line(n) for span, _ in doc.furniture if n in span.lines()]
    for block in doc.walk():
        if n in block.span.lines():
            out += [block.marker, block.text]
        for row in block.rows:
            if n in row.span.lines():
                out += [cell.text for cell in row.cells]
    return " ".join(out)


def _line_found(doc: Document, n: int) -> bool:
    """The plain text of line ``n`` is the text of a block (after its marker) or of a row."""
    plain = doc.plain_line(n)
    for block in doc.blocks:
        if n not in block.span.lines():
            continue
        if block.kind is BlockKind.TABLE:
            rows = [r for r in block.rows if n in r.span.lines()]
            if any(" ".join(t for t in r.texts() if t) == plain for r in rows):
                return True
        elif block.kind is BlockKind.LIST_ITEM or block.marker:
            head = plain[: len(plain) - len(block.text)]
            if plain.endswith(block.text) and block.marker in head:
                return True
        elif block.text == plain:
            return True
    return False


def _check_no_line_lost(doc: Document) -> None:
    covered = covered_lines(doc)
    for n in doc.nonblank_lines():
        assert n in covered, f"line {n} not covered: {doc.lines[n - 1]!r}"
        assert _line_found(doc, n), f"line {n} text not found: {doc.plain_line(n)!r}"
        missing = _words(doc.plain_line(n)) - _words(_covering_text(doc, n))
        assert not missing, f"line {n} lost words {missing}"


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_every_nonblank_line_is_covered_and_found(path: Path) -> None:
    doc = read_path(path)
    assert doc.lines == split_lines(path.read_text(encoding="utf-8"))
    assert len(doc.plain_lines) == len(doc.lines)
    _check_no_line_lost(doc)
    for table in doc.tables():
        for row in table.rows:
            for cell in row.cells:
                parts = " ".join(f"{p.marker} {p.text}" for p in cell.parts)
                assert _words(cell.text) <= _words(parts)
                assert cell.text in doc.plain_line(row.span.start)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
@pytest.mark.parametrize("ending", [b"\r\n", b"\r"])
def test_other_line_endings_and_bom_read_identically(path: Path, ending: bytes) -> None:
    data = path.read_bytes()
    doc = read_text(data, str(path))
    for variant in (data.replace(b"\n", ending), b"\xef\xbb\xbf" + data.replace(b"\n", ending)):
        other = read_text(variant, str(path))
        assert other.lines == doc.lines
        assert other.plain_lines == doc.plain_lines
        assert other.blocks == doc.blocks


def test_document_fields() -> None:
    path = SAMPLES["pan-cheshire"]
    doc = read_path(path)
    assert doc.reader == "text"
    assert doc.media_type == "text/plain"
    assert doc.name == path.name
    assert doc.id == "pan-cheshire-needs-assessment-2015-16-recommendations"
    assert len(doc.sha256) == 64
    assert reader_for("x.markdown").name == reader_for("x.md").name == "markdown"
    assert read_text(b"", "empty.txt").blocks == []


def test_binary_input_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_text(b"PK\x03\x04\x00\x00binary", "reports/plan.txt")
    assert "reports/plan.txt" in str(err.value)
    assert "binary" in err.value.message
    target = tmp_path / "scan.txt"
    target.write_bytes(b"\x00" * 10 + b"text")
    with pytest.raises(InputError, match=r"scan\.txt"):
        load_document(target)


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_mixed_encodings_load_with_a_note_naming_the_legacy_lines(ending: bytes) -> None:
    data = ending.join([b"first line", "second \u2013 UTF-8".encode(), b"Caf\xe9 culture",
                        b"fourth \x96 dash"])
    doc = read_text(data, "old/mixed.txt")
    assert [doc.plain_line(n) for n in (2, 3, 4)] == [
        "second \u2013 UTF-8", "Caf\u00e9 culture", "fourth \u2013 dash"]
    assert len(doc.lines) == 4
    assert any(note.startswith("lines 3, 4: not UTF-8") for note in doc.notes), doc.notes


def test_utf16_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        read_text("hello".encode("utf-16"), "wide.txt")


def test_recommendation_cells_parse_to_numbered_items() -> None:
    doc = _sample("pan-cheshire")
    rows = {row.span.start: row for table in doc.tables() for row in table.rows}
    header, first = rows[5], rows[6]
    assert header.header and not first.header
    assert header.texts() == ["Theme", "Recommendations"]
    assert first.cells[0].bold and first.cells[0].text == "Anti-social behaviour (ASB)"
    items = first.cells[1].parts
    assert [p.kind for p in items] == [BlockKind.LIST_ITEM] * 7
    assert [p.marker for p in items] == [f"{i}." for i in range(1, 8)]
    assert items[0].text == "Continue the work of the pan Cheshire strategic ASB group."
    assert all(p.ordered and p.level == 1 for p in items)
    intro = next(r for r in rows.values() if r.texts()[0].startswith("Malicious"))
    kinds = [p.kind for p in intro.cells[1].parts]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.LIST_ITEM]
    assert intro.cells[1].parts[0].text.endswith("it is recommended that;")
    alcohol = rows[19].cells[1].parts
    assert alcohol[0].kind is BlockKind.PARAGRAPH and len(alcohol) == 10
    assert alcohol[2].text.startswith("Accident & Emergency (A&E) data")
    assert rows[10].header and rows[18].header and rows[23].header


def test_bulleted_cells_and_continuation_lines() -> None:
    doc = _sample("west-cheshire")
    table = next(doc.tables())
    assert table.rows[0].header
    actions = table.rows[1].cells[2].parts
    assert actions[0].kind is BlockKind.PARAGRAPH
    assert actions[0].text == "Prevent – Prevent reoffending."
    bullets = [p for p in actions if p.kind is BlockKind.LIST_ITEM]
    assert len(bullets) == 5
    assert {p.marker for p in bullets} == {"•"} and {p.level for p in bullets} == {1}
    assert table.rows[1].cells[1].text == "Probation"
    after = next(b for b in doc.blocks if b.span.start == 17)
    assert after.kind is BlockKind.LIST_ITEM and after.marker == "-"
    assert after.text.startswith("Strengthen opportunities")


def test_markdown_lines() -> None:
    doc = _sample("cheshire-east")
    by_line = {b.span.start: b for b in doc.blocks}
    heading = by_line[7]
    assert (heading.kind, heading.level, heading.text, heading.bold) == (
        BlockKind.HEADING,
        1,
        "Our Priorities",
        True,
    )
    assert doc.plain_line(7) == "Our Priorities"
    numbered = by_line[71]
    assert (numbered.marker, numbered.text) == ("1.", "To direct the work of the Partnership")
    arrow = by_line[198]
    assert arrow.marker == "➤" and arrow.text.startswith("Progress tracker To ensure")
    assert not arrow.bold
    assert by_line[452].marker == ">" and by_line[136].marker == "❖"
    assert by_line[273].kind is BlockKind.PARAGRAPH
    assert by_line[255].text == "Engagement"
    members = next(doc.tables())
    assert members.span == Span(98, 127)
    assert len(members.rows) == 30
    assert members.rows[0].header and not any(r.header for r in members.rows[1:])
    assert members.rows[5].texts() == ["_", ""]
    assert members.rows[13].texts() == ["Authority/Service", ""]


def test_other_layouts() -> None:
    stockton = _sample("safer-stockton")
    assert "15th March 2010" in stockton.plain_line(11)
    assert next(stockton.tables()).rows[0].texts() == ["Ref", "Data gap", "Lead", "Action"]
    assert next(stockton.tables()).rows[0].header
    worcs = _sample("worcestershire")
    contents = next(worcs.tables())
    assert not contents.rows[0].header
    section = next(b for b in worcs.blocks if b.span.start == 30)
    assert section.marker == "1.1" and section.text.startswith("Community Safety")


def test_glued_rows_and_malformed_html_do_not_crash() -> None:
    line = "<p>A</p>\t<p>Lead</p>\t<p>x.</p> <ul> • one • two <p>A</p>\t<p>Lead</p>\t<ul><li>3"
    doc = read_text(f"H1\tH2\tH3\n{line}\n".encode(), "glued.txt")
    row = next(doc.tables()).rows[1]
    assert len(row.cells) == 5
    _check_no_line_lost(doc)
    for fragment in (
        "<p>unclosed <b>bold <li>item",
        "a < b & c > d",
        "<ol><li>1. x</ol></li>",
        "</p></li></ul>",
        "<b",
        "<!-- x",
        "<![CDATA[y]]>",
        "<script>z",
        "&#xD800;",
    ):
        cell = parse_cell(fragment, Span(1, 1))
        assert _words(cell.text) <= _words(" ".join(f"{p.marker} {p.text}" for p in cell.parts))


def test_ordered_lists_without_printed_numbers_get_implicit_markers() -> None:
    cell = parse_cell(
        '<ol start="3"><li>x</li><li><b>y</b></li></ol><ul><li>z</li></ul>', Span(2, 2)
    )
    assert [(p.marker, p.text, p.bold) for p in cell.parts] == [
        ("3.", "x", False),
        ("4.", "y", True),
        ("•", "z", False),
    ]
    nested = parse_cell("<ul><li>a<ul><li>b</li></ul></li></ul>", Span(1, 1))
    assert [p.level for p in nested.parts] == [1, 2]


TEXT = text_of([*"\t\n\r<>&•#*_-1.() ", "<p>", "</li>", "<li>", "**", "- "])


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_read_text_never_raises_and_never_loses_a_line(text: str) -> None:
    doc = read_text(text.encode("utf-8"), "fuzz.md")
    assert len(doc.lines) == len(split_lines(text))
    assert_no_line_lost(doc)
    for n in doc.nonblank_lines():
        missing = _words(doc.plain_line(n)) - _words(_covering_text(doc, n))
        assert not missing, (n, doc.lines[n - 1], missing)


FRAGMENT = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<li>",
                "</li>",
                "<ol>",
                "</ol>",
                '<ul style="list-style-type: none">',
                "</ul>",
                "<b>",
                "</b>",
                "<sup>",
                "&amp;",
                "&",
                "<",
                ">",
                "•",
                "1. ",
                "**",
                "<!",
                "</",
            ]
        ),
    ),
    max_size=100,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(FRAGMENT)
def test_cell_parser_never_raises_and_never_loses_a_word(fragment: str) -> None:
    cell = parse_cell(fragment, Span(4, 4))
    parts: list[Block] = cell.parts
    assert all(p.span == Span(4, 4) for p in parts)
    assert _words(cell.text) <= _words(" ".join(f"{p.marker} {p.text}" for p in parts))


CELL_HTML = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
        st.sampled_from(
            ["<p>", "</p>", "<ol>", "</ol>", "<li>", "</li>", "<b>", "</b>", "1. ", " 2. ",
             " 3. ", "; ", "•", "&amp;", "<", "</l", "<!--", "**"]
        ),
    ),
    max_size=25,
).map("".join)
TABLE_LINES = st.lists(
    st.lists(CELL_HTML, min_size=2, max_size=4).map("\t".join), min_size=1, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(TABLE_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_table_parser_never_raises_and_never_loses_a_line(rows: list[str], ending: str) -> None:
    text = "Title line\n\n" + ending.join(rows)
    doc = read_text(text.encode("utf-8"), "tables.txt")
    covered = covered_lines(doc)
    row_lines = {r.span.start for t in doc.tables() for r in t.rows}
    for n in doc.nonblank_lines():
        assert n in covered
        line = doc.lines[n - 1]
        if "\t" in line.strip():  # a tab inside the text (not indentation) makes a row
            assert n in row_lines, (n, line)
        missing = _words(doc.plain_line(n)) - _words(_covering_text(doc, n))
        assert not missing, (n, line, missing)
    for table in doc.tables():
        for row in table.rows:
            line = doc.lines[row.span.start - 1]
            if "\t" in line.strip() or "|" not in line:  # a TAB row, not a "|" row
                assert len(row.cells) == line.count("\t") + 1
            for cell in row.cells:
                parts = " ".join(f"{p.marker} {p.text}" for p in cell.parts)
                assert _words(cell.text) <= _words(parts)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_read_or_raise_an_input_error(data: bytes) -> None:
    try:
        doc = read_text(data, "bytes.txt")
    except InputError as err:
        assert "bytes.txt" in str(err)
        return
    assert set(doc.nonblank_lines()) <= covered_lines(doc)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=600))
def test_text_cut_at_any_byte_still_reads(text: str, cut: int) -> None:
    data = text.encode("utf-8")[:cut]
    doc = read_text(data, "cut.txt")
    assert set(doc.nonblank_lines()) <= covered_lines(doc)
    whole = data.decode("utf-8", errors="ignore")
    assert doc.lines == split_lines(whole.removeprefix("\ufeff"))
    cut_inside = whole.encode("utf-8") != data
    assert cut_inside == any("ends inside a character" in n for n in doc.notes)


@settings(max_examples=300, deadline=None)
@given(CELL_HTML.map(lambda s: TAG_RE.sub("", s)))
def test_plain_text_cells_keep_every_character_when_split_into_items(text: str) -> None:
    cell = parse_cell(text, Span(2, 2))
    if "•" not in text:  # "• 3. x": a number printed after a bullet is that item's marker
        numbered = [p for p in cell.parts if p.kind is BlockKind.LIST_ITEM]
        assert [int(p.marker.rstrip(".)")) for p in numbered] == list(
            range(1, len(numbered) + 1))
    parts = " ".join(f"{p.marker} {p.text}" for p in cell.parts)
    assert _words(cell.text) <= _words(parts)
    unbulleted = "".join(parts.split()).replace("•", "")  # the number may stand for the bullet
    assert unbulleted == "".join(cell.text.split()).replace("•", "")


def test_plain_text_cells_with_printed_numbers() -> None:
    text = "Intro for the group: 1. First thing. 2. Second 3 items. 3. Third"
    cell = parse_cell(text, Span(1, 1))
    assert [(p.kind, p.marker, p.text) for p in cell.parts] == [
        (BlockKind.PARAGRAPH, "", "Intro for the group:"),
        (BlockKind.LIST_ITEM, "1.", "First thing."),
        (BlockKind.LIST_ITEM, "2.", "Second 3 items."),
        (BlockKind.LIST_ITEM, "3.", "Third"),
    ]
    lone = parse_cell("it is recommended that; 1. Do it.", Span(1, 1)).parts
    assert [(p.marker, p.text) for p in lone] == [("", "it is recommended that;"), ("1.", "Do it.")]
    for prose in ("Reduce by 1. The end.", "See section 1. Then 2. More", "Plan 2020 2. x"):
        assert [p.kind for p in parse_cell(prose, Span(1, 1)).parts] == [BlockKind.PARAGRAPH]


def test_a_number_after_a_number_is_text_not_a_second_marker() -> None:
    doc = read_text(b"1. 5. Five things\n- 2. Two\n", "n.md")
    first, second = doc.blocks
    assert (first.marker, first.text) == ("1.", "5. Five things")
    assert (second.marker, second.text) == ("2.", "Two")


def _reference_plain(runs: list[tuple[str, bool]]) -> tuple[str, list[bool]]:
    """The character-by-character definition of folding that ``_Rich.plain`` speeds up."""
    chars = [(ch, bold) for text, bold in runs for ch in text]
    md = {"*": False, "_": False}
    kept: list[tuple[str, bool]] = []
    i = 0
    while i < len(chars):
        ch, bold = chars[i]
        if ch in md and i + 1 < len(chars) and chars[i + 1][0] == ch:
            md[ch] = not md[ch]
            i += 2
            continue
        kept.append((ch, bold or md["*"] or md["_"]))
        i += 1
    # Runs of space fold to one plain space between words, and none at either end.
    words = [list(g) for space, g in groupby(kept, key=lambda cb: cb[0].isspace()) if not space]
    text = " ".join("".join(ch for ch, _ in word) for word in words)
    mask: list[bool] = []
    for n, word in enumerate(words):
        mask += [False] * (n > 0) + [bold for _, bold in word]
    return text, mask


RUNS = st.lists(
    st.tuples(
        st.text(alphabet=st.sampled_from([*"ab 1\t\u00a0\u2003*_•.", "\n"]), max_size=8),
        st.booleans(),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(RUNS, st.integers(min_value=0, max_value=6))
def test_folding_runs_matches_the_character_definition(runs, start: int) -> None:
    text, mask = fold(without_markdown(runs))
    assert (text, mask) == _reference_plain(runs)
    flags = [b for ch, b in zip(text[start:], mask[start:], strict=True) if ch.isalnum()]
    assert all_bold(text, mask, start) == (bool(flags) and all(flags))
    whole = "".join(t for t, _ in runs)
    assert "•".join("".join(t for t, _ in p) for p in split_runs(runs, "•")) == whole
    assert "".join(t for t, _ in slice_runs(runs, 2, 5)) == whole[2:5]
