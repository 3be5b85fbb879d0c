"""The Markdown reader: markdown-it-py's blocks into the one document model."""

from __future__ import annotations

from hypothesis import given, settings

from cspgraph.loaders import load_document, reader_for
from cspgraph.loaders.document import BlockKind
from cspgraph.loaders.readers.markdown import read_markdown
from tests.helpers.fuzz import assert_no_line_lost, text_of

PLAN = """# Northvale Community Safety Partnership Plan 2024-27

The Board is chaired by Cllr Jane Doe (Northvale Council). It meets
every quarter and **reports to** the Northvale Strategic Board.

## Our priorities

1. Reducing *serious* violence
2. Tackling anti-social behaviour
   - in town centres
   - on public transport

| Priority | Lead agency | Timescale |
|---|---|---|
| Reducing serious violence | Northvale Police | March 2025 |
| Tackling anti-social behaviour | Northvale Council | **Ongoing** |
"""


def _doc(text: str = PLAN, name: str = "plan.md"):
    return read_markdown(text.encode(), name)


def test_md_files_are_read_as_markdown() -> None:
    assert reader_for("plan.md").name == "markdown"
    doc = _doc()
    assert (doc.reader, doc.media_type) == ("markdown", "text/markdown")


def test_headings_paragraphs_and_nested_lists() -> None:
    doc = _doc()
    kinds = [(b.kind, b.level, b.marker, b.text) for b in doc.blocks if b.kind != BlockKind.TABLE]
    assert kinds[0] == (BlockKind.HEADING, 1, "",
                        "Northvale Community Safety Partnership Plan 2024-27")
    paragraph = doc.blocks[1]
    assert paragraph.text.startswith("The Board is chaired by Cllr Jane Doe (Northvale Council).")
    assert paragraph.span.start == 3 and paragraph.span.end == 4
    assert (BlockKind.LIST_ITEM, 1, "1.", "Reducing serious violence") in kinds
    assert (BlockKind.LIST_ITEM, 2, "-", "in town centres") in kinds


def test_each_line_keeps_its_own_text_so_quotes_name_their_line() -> None:
    doc = _doc()
    first = "The Board is chaired by Cllr Jane Doe (Northvale Council). It meets"
    assert doc.plain_line(3) == first
    assert doc.plain_line(4) == "every quarter and reports to the Northvale Strategic Board."
    assert doc.blocks[1].bold_spans and "reports to" in doc.blocks[1].text


def test_a_pipe_table_is_a_table_with_its_header_row() -> None:
    table = next(_doc().tables())
    assert [r.texts() for r in table.rows] == [
        ["Priority", "Lead agency", "Timescale"],
        ["Reducing serious violence", "Northvale Police", "March 2025"],
        ["Tackling anti-social behaviour", "Northvale Council", "Ongoing"],
    ]
    assert [r.header for r in table.rows] == [True, False, False]
    assert [r.span.start for r in table.rows] == [13, 15, 16]
    assert table.rows[2].cells[2].bold


def test_plain_text_layout_in_a_md_file_is_read_line_by_line() -> None:
    doc = _doc("Present\n· Ann Hale – Police\n· Bob Marr – Council\n\nName\tRole\nAnn\tChair\n")
    assert [(b.kind, b.text) for b in doc.blocks[:3]] == [
        (BlockKind.PARAGRAPH, "Present"), (BlockKind.LIST_ITEM, "Ann Hale – Police"),
        (BlockKind.LIST_ITEM, "Bob Marr – Council")]
    assert [r.texts() for r in next(doc.tables()).rows] == [["Name", "Role"], ["Ann", "Chair"]]


def test_the_plan_loads_with_quotes_on_their_lines(tmp_path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    result = load_document(path)
    assert result.problems == []
    assert result.document.reader == "markdown"


TEXT = text_of([*"\t\n<>&•#*_-|1.() ", "| a | b |\n|---|---|\n", "- ", "**", "\n\n", "```\n",
                "    ", "> ", "1. ", "===\n"])


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_markdown_never_raises_and_never_loses_a_line(text: str) -> None:
    doc = read_markdown(text.encode("utf-8"), "fuzz.md")
    assert_no_line_lost(doc)
    assert len(doc.plain_lines) == len(doc.lines)
