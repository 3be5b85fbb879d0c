"""The Word reader: styles, lists, bold, tables and merged cells, broken files."""

from __future__ import annotations

import hashlib
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given, settings

from cspgraph.errors import InputError
from cspgraph.loaders import load_document
from cspgraph.loaders.document import BlockKind, Document
from cspgraph.loaders.readers.docx import MEDIA_TYPE, read_docx
from tests.helpers.fuzz import PRINTABLE, assert_paragraph_and_cell, folded

PATH = "riverside-plan.docx"


def _bytes(word: docx.document.Document) -> bytes:
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _read(word: docx.document.Document) -> Document:
    return read_docx(_bytes(word), PATH)


def _kinds(document: Document) -> list[tuple[str, int, str, str]]:
    return [(b.kind.value, b.level, b.marker, b.text) for b in document.blocks]


def test_the_document_says_what_read_it() -> None:
    word = docx.Document()
    word.add_paragraph("Chair: Cllr J. Example")
    data = _bytes(word)
    document = read_docx(data, PATH)
    assert (document.reader, document.media_type) == ("docx", MEDIA_TYPE)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.name == PATH


def test_bold_runs_are_kept_as_printed() -> None:
    word = docx.Document()
    p = word.add_paragraph()
    p.add_run("Antisocial ").bold = True
    p.add_run("Behaviour").bold = True
    p.add_run(" – reduce reported antisocial behaviour in town centres.")
    word.add_paragraph().add_run("Our Priorities").bold = True
    word.add_paragraph("Not bold at all.", style="Intense Quote")
    document = _read(word)
    first, second, third = document.blocks
    assert first.lead_bold == "Antisocial Behaviour"
    assert first.text.startswith("Antisocial Behaviour – reduce") and not first.bold
    assert second.bold and second.text == "Our Priorities"
    assert not third.bold


def _lettered_list(word: docx.document.Document) -> str:
    """Add a two-level list "(a)" / "(i)" to ``word``'s numbering; returns its numId."""
    numbering = word.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
        '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
    ))
    return "90"


def _numbered(word: docx.document.Document, text: str, num_id: str, level: int) -> None:
    p = word.add_paragraph(text, style="List Paragraph")
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def _styled_headings(word: docx.document.Document) -> None:
    word.add_paragraph("Riverside Community Safety Partnership", style="Title")
    word.add_heading("Our priorities", level=1)
    word.add_heading("Reducing reoffending", level=3)
    custom = word.styles.add_style("Plan Section", 1)  # a paragraph style
    custom.base_style = word.styles["Heading 2"]
    word.add_paragraph("Governance", style="Plan Section")
    word.add_paragraph("The partnership meets quarterly.")


def _bullets_and_numbers(word: docx.document.Document) -> None:
    word.add_paragraph("Explore housing data.", style="List Bullet")
    word.add_paragraph("Including registered providers.", style="List Bullet 2")
    word.add_paragraph("Continue the strategic group.", style="List Number")
    word.add_paragraph("Review the witness process.", style="List Number")
    word.add_paragraph("3.2 Review the referral process.", style="List Paragraph")


def _word_numbering(word: docx.document.Document) -> None:
    num_id = _lettered_list(word)
    _numbered(word, "Tackle exploitation.", num_id, 0)
    _numbered(word, "Map the risks.", num_id, 1)
    _numbered(word, "Train the workforce.", num_id, 1)
    _numbered(word, "Reduce reoffending.", num_id, 0)
    _numbered(word, "Report to the board.", num_id, 1)


@pytest.mark.parametrize(
    ("build", "blocks"),
    [
        pytest.param(_styled_headings, [
            ("heading", 1, "", "Riverside Community Safety Partnership"),
            ("heading", 1, "", "Our priorities"),
            ("heading", 3, "", "Reducing reoffending"),
            ("heading", 2, "", "Governance"),
            ("paragraph", 0, "", "The partnership meets quarterly."),
        ], id="headings-come-from-styles-and-the-styles-they-are-based-on"),
        pytest.param(_bullets_and_numbers, [
            ("list_item", 1, "-", "Explore housing data."),
            ("list_item", 2, "-", "Including registered providers."),
            ("list_item", 1, "1.", "Continue the strategic group."),
            ("list_item", 1, "2.", "Review the witness process."),
            # "List Paragraph" alone draws no marker: the typed number makes it an item
            ("list_item", 1, "3.2", "Review the referral process."),
        ], id="bullets-and-numbers-become-list-items"),
        pytest.param(_word_numbering, [
            ("list_item", 1, "(a)", "Tackle exploitation."),
            ("list_item", 2, "(i)", "Map the risks."),
            ("list_item", 2, "(ii)", "Train the workforce."),
            ("list_item", 1, "(b)", "Reduce reoffending."),
            ("list_item", 2, "(i)", "Report to the board."),
        ], id="word-numbering-prints-the-numbers-word-shows"),
    ],
)
def test_a_word_file_reads_into_its_blocks(build, blocks: list[tuple]) -> None:
    word = docx.Document()
    build(word)
    assert _kinds(_read(word)) == blocks


def test_tables_are_tables_with_their_cells_parts() -> None:
    word = docx.Document()
    word.add_paragraph("Priorities for the year")
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Priority", "Lead", "Actions"], strict=True):
        cell.text = text
    theme, lead, actions = table.rows[1].cells
    theme.paragraphs[0].add_run("Domestic abuse").bold = True
    lead.text = "Riverside Council"
    lead.add_paragraph("Riverside Police")
    actions.text = "Prevent – stop abuse early."
    actions.add_paragraph("Commission a refuge.", style="List Bullet")
    actions.add_paragraph("Train\tfront-line staff\nin every agency.", style="List Bullet")
    word.add_paragraph("Progress is reported to the board.")
    document = _read(word)
    assert [b.kind for b in document.blocks] == [
        BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH
    ]
    header, row = document.blocks[1].rows
    assert header.header and header.texts() == ["Priority", "Lead", "Actions"]
    assert row.cells[0].bold and row.cells[0].text == "Domestic abuse"
    assert [p.text for p in row.cells[1].parts] == ["Riverside Council", "Riverside Police"]
    assert [(p.kind, p.text) for p in row.cells[2].parts] == [
        (BlockKind.PARAGRAPH, "Prevent – stop abuse early."),
        (BlockKind.LIST_ITEM, "Commission a refuge."),
        (BlockKind.LIST_ITEM, "Train front-line staff in every agency."),
    ]


def test_tables_keep_their_place_among_paragraphs() -> None:
    word = docx.Document()
    for n in (1, 2):
        word.add_paragraph(f"Table {n} follows.")
        word.add_table(rows=1, cols=2).rows[0].cells[0].text = f"Theme {n}"
    word.add_table(rows=1, cols=2).rows[0].cells[1].text = "Lead 3"  # straight after table 2
    document = _read(word)
    assert [(b.kind.value, b.text or b.rows[0].texts()) for b in document.blocks] == [
        ("paragraph", "Table 1 follows."),
        ("table", ["Theme 1", ""]),
        ("paragraph", "Table 2 follows."),
        ("table", ["Theme 2", ""]),
        ("table", ["", "Lead 3"]),
    ]


def test_merged_cells_are_read_once() -> None:
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    title = table.cell(0, 0).merge(table.cell(0, 2))  # a title row across the table
    title.text = "Priority 1: Anti-social behaviour"
    lead = table.cell(1, 1).merge(table.cell(2, 1))  # one lead for two actions
    lead.text = "Riverside Police"
    table.cell(1, 0).text = "Run problem solving groups"
    table.cell(2, 0).text = "Publish a dashboard"
    table.cell(1, 2).text = "2024"
    table.cell(2, 2).text = "2025"
    rows = _read(word).blocks[0].rows
    assert [r.texts() for r in rows] == [
        ["Priority 1: Anti-social behaviour"],
        ["Run problem solving groups", "Riverside Police", "2024"],
        ["Publish a dashboard", "", "2025"],
    ]


def test_empty_rows_are_dropped_and_a_one_column_table_is_its_paragraphs() -> None:
    word = docx.Document()
    box = word.add_table(rows=3, cols=1)
    box.cell(0, 0).text = "Key facts"
    box.cell(2, 0).add_paragraph("Crime fell by 5%.", style="List Bullet")
    document = _read(word)
    assert _kinds(document) == [
        ("paragraph", 0, "", "Key facts"),
        ("list_item", 1, "-", "Crime fell by 5%."),
    ]


def test_text_that_looks_like_markup_stays_text() -> None:
    word = docx.Document()
    word.add_paragraph("# 1 priority is <b>safety</b> & trust")
    word.add_paragraph("Columns\tin\ta\tline")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "<script>alert(1)</script>"
    table.cell(0, 1).text = "A & B"
    document = _read(word)
    first, second, third = document.blocks
    assert first.kind is BlockKind.PARAGRAPH
    assert first.text == "# 1 priority is <b>safety</b> & trust"
    assert (second.kind, second.text) == (BlockKind.PARAGRAPH, "Columns in a line")
    assert third.rows[0].texts() == ["<script>alert(1)</script>", "A & B"]


def test_a_line_break_starts_a_new_line() -> None:
    word = docx.Document()
    run = word.add_paragraph().add_run("Community")
    run.add_break()
    run.add_text("Safety Partnership")
    assert [b.text for b in _read(word).blocks] == ["Community", "Safety Partnership"]


def test_hyperlink_text_is_read() -> None:
    word = docx.Document()
    p = word.add_paragraph("See ")
    p._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>the annual report</w:t></w:r>'
        "</w:hyperlink>"
    ))
    assert _read(word).blocks[0].text == "See the annual report"


def _zip(**members: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"this is not a Word file", "not a zip package"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "older Word .doc"),
        (b"%PDF-1.7\n", "it is a PDF"),
        (_zip(readme=b"hello"), "holds no Word document"),
    ],
)
def test_a_file_that_is_not_a_docx_gives_an_input_error_naming_it(data, reason) -> None:
    with pytest.raises(InputError) as caught:
        read_docx(data, PATH)
    assert PATH in str(caught.value) and reason in str(caught.value)
    assert "not a Word .docx file" in caught.value.message
    assert caught.value.hint


def test_damaged_xml_inside_the_package_gives_an_input_error() -> None:
    word = docx.Document()
    word.add_paragraph("The plan runs from 2024 to 2027.")
    source = zipfile.ZipFile(io.BytesIO(_bytes(word)))
    members = {i.filename: source.read(i.filename) for i in source.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:200]
    with pytest.raises(InputError, match="its XML is damaged"):
        read_docx(_zip(**members), PATH)


def test_a_truncated_docx_gives_an_input_error_through_load_document() -> None:
    word = docx.Document()
    word.add_paragraph("The plan runs from 2024 to 2027.")
    data = _bytes(word)
    with pytest.raises(InputError, match=r"could not read broken\.docx: not a Word \.docx file"):
        load_document("broken.docx", data=data[: len(data) // 2])


@settings(max_examples=60, deadline=None)
@given(PRINTABLE)
def test_any_text_in_a_paragraph_or_cell_reads_back_as_printed(text: str) -> None:
    printed = folded(text)
    word = docx.Document()
    word.add_paragraph(text)
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = text
    table.cell(0, 1).text = "Lead"
    document = _read(word)
    assert_paragraph_and_cell(document, printed)
