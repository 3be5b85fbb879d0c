"""Plain-text layout: headings, tables, contents and furniture told by the shape of lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cspgraph.loaders.document import BlockKind, Document
from cspgraph.loaders.readers.layout import shapes
from cspgraph.loaders.readers.text import covered_lines, read_text


def _doc(text: str) -> Document:
    return read_text(text.encode("utf-8"), "notes.txt")


def _blocks(text: str) -> list[tuple[str, str]]:
    return [(str(b.kind), b.text) for b in _doc(text).blocks]


def test_a_pipe_table_with_a_header_row_and_no_rule_is_a_table() -> None:
    doc = _doc("Membership\n\nName | Agency\nCllr Ann Hale (Chair) | Northtown Council\n"
               "Bob Marr | Northtown Police\n")
    (table,) = list(doc.tables())
    assert [r.texts() for r in table.rows] == [
        ["Name", "Agency"], ["Cllr Ann Hale (Chair)", "Northtown Council"],
        ["Bob Marr", "Northtown Police"]]
    assert table.rows[0].header


def test_a_pipe_table_rule_is_furniture_and_outer_pipes_make_no_cells() -> None:
    doc = _doc("| Priority | Lead |\n|---|---|\n| Fraud | Police |\n")
    (table,) = list(doc.tables())
    assert [r.texts() for r in table.rows] == [["Priority", "Lead"], ["Fraud", "Police"]]
    assert [r.span.start for r in table.rows] == [1, 3]
    assert doc.furniture and doc.furniture[0][1] == "table rule"


def test_a_lone_pipe_in_prose_is_not_a_table() -> None:
    doc = _doc("Minutes: There were no declarations of interest. |\n\nThe Chair welcomed all.\n")
    assert not list(doc.tables())


def test_lines_of_capitals_set_apart_are_headings_but_a_labels_value_is_not() -> None:
    got = _blocks("PARTNERSHIP HUB\n\nTERMS OF REFERENCE\n\nLEAD:\n\nJANE EXAMPLE\n")
    assert got[:2] == [("heading", "PARTNERSHIP HUB"), ("heading", "TERMS OF REFERENCE")]
    assert ("paragraph", "JANE EXAMPLE") in got and ("paragraph", "LEAD:") in got


def test_a_numbered_title_with_its_own_paragraphs_is_a_heading_a_list_is_not() -> None:
    got = _blocks("1. Aim\n\n1.1 By tasking partners the hub aims to improve safety.\n\n"
                  "2. Responsibilities\n\n2.1 To tackle community safety issues.\n")
    assert got[0] == ("heading", "Aim") and ("heading", "Responsibilities") in got
    assert [b.marker for b in _doc("1. Aim\n\n1.1 By tasking partners the hub aims to improve "
                                   "safety.\n").blocks] == ["1.", "1.1"]
    listed = _blocks("Our priorities\n\n1. Domestic abuse\n2. Road safety\n3. Violent crime\n")
    assert [k for k, _ in listed[1:]] == ["list_item"] * 3


def test_the_title_after_a_bare_agenda_item_number_is_a_heading() -> None:
    doc = _doc("98.\n\nWelcome and Introductions\n\nMinutes:\n\nThe Chairman welcomed everyone.\n")
    assert doc.blocks[0].kind is BlockKind.HEADING
    assert doc.blocks[0].text == "Welcome and Introductions"
    assert doc.furniture[0][1] == "agenda item number"


def test_contents_lines_are_the_outline_with_page_numbers() -> None:
    doc = _doc("Contents\n\nForeword 3\nOur priorities ........ 5\n1. Reducing violence 9\n\n"
               "Foreword\n\nThis plan sets out what we will do over the next three years.\n")
    entries = [b for b in doc.blocks if b.role == "contents"]
    assert [(b.marker, b.text) for b in entries] == [
        ("", "Foreword"), ("", "Our priorities"), ("1.", "Reducing violence")]
    assert doc.plain_line(4) == "Our priorities ........ 5"
    assert doc.blocks[-1].role == ""


def test_page_numbers_file_paths_and_running_headers_are_furniture() -> None:
    doc = _doc("OFFICIAL\n\nPage 3 of 12\n\nOFFICIAL\n\n- 4 -\n\n"
               "C:\\Users\\clerk\\plan final.docx\n\nOFFICIAL\n\nThe partnership met four times.\n")
    reasons = {span.start: why for span, why in doc.furniture}
    assert reasons == {1: "running header", 3: "page number", 5: "running header",
                       7: "page number", 9: "file path", 11: "running header"}
    assert [b.text for b in doc.blocks] == ["The partnership met four times."]


def test_bullets_run_together_in_one_line_are_items() -> None:
    doc = _doc("The partners are: • Police • Probation • Health\n"
               "· 11 January 2013 – Confirmatory hearing · 6 February 2013\n")
    got = [(str(b.kind), b.marker, b.text) for b in doc.blocks]
    assert got == [("paragraph", "", "The partners are:"), ("list_item", "•", "Police"),
                   ("list_item", "•", "Probation"), ("list_item", "•", "Health"),
                   ("list_item", "·", "11 January 2013 – Confirmatory hearing"),
                   ("list_item", "·", "6 February 2013")]


def test_bullets_of_any_glyph_start_list_items() -> None:
    doc = _doc("Ø Reduce repeat victims\n§ Support families\no Review the plan\n► Report back\n")
    assert [(b.marker, b.text) for b in doc.blocks] == [
        ("Ø", "Reduce repeat victims"), ("§", "Support families"), ("o", "Review the plan"),
        ("►", "Report back")]


def test_en_dash_bullets_and_lettered_references_start_list_items() -> None:
    doc = _doc("What we will do:\n– Map hotspots\n– Fund diversion\n\n"
               "R1. The Board should keep violence as a priority.\n"
               "R2. The Board should review the plan.\n")
    assert [(str(b.kind), b.marker, b.text) for b in doc.blocks[1:]] == [
        ("list_item", "–", "Map hotspots"), ("list_item", "–", "Fund diversion"),
        ("list_item", "R1.", "The Board should keep violence as a priority."),
        ("list_item", "R2.", "The Board should review the plan.")]


def test_a_label_a_tab_and_its_value_is_a_line_not_a_table() -> None:
    assert _blocks("Present:\tCllr Ann Hale (Chair), Bob Marr\n\nDate:\t12 May 2024\n"
                   "Venue:\tTown Hall\n\nName\tAgency\nAnn Hale\tNorthtown Council\n") == [
        ("paragraph", "Present: Cllr Ann Hale (Chair), Bob Marr"),
        ("paragraph", "Date: 12 May 2024"), ("paragraph", "Venue: Town Hall"), ("table", "")]


def test_html_is_read_only_in_a_document_that_uses_it() -> None:
    plain = _doc("Name\tNote\nAnn\tscores < 5 and R&D stay as printed\n")
    assert next(plain.tables()).rows[1].texts() == ["Ann", "scores < 5 and R&D stay as printed"]
    marked = _doc("Theme\tRecommendations\n<b>ASB</b>\t<ol><li>1. Continue.</li></ol>\n")
    row = next(marked.tables()).rows[1]
    assert row.texts()[0] == "ASB" and row.cells[0].bold and row.cells[1].parts[0].marker == "1."


def test_every_line_gets_one_shape() -> None:
    lines = ["CONTENTS", "Foreword 3", "", "a | b", "c | d", "Page 2"]
    assert [s.kind for s in shapes(lines)] == [
        "heading", "contents", "blank", "pipe_row", "pipe_row", "furniture"]


LINES = st.lists(st.one_of(
    st.lists(st.sampled_from([*"ab AB1.:|-\t•·Ø", "Page 3", "Contents"]), max_size=12).map("".join),
    st.sampled_from(["", "1.", "1. Aim", "1.1 Text of the aim here.", "| a | b |", "|---|",
                     "CONTENTS", "Intro 3", "TERMS OF REFERENCE", "LEAD:"])), max_size=25)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_no_line_is_lost_whatever_its_shape(lines: list[str]) -> None:
    doc = _doc("\n".join(lines))
    assert set(doc.nonblank_lines()) <= covered_lines(doc)
