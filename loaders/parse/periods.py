"""Dates and periods as plans and papers print them.

``find_dates`` reads "23 March 2009", "9th February 2010", "March 2017" and "23/03/2009";
``parse_period`` reads a plan's period (a documented choice):

* "2015/16", "2023-24", "2015/2016", "2009/2012": financial years, 1 April of the
  first year to 31 March of the last ("2015/16" is 2015-04-01..2016-03-31);
* "2009-2012", "2017 to 2018": calendar years (2009-01-01..2012-12-31), unless the
  document reads in financial years (``financial``); then 2009-04-01..2012-03-31;
* "2010": the calendar year; "April 2017 to March 2018": those months.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November" \
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\.?,?\s+(?P<y1>{_YEAR})\b"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,\s*(?P<y2>{_YEAR})\b"
    rf"|\b(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>{_YEAR})\b"
    rf"|\b(?P<m4>{_MONTH})\s+(?P<y4>{_YEAR})\b"
)
_MONTH_RANGE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})\s*(?:-|–|—|\bto\b|\buntil\b)\s*"
    rf"(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b"
)
_RANGE = re.compile(
    rf"(?<![\d/.])(?P<y1>{_YEAR})(?P<sep>\s*[-–—/]\s*|\s+to\s+)(?P<y2>(?:19|20)?\d\d)(?![\d/])"
)
_SINGLE = re.compile(rf"(?<![\d/.,-])(?P<y1>{_YEAR})(?![\d/]|\s*[-–—]\s*\d)")
FINANCIAL_WORDS = re.compile(r"\bfinancial\s+years?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dated:
    """A date found in text: its value, the words as printed and where they are."""

    value: date
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Period:
    """A period as printed, with its first and last days."""

    text: str
    start: date
    end: date
    financial: bool


def find_dates(text: str) -> list[Dated]:
    """Dates in ``text``: "23 March 2009", "9th February 2010", "March 2017", "23/03/2009"."""
    found: list[Dated] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        try:
            if g["y3"]:
                value = date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
            else:
                year = int(g["y1"] or g["y2"] or g["y4"])
                month = _MONTHS[(g["m1"] or g["m2"] or g["m4"]).lower().rstrip(".")]
                value = date(year, month, int(g["d1"] or g["d2"] or 1))
        except ValueError:
            continue
        found.append(Dated(value, m.group(), m.start(), m.end()))
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str, financial: bool = False) -> Period | None:
    """The first period printed in ``text`` (see the module docstring for the readings).

    ``financial`` says the document reads in financial years, which turns a
    "2009-2012" or "2017 to 2018" range into April-to-March.
    """
    text = _DATE.sub(lambda m: " " * len(m.group()) if m.group("d1") else m.group(), text)
    months = _MONTH_RANGE.search(text)
    if months:
        y1, y2 = int(months["y1"]), int(months["y2"])
        m1, m2 = _MONTHS[months["m1"].lower()], _MONTHS[months["m2"].lower()]
        if (y1, m1) <= (y2, m2):
            return Period(months.group(), date(y1, m1, 1), _month_end(y2, m2), False)
    for m in _RANGE.finditer(text):
        y1, raw = int(m["y1"]), m["y2"]
        y2 = int(raw) if len(raw) == 4 else (y1 // 100) * 100 + int(raw)
        if len(raw) == 2 and y2 < y1:
            y2 += 100
        if not y1 < y2 <= y1 + 25:
            continue
        reads_financial = len(raw) == 2 or "/" in m["sep"] or financial
        if reads_financial:
            return Period(m.group(), date(y1, 4, 1), date(y2, 3, 31), True)
        return Period(m.group(), date(y1, 1, 1), date(y2, 12, 31), False)
    single = _SINGLE.search(text)
    if single:
        year = int(single["y1"])
        return Period(single.group(), date(year, 1, 1), date(year, 12, 31), False)
    return None
