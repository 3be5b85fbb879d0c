"""How list markers, section numbers and bullets are printed: the patterns every reader
and the layout pass share."""

from __future__ import annotations

import re

# A bullet glyph at the start of a line: ASCII, typographic, Word's Symbol and Wingdings
# glyphs (private code points), and the letters "Ø", "§" and "o" that PDF and Word exports
# leave for them (only before a capitalised word, so "o'clock" and "§ 17" stay text).
BULLET = r"[-–*+>](?=\s)|[•◦▪▫●○■□➤➢❖►▶▸✓✔‣⁃·\uf0b7\uf0a7\uf076\uf0d8]|[Ø§o](?=\s+[A-Z])"
# A printed list number: "3.", "2.1", "3.2.1", "4)", "R2." (a lettered reference), "(a)",
# "(iv)", "b)", "ii)"
NUMBER = (
    r"(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[A-Z]{1,2}\d{1,2}[.)]|"
    r"\((?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)"
    r"|[A-Za-z]\)|[ivxlc]{2,6}\))(?=\s|$)"
)
MARKER = re.compile(rf"(?:{BULLET}|{NUMBER})\s*")
PRINTED_NUMBER = re.compile(rf"{NUMBER}\s*")
# A heading's section number: "3.", "2.1", "No 2.", "Item 4" (not "2024" or "3 Rivers")
SECTION_NUMBER = re.compile(r"(?:(?:No|Item)\.?\s*)?\d{1,2}(?:\.\d{1,2})*[.)]\s+|"
                            r"(?:No|Item)\.?\s*\d{1,3}\s+|\d{1,2}(?:\.\d{1,2})+\s+")
# A bullet printed inside a line, between words: "• Police • Probation • Health"
INLINE_BULLET = re.compile(r"(?<=\s)[•◦▪●■➤➢❖►▶▸·Ø](?=\s)")

# A label's number printed as a word ("Priority One", "Ambition Two"), and its digits.
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
WORD_NUMBER = {w: str(n) for n, w in enumerate(NUMBER_WORDS, 1)}
NUMBER_WORD = "|".join(NUMBER_WORDS)  # a regex alternation of them
