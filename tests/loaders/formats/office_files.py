"""Word and PDF versions of text documents, made by real office software.

A text file becomes a simple web page (headings, paragraphs, bullets, tables; the HTML its
cells already hold is kept), pandoc turns the page into a .docx, and LibreOffice turns the
.docx into a PDF. Nothing here reads the text with cspgraph, so the files do not echo the
product's own reading.

pandoc's tables are given ruled cell borders (its reference document's "Table" style), as a
Word author's tables have; a PDF keeps a table only where it is ruled.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

TOOLS = ("pandoc", "soffice")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|&[#\w]+;")
_BULLET = re.compile(r"^\s*[-*•·]\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_UNNUMBERED = re.compile(r'<ol( style="list-style-type: ?none;?")>(.*?)</ol>', re.S)


def missing_tools() -> list[str]:
    """The programs this module needs that are not on the PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _inline(text: str, marked_up: bool) -> str:
    text = text if marked_up else html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    # a list printed with its own numbers ("1. Continue") and no drawn ones: Word's author
    # types the numbers, so the list is unnumbered
    return _UNNUMBERED.sub(r"<ul\1>\2</ul>", text)


def page_of(text: str) -> str:
    """A web page of ``text``: "#" lines as headings, bulleted lines as list items, rows
    of TAB-separated cells as tables; other lines set tight make one paragraph, each on
    its own line, and a blank line parts paragraphs."""
    marked_up = any(_TAG.search(line) for line in text.splitlines())
    body: list[str] = []
    rows: list[list[str]] = []

    def end_table() -> None:
        if rows:
            body.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{_inline(c, marked_up)}</td>" for c in row) + "</tr>"
                for row in rows) + "</table>")
            rows.clear()

    lines: list[str] = []  # the lines of the current paragraph, set tight

    def end_paragraph() -> None:
        if lines:
            body.append("<p>" + "<br/>".join(_inline(line, marked_up) for line in lines) + "</p>")
            lines.clear()

    for line in text.splitlines():
        if "\t" in line.strip() or (rows and "\t" in line):
            end_paragraph()
            rows.append(line.split("\t"))
            continue
        end_table()
        if not line.strip():
            end_paragraph()
            continue
        if m := _HEADING.match(line):
            end_paragraph()
            level = len(m.group(1))
            body.append(f"<h{level}>{_inline(m.group(2), marked_up)}</h{level}>")
        elif _BULLET.match(line):
            end_paragraph()
            body.append(f"<ul><li>{_inline(_BULLET.sub('', line, count=1), marked_up)}</li></ul>")
        else:
            lines.append(line.strip())
    end_paragraph()
    end_table()
    return "<html><body>\n" + "\n".join(body) + "\n</body></html>\n"


def _ruled_reference(folder: Path) -> Path:
    """pandoc's reference .docx with cell borders on its "Table" style."""
    plain = folder / "reference.docx"
    with plain.open("wb") as out:
        subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"], stdout=out,
                       check=True)
    ruled = folder / "reference-ruled.docx"
    borders = "<w:tblBorders>" + "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(ruled, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                styles = data.decode("utf-8")
                at = styles.index("<w:tblPr>", styles.index('w:styleId="Table"'))
                at += len("<w:tblPr>")
                data = (styles[:at] + borders + styles[at:]).encode("utf-8")
            zout.writestr(item, data)
    return ruled


def markdown_to_docx(markdown: Path, folder: Path) -> Path:
    """The Markdown file as a Word file, by pandoc's own Markdown reader."""
    word = folder / f"{markdown.stem}.docx"
    subprocess.run(["pandoc", "-f", "markdown", "-t", "docx", "-o", str(word), str(markdown)],
                   check=True, capture_output=True)
    return word


def convert(texts: list[Path], folder: Path) -> dict[Path, tuple[Path, Path]]:
    """Each text file as (.docx by pandoc, .pdf by LibreOffice), written into ``folder``."""
    reference = _ruled_reference(folder)
    out: dict[Path, tuple[Path, Path]] = {}
    for text in texts:
        page = folder / f"{text.stem}.html"
        page.write_text(page_of(text.read_text(encoding="utf-8")), encoding="utf-8")
        word = folder / f"{text.stem}.docx"
        subprocess.run(["pandoc", "-f", "html", "-t", "docx", "--reference-doc", str(reference),
                        "-o", str(word), str(page)], check=True, capture_output=True)
        out[text] = (word, folder / f"{text.stem}.pdf")
    profile = folder / "libreoffice-profile"  # its own profile: no clash with a running one
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder),
                    *(str(word) for word, _ in out.values())],
                   check=True, capture_output=True, timeout=600)
    return out
