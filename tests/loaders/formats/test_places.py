"""A fact's source is in the file's own coordinates: the Word paragraph or table cell, the
HTML element's source line, the PDF page and the line on that page."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cspgraph.graph.build.dataset import build
from cspgraph.graph.queries import document_facts
from cspgraph.graph.queries.results import SourceRef

from . import office_files


def _sources(path: Path) -> dict[str, SourceRef]:
    """Each fact's first source, by the quote it carries."""
    result = build([path])
    facts = document_facts(result.dataset, result.reports[0].doc_id)
    return {f.sources[0].quote: f.sources[0] for f in facts if f.sources}


def test_word_sources_name_the_paragraph_and_the_table_cell(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("Northvale Partnership Plan 2024-27", style="Title")
    word.add_paragraph("Introduction text for the partners of the plan.")
    word.add_paragraph("Our priorities", style="Heading 1")
    word.add_paragraph("Reducing violence", style="List Bullet")
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Priority", "Action", "Lead"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Reducing violence", "Open a youth hub",
                                                "Northvale Police"), strict=True):
        cell.text = text
    path = tmp_path / "plan.docx"
    word.save(path)
    sources = _sources(path)
    assert sources["Reducing violence"].lines == "paragraph 4"
    assert sources["Reducing violence"].line_start == 4
    action = sources["Open a youth hub"]
    assert action.lines == "table 1, row 2, cell 2" and action.line_start == 8


def test_html_sources_name_the_elements_source_line(tmp_path: Path) -> None:
    page = ("<html><body>\n<main>\n<h1>Northvale Community Safety Plan 2024-27</h1>\n\n"
            "<h2>Our priorities</h2>\n<ul>\n<li>Reducing violence</li>\n"
            "<li>Tackling fraud</li>\n</ul>\n</main></body></html>\n")
    path = tmp_path / "plan.html"
    path.write_text(page, encoding="utf-8")
    sources = _sources(path)
    assert sources["Reducing violence"].line_start == 7
    assert sources["Tackling fraud"].line_start == 8
    assert sources["Reducing violence"].locator is None


def test_pdf_sources_name_the_page_and_the_line_on_it(tmp_path: Path) -> None:
    if office_files.missing_tools():
        pytest.skip("needs pandoc and LibreOffice")
    text = tmp_path / "plan.txt"
    text.write_text("# Northvale Community Safety Plan 2024-27\n\n## Our priorities\n\n"
                    "- Reducing violence\n- Tackling fraud\n", encoding="utf-8")
    (_, pdf), = office_files.convert([text], tmp_path).values()
    sources = _sources(pdf)
    first, second = sources["Reducing violence"], sources["Tackling fraud"]
    assert first.page == second.page == 1
    assert second.line_start == first.line_start + 1
    assert first.lines == f"p1:{first.line_start}"
