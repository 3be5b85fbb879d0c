"""List numbers as formats draw them: Word's number formats and HTML's ``<ol type>``."""

from __future__ import annotations


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def list_number(n: int, fmt: str) -> str:
    """``n`` in one of Word's number formats: "decimal" 3, "lowerLetter" c, "upperRoman" III."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)
