"""The PDF reader: tables, paragraphs, bold, page furniture, pages in spans, bad files."""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from cspgraph.errors import InputError
from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.document import BlockKind, Document
from cspgraph.loaders.facts import Furniture
from cspgraph.loaders.readers.pdf import read_pdf
from cspgraph.loaders.readers.text import read_text

from .pdf_writer import write_pdf

PATH = "riverside-plan.pdf"


def _pdf(text: str, tmp_path: Path, name: str = "plan") -> Path:
    """``text`` (in the text reader's syntax) printed as a PDF by the test writer."""
    document = read_text(text.encode(), f"{name}.txt")
    return write_pdf(document, tmp_path / f"{name}.pdf")


def _read(path: Path) -> Document:
    return read_pdf(path.read_bytes(), str(path))


def _table_model(document: Document) -> list[list[list[tuple[str, str, str, bool]]]]:
    """Each table's rows: per cell, its parts as (kind, marker, text, bold)."""
    return [
        [[[(p.kind.value, p.marker, p.text, p.bold) for p in c.parts] for c in row.cells]
         for row in table.rows]
        for table in document.tables()
    ]


GAP_TABLE = "\n".join([
    "Ref\tData gap\tLead\tAction",
    "3.2.1\tRecording of victim ethnicity is incomplete.\tPolice\t<p>Remind all staff.</p>"
    " • Brief the sergeants. • Audit a sample each quarter.",
    "3.2.2\t<b>Population figures by ward are out of date.</b>\tCouncil\t<p>Source new "
    "figures.</p> <ol><li>1. Ask the county.</li><li>2. Compare with the census.</li></ol>",
    "4.1\tA long gap that wraps over several lines of its narrow column, so the reader "
    "must join the lines of one cell back into one paragraph without losing a word.\t"
    "Probation Police\t",
])


def test_a_table_reads_back_with_its_rows_and_cells(tmp_path: Path) -> None:
    text = f"# Data gaps\n\nThe gaps found this year:\n\n{GAP_TABLE}\n\nEnd of the gaps.\n"
    expected = read_text(text.encode(), "plan.txt")
    got = _read(_pdf(text, tmp_path))
    assert [r.texts() for t in got.tables() for r in t.rows] == [
        r.texts() for t in expected.tables() for r in t.rows]
    assert _table_model(got) == _table_model(expected)
    assert [r.header for t in got.tables() for r in t.rows] == [True, False, False, False]
    kinds = [b.kind for b in got.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.TABLE,
                     BlockKind.PARAGRAPH], "the table stays where it is on the page"


def test_a_plain_reportlab_table_is_a_table(tmp_path: Path) -> None:
    out = tmp_path / "grid.pdf"
    rows = [["Theme", "Lead", "Due"], ["Domestic abuse", "Police", "June 2017"],
            ["Reoffending", "Probation", "March 2018"]]
    grid = Table(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(out), pagesize=A4).build([grid])
    got = _read(out)
    assert [r.texts() for t in got.tables() for r in t.rows] == rows


def test_a_table_over_a_page_break_is_one_table_with_its_header_once(tmp_path: Path) -> None:
    rows = "\n".join(f"{n}.1\tAction number {n} for the partnership to take forward.\tPolice"
                     for n in range(1, 90))
    got = _read(_pdf(f"Ref\tAction\tLead\n{rows}\n", tmp_path))
    tables = list(got.tables())
    assert len(tables) == 1
    table = tables[0]
    assert [r.texts()[0] for r in table.rows] == ["Ref"] + [f"{n}.1" for n in range(1, 90)]
    pages = {r.span.page for r in table.rows}
    assert len(pages) > 1 and table.rows[-1].span.page == max(pages)


def test_spans_carry_the_page_and_facts_record_it(tmp_path: Path) -> None:
    sample = next(p for p in sample_paths() if "agreement" in p.name)
    path = write_pdf(read_text(sample.read_bytes(), str(sample)), tmp_path / "agreement.pdf")
    result = load_document(path)
    document = result.document
    spans = [b.span for b in document.walk()] + [
        r.span for t in document.tables() for r in t.rows]
    assert all(span.page is not None for span in spans)
    assert {span.page for span in spans} == set(range(1, max(s.page for s in spans) + 1))
    assert str(document.blocks[0].span) == "p1:1"
    items = [f for f in result.facts if type(f).__name__ in ("Item", "Alias", "Priority")]
    assert items and all(f.source.span.page is not None for f in items)
    assert len({f.source.span.page for f in items}) > 2


def test_running_header_and_page_numbers_are_dropped_with_a_note(tmp_path: Path) -> None:
    sample = next(p for p in sample_paths() if "agreement" in p.name)
    path = write_pdf(read_text(sample.read_bytes(), str(sample)), tmp_path / "agreement.pdf")
    result = load_document(path)
    text = "\n".join(result.document.lines)
    assert "Page 2 of" not in text and "draft for consultation" not in text
    assert not [f for f in result.facts if "Page 2 of" in f.source.quote]
    notes = " ".join(result.document.notes)
    assert "page number 'Page 1 of" in notes and "running header" in notes
    assert "from pages 1-" in notes


def test_a_one_page_pdf_loses_only_its_page_number(tmp_path: Path) -> None:
    got = _read(_pdf("Chair: Cllr J. Example\n\n3\n", tmp_path))
    assert [b.text for b in got.blocks] == ["Chair: Cllr J. Example", "3"]
    assert got.notes == ["dropped page number 'Page 1 of 1' (not content) from page 1"]


def test_paragraphs_lists_headings_and_bold_lead_ins(tmp_path: Path) -> None:
    long = " ".join(["The partnership will review its priorities every year."] * 6)
    text = (
        "# Our Priorities\n\n"
        f"{long}\n\n"
        "**Antisocial Behaviour** – Reduce reported levels of antisocial behaviour.\n\n"
        "- 1. Continue the work of the strategic group.\n"
        "- 2. Continue with local problem solving groups.\n\n"
        "LEAD:\nJANE EXAMPLE\nDEPUTY CHIEF EXECUTIVE\n"
    )
    expected = read_text(text.encode(), "plan.txt")
    got = _read(_pdf(text, tmp_path))
    model = [(b.kind, b.marker, b.text, b.bold) for b in got.blocks]
    assert model == [(b.kind, b.marker, b.text, b.bold if b.kind is not BlockKind.HEADING
                      else False) for b in expected.blocks]
    assert got.blocks[2].lead_bold == "Antisocial Behaviour", "bold runs are kept"
    lead = [b.span.start for b in got.blocks[-3:]]
    assert lead == [lead[0], lead[0] + 1, lead[0] + 2], "lines set tight stay adjacent"


_WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
_PARAGRAPH = st.tuples(
    st.lists(_WORD, min_size=1, max_size=70).map(" ".join),
    st.booleans(),  # a blank line before it, or set right below the one above
)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PARAGRAPH, min_size=1, max_size=8))
def test_paragraphs_come_back_as_printed(
    tmp_path: Path, paragraphs: list[tuple[str, bool]]
) -> None:
    """Lines are joined into paragraphs (or not) as printed, given some running text
    from which the reader learns the line spacing and where full lines end."""
    text = "".join(("\n" if blank else "") + words + "\n" for words, blank in paragraphs)
    text = " ".join(["The partnership meets every quarter to review the plan."] * 8) + "\n" + text
    expected = read_text(text.encode(), "prose.txt")
    got = _read(_pdf(text, tmp_path, "prose"))
    assert [b.text for b in got.blocks] == [b.text for b in expected.blocks]
    for (a, b), (c, d) in zip(pairwise(got.blocks), pairwise(expected.blocks), strict=True):
        if a.span.page == b.span.page:  # over a page break the spacing is not printed
            assert (b.span.start - a.span.end > 1) == (d.span.start - c.span.end > 1), b.text


def _scanned(out: Path) -> Path:
    picture = io.BytesIO()
    Image.new("RGB", (60, 40), "grey").save(picture, format="PNG")
    canvas = Canvas(str(out), pagesize=A4)
    for _ in range(2):
        canvas.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 72, 500, 300, 200)
        canvas.rect(72, 72, 200, 100)
        canvas.showPage()
    canvas.save()
    return out


def test_a_scanned_pdf_is_refused_with_a_hint_about_ocr(tmp_path: Path) -> None:
    path = _scanned(tmp_path / "scan.pdf")
    with pytest.raises(InputError) as caught:
        load_document(path)
    message = str(caught.value)
    assert str(path) in message
    assert "has no text layer (scanned images?)" in message
    assert "OCR" in message


def test_a_truncated_pdf_is_refused_naming_the_file(tmp_path: Path) -> None:
    data = _pdf("Chair: Cllr J. Example\n", tmp_path).read_bytes()
    for cut in (data[: len(data) // 2], data[:-300]):
        with pytest.raises(InputError) as caught:
            read_pdf(cut, PATH)
        assert PATH in str(caught.value) and "cut short" in str(caught.value)


@pytest.mark.parametrize("data", [b"not a pdf at all", b"%PDF-1.4\n garbage \n%%EOF\n"])
def test_a_broken_file_is_an_input_error_not_a_traceback(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(path) in str(caught.value) and caught.value.hint


def _pdf_bytes(draw) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _watermarked(canvas: Canvas) -> None:
    canvas.drawString(72, 700, "Chair: Cllr J. Example")
    canvas.translate(300, 400)
    canvas.rotate(45)
    canvas.setFontSize(60)
    canvas.drawString(0, 0, "DRAFT")


def test_rotated_text_is_left_out_with_a_note() -> None:
    got = read_pdf(_pdf_bytes(_watermarked), PATH)
    assert [b.text for b in got.blocks] == ["Chair: Cllr J. Example"]
    assert got.notes == ["page 1: 5 character(s) of rotated text (e.g. a watermark) were not read"]


def test_an_encrypted_pdf_is_refused_asking_for_a_copy_without_password() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_pdf_bytes(_watermarked))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InputError, match="is encrypted") as caught:
        read_pdf(out.getvalue(), PATH)
    assert PATH in str(caught.value) and "without a password" in caught.value.hint


def test_the_page_limit_names_the_setting(tmp_path: Path, monkeypatch) -> None:
    rows = "\n".join(f"{n}\tAction {n}" for n in range(1, 150))
    path = _pdf(f"Ref\tAction\n{rows}\n", tmp_path)
    monkeypatch.setenv("CSPGRAPH_MAX_PDF_PAGES", "2")
    with pytest.raises(InputError) as caught:
        read_pdf(path.read_bytes(), PATH)
    message = str(caught.value)
    assert "over the limit of 2 pages" in message and "CSPGRAPH_MAX_PDF_PAGES" in message
    monkeypatch.setenv("CSPGRAPH_MAX_PDF_PAGES", "500")
    assert read_pdf(path.read_bytes(), PATH).reader == "pdf"


def test_the_document_says_what_read_it(tmp_path: Path) -> None:
    path = _pdf("Chair: Cllr J. Example\n", tmp_path)
    document = _read(path)
    assert (document.media_type, document.reader) == ("application/pdf", "pdf")
    assert not [f for f in load_document(path).facts if isinstance(f, Furniture)
                and "Page" in f.source.quote]


def test_pages_are_released_one_by_one(monkeypatch):
    """A 500-page PDF peaked at 2.8 GB: every page's parsed layout was kept until the end.
    Now each page is closed (its caches dropped) before the next is read."""
    from pdfplumber.page import Page

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for n in range(12):
        canvas.drawString(72, 760, f"Page {n}: The Partnership will review the plan.")
        canvas.showPage()
    canvas.save()
    closed: list[int] = []
    real_close = Page.close

    def close(page):
        closed.append(page.page_number)
        real_close(page)

    from cspgraph.loaders.readers import pdf as pdf_reader

    closed_before: list[int] = []  # pages closed when each page starts to be read
    real_page = pdf_reader._page

    def page(plumber_page, n):
        closed_before.append(len(closed))
        return real_page(plumber_page, n)

    monkeypatch.setattr(Page, "close", close)
    monkeypatch.setattr(pdf_reader, "_page", page)
    document = read_pdf(buffer.getvalue(), "twelve.pdf")
    assert closed_before == list(range(12))  # page n+1 is read after page n is released
    assert "Page 11" in " ".join(document.lines)
