"""The web-page reader: page furniture dropped, agenda-item pages read into blocks."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings

from cspgraph.errors import InputError
from cspgraph.loaders import load_document
from cspgraph.loaders.document import BlockKind, Document
from cspgraph.loaders.readers.html import read_html
from tests.helpers.fuzz import PRINTABLE, assert_paragraph_and_cell, folded

PATH = "agenda-item-6.html"

AGENDA_ITEM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agenda item - Riverside Council</title>
<script>var banner = "<p>Cookie banner</p>";</script><style>p { color: red }</style></head>
<body>
<header><a href="/">Riverside Council</a>
  <nav><ul><li>Home</li><li>Meetings</li></ul></nav></header>
<div role="navigation">Skip to content</div>
<main>
<article>
<header><h1>Agenda item 6: Riverside Community Safety Partnership annual report</h1></header>
<p><strong>Meeting:</strong> Safer Communities Scrutiny Panel, 14 March 2024</p>
<h2>Purpose of report</h2>
<p>To update members on the work of the partnership.<br>Chair: Cllr J. Example</p>
<h2>Recommendations</h2>
<ol>
  <li>That the panel notes the annual report.</li>
  <li><p>That the panel endorses the priorities for 2024/25.</p></li>
</ol>
<h2>Priorities</h2>
<table>
 <thead><tr><th>Priority</th><th>Lead</th><th>Actions</th></tr></thead>
 <tbody>
 <tr><td><b>Anti-social behaviour</b></td><td>Riverside Police</td>
     <td><ul><li>Run problem solving groups</li><li>Publish a dashboard</li></ul></td></tr>
 <tr><td>Domestic abuse</td><td rowspan="2">Riverside Council</td>
     <td><p>Commission a refuge.</p></td></tr>
 <tr><td>Serious violence</td><td>Publish a strategy.</td></tr>
 </tbody>
</table>
<noscript>Please enable JavaScript.</noscript>
</article>
</main>
<footer>Copyright Riverside Council</footer>
</body></html>
"""


def _read(page: str, path: str = PATH) -> Document:
    return read_html(page.encode("utf-8"), path)


def _blocks(document: Document) -> list[tuple[str, int, str, str]]:
    return [(b.kind.value, b.level, b.marker, b.text) for b in document.blocks]


def test_an_agenda_item_page_reads_into_headings_paragraphs_lists_and_a_table() -> None:
    document = _read(AGENDA_ITEM)
    assert (document.reader, document.media_type, document.notes) == ("html", "text/html", [])
    assert _blocks(document)[:-1] == [
        ("heading", 1, "", "Agenda item 6: Riverside Community Safety Partnership annual report"),
        ("paragraph", 0, "", "Meeting: Safer Communities Scrutiny Panel, 14 March 2024"),
        ("heading", 2, "", "Purpose of report"),
        ("paragraph", 0, "", "To update members on the work of the partnership."),
        ("paragraph", 0, "", "Chair: Cllr J. Example"),
        ("heading", 2, "", "Recommendations"),
        ("list_item", 1, "1.", "That the panel notes the annual report."),
        ("list_item", 1, "2.", "That the panel endorses the priorities for 2024/25."),
        ("heading", 2, "", "Priorities"),
    ]
    table = document.blocks[-1]
    assert table.kind is BlockKind.TABLE
    assert table.rows[0].header
    assert [r.texts() for r in table.rows] == [
        ["Priority", "Lead", "Actions"],
        ["Anti-social behaviour", "Riverside Police",
         "Run problem solving groups Publish a dashboard"],
        ["Domestic abuse", "Riverside Council", "Commission a refuge."],
        ["Serious violence", "", "Publish a strategy."],  # the lead is printed once, above
    ]
    assert table.rows[1].cells[0].bold
    assert [(p.kind, p.text) for p in table.rows[1].cells[2].parts] == [
        (BlockKind.LIST_ITEM, "Run problem solving groups"),
        (BlockKind.LIST_ITEM, "Publish a dashboard"),
    ]


def test_page_furniture_is_dropped() -> None:
    text = " ".join(_read(AGENDA_ITEM).plain_lines)
    for furniture in ("Cookie banner", "color", "Home", "Meetings", "Skip to content",
                      "Copyright", "enable JavaScript"):
        assert furniture not in text


def test_the_page_loads_to_facts_whose_quotes_are_on_their_lines() -> None:
    result = load_document(PATH, data=AGENDA_ITEM.encode("utf-8"))
    assert result.problems == []
    names = {getattr(f, "name", None) for f in result.facts}
    assert {"Anti-social behaviour", "Domestic abuse", "Serious violence"} <= names


@pytest.mark.parametrize(
    ("page", "blocks"),
    [
        pytest.param(
            "<html><body><nav>Menu</nav><h3>Minutes</h3><div>Present: Cllr J. Example</div></body>",
            [("heading", 3, "", "Minutes"), ("paragraph", 0, "", "Present: Cllr J. Example")],
            id="without-main-or-article-the-body-is-read",
        ),
        pytest.param(
            "<main><ol start='4'><li>Fourth aim</li><li>Fifth aim<ul><li>a detail</li></ul></li>"
            "</ol><ol style='list-style-type: none'><li>3.1 Typed number</li></ol>"
            "<ul><li>A bullet</li></ul><h2></h2><ol type='a'><li>First</li><li>Second</li></ol>"
            "<p>After the list</p></main>",
            [("list_item", 1, "4.", "Fourth aim"), ("list_item", 1, "5.", "Fifth aim"),
             ("list_item", 2, "-", "a detail"), ("list_item", 1, "3.1", "Typed number"),
             ("list_item", 1, "-", "A bullet"), ("list_item", 1, "(a)", "First"),
             ("list_item", 1, "(b)", "Second"), ("paragraph", 0, "", "After the list")],
            id="lists-keep-printed-and-started-numbers-and-nesting",
        ),
    ],
)
def test_a_page_reads_into_its_blocks(page: str, blocks: list[tuple]) -> None:
    assert _blocks(_read(page)) == blocks


def test_escaped_markup_stays_text() -> None:
    page = (
        "<main><p>Officers removed &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"
        "<table><tr><td>&lt;b&gt;Theme&lt;/b&gt;</td><td>A &amp; B &lt;team&gt;</td></tr></table>"
        "</main>"
    )
    paragraph, table = _read(page).blocks
    assert paragraph.text == "Officers removed <script>alert(1)</script> & more"
    assert not table.rows[0].cells[0].bold
    assert table.rows[0].texts() == ["<b>Theme</b>", "A & B <team>"]


def test_a_column_spanning_cell_is_one_cell_and_a_lone_cell_row_stays_in_its_table() -> None:
    page = (
        "<main><table><tr><th>Theme</th><th>Lead</th><th>Due</th></tr>"
        "<tr><td colspan='3'><b>Priority 1</b></td></tr>"
        "<tr><td>Reduce harm</td><td>Police</td><td>2025</td></tr></table></main>"
    )
    (table,) = _read(page).blocks
    assert [r.texts() for r in table.rows] == [
        ["Theme", "Lead", "Due"], ["Priority 1"], ["Reduce harm", "Police", "2025"]
    ]


@pytest.mark.parametrize(
    ("data", "text", "note"),
    [
        ('<meta charset="windows-1252"><p>Caf\xe9 \u2013 1</p>'.encode("cp1252"), "Café – 1", ""),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>\x93q\x94'
         .encode("latin-1"), "\u201cq\u201d", ""),
        ("<p>Caf\xe9</p>".encode(), "Café", ""),
        ("<p>Caf\xe9 \u2013</p>".encode("cp1252"), "Café –", "read as Windows-1252"),
        ('<meta charset="utf-8"><p>Caf\xe9</p>'.encode("cp1252"), "Café", "declares utf-8"),
    ],
)
def test_the_declared_charset_is_used_then_utf8_then_windows_1252(data, text, note) -> None:
    document = read_html(data, PATH)
    assert document.blocks[-1].text == text
    assert (note in " ".join(document.notes)) if note else document.notes == []


def test_a_binary_file_gives_an_input_error_naming_it() -> None:
    with pytest.raises(InputError, match=r"could not read page\.html: looks like a binary"):
        read_html(b"\x00\x01\x02<html>", "page.html")


@settings(max_examples=150, deadline=None)
@given(PRINTABLE)
def test_any_text_in_a_paragraph_or_cell_reads_back_as_printed(text: str) -> None:
    printed = folded(text)
    escaped = html.escape(text)
    page = f"<main><p>{escaped}</p><table><tr><td>{escaped}</td><td>Lead</td></tr></table></main>"
    document = _read(page)
    assert_paragraph_and_cell(document, printed)
