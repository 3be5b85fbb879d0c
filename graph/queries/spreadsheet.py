"""CSV for spreadsheets, written in one place: every CSV download and export uses it.

A cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM(A1)", a
leading TAB or CR) is made plain text by a leading apostrophe, as the OWASP guidance on
CSV injection advises; the apostrophe shows in a text editor and not in the spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# What a spreadsheet reads as the start of a formula, with the full-width forms some
# locales accept and the NUL, LF and CR that move a cell's start.
FORMULA_START = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet keeps as text: "" for None, an apostrophe in
    front of text that starts (after any spaces) with a formula character."""
    text = "" if value is None else str(value)
    first = text.lstrip(" ")[:1]
    return "'" + text if first and first in FORMULA_START else text


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """A header row and the rows as CSV text (CRLF line ends), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in header])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


__all__ = ["FORMULA_START", "csv_text", "safe_cell"]
