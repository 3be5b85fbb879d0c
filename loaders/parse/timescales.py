"""Timescales as printed in action plans, read into a start and an end date.

``parse_timescale("July 2017")`` is ``(2017-07-01, 2017-07-31)``. What is read:

* a day: "31 March 2018", "31st Mar 2018", "31/03/2018", "31.3.18" (day first);
* a month: "July 2017", "Sept 2017", "Mar-18", "June '17", "07/2017";
* a month range: "April - June 2017", "Jan to Mar 2018";
* a quarter or half: "Q3 2017/18" (of the financial year, April to March),
  "Quarter 1 2018" or "Q1 2018" (of the calendar year), "2017/18 Q3", "H2 2018/19";
* a run of years, by the one rule of ``loaders/parse/periods.py``: financial years for "2017-18",
  "2017/2018" and "FY 2018/19" (1 April of the first year to 31 March of the last),
  calendar years for "2020-2024" (1 January to 31 December);
* a season, or early/mid/late in a year: "Spring 2018", "Winter 2017/18", "late 2018";
* a year: "2018".

Several dates give the range from the earliest start to the latest end ("April
2017 to March 2018"). A deadline cue before the first date ("To March 2018", "by
end of 2018", "until", "no later than") drops the start; a start cue ("From April
2017", "April 2017 onwards") drops the end. Text with no date ("TBC", "Ongoing",
"Quarterly") gives ``(None, None)``. The function never raises.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from cspgraph.loaders.parse.periods import parse_period

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_FY = rf"(?:fy\s*)?{_YEAR}\s*[-/–—]\s*(?:{_YEAR}|\d\d)(?!\d)"
_SHORT_FY = r"\d\d\s*/\s*\d\d(?![\d/])"

_DATE = re.compile(
    r"(?<![\w/.])(?:"
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<day_month>{_MONTH}),?\s+(?P<day_year>{_YEAR})"
    r"|(?P<num_day>\d{1,2})[./-](?P<num_month>\d{1,2})[./-](?P<num_year>(?:19|20)?\d\d)(?![\d/-]|\.\d)"
    rf"|(?P<qh>q|quarter|h|half)\s*(?P<qn>[1-4])\s*(?:of\s+)?(?:(?P<q_fy>{_FY}|{_SHORT_FY})"
    rf"|(?P<q_year>{_YEAR}))"
    rf"|(?P<fy_q>{_FY})\s*[-,]?\s*(?P<qh2>q|h)\s*(?P<qn2>[1-4])"
    rf"|(?P<from_month>{_MONTH})\s*(?:-|–|—|to|until)\s*(?P<to_month>{_MONTH})\s+(?P<range_year>{_YEAR})"
    rf"|(?P<month>{_MONTH})(?:\s+|\s*-\s*|\s*'\s*|\s*’\s*)(?P<month_year>{_YEAR}|(?<=['’-])\d\d)(?!\d)"
    rf"|(?P<num_only_month>0?[1-9]|1[0-2])/(?P<num_only_year>{_YEAR})(?!\d)"
    rf"|(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<season_year>{_FY}|{_YEAR})"
    rf"|(?P<part>early|mid|late|start\s+of|beginning\s+of)[\s-]+(?P<part_year>{_YEAR})"
    rf"|(?P<fy>{_FY})"
    rf"|(?P<year>{_YEAR})"
    r")(?![\w])",
    re.IGNORECASE,
)
_DEADLINE = re.compile(
    r"\b(?:by|to|until|till|than|deadline|complete|completed|completion)\b"
    r"[\s:]*(?:the\s+)?(?:(?:end|close)\s+(?:of\s+)?)?$"
    r"|\b(?:end|close)\s+(?:of\s+)?$",
    re.IGNORECASE,
)
_START = re.compile(
    r"\b(?:from|starting|commencing|beginning|after|start(?:ing)?\s+(?:in|from))\b[\s:]*$",
    re.IGNORECASE,
)
_ONWARDS = re.compile(r"^\s*(?:onwards?|and\s+(?:beyond|ongoing|onwards?)|\+)", re.IGNORECASE)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_PARTS = {"early": (1, 4), "start of": (1, 4), "beginning of": (1, 4), "mid": (5, 8),
          "late": (9, 12)}  # fmt: skip

Interval = tuple[date | None, date | None]


def _month_number(text: str) -> int:
    return _MONTHS[text.strip(". ").lower()[:3]]


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """First day of month ``first`` to last day of month ``last`` (either may pass December)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    end = date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return date(year + (first - 1) // 12, (first - 1) % 12 + 1, 1), end


def _financial_years(text: str) -> tuple[int, int] | None:
    """(first, last) calendar years of "2017/18" or "2020-2024": April of first to March of last."""
    years = re.findall(r"\d+", text)
    if len(years) != 2:
        return None
    first = _year(years[0])
    last = int(years[1]) if len(years[1]) == 4 else first // 100 * 100 + int(years[1])
    if len(years[1]) == 2 and last < first:
        last += 100
    return (first, last) if 0 < last - first <= 10 else None


def _quarter(kind: str, n: int, fy: str | None, year: str | None) -> tuple[date, date] | None:
    half = kind.lower().startswith("h")
    if half and n > 2:
        return None
    size = 6 if half else 3
    if fy is not None:
        years = _financial_years(fy)
        if years is None or years[1] != years[0] + 1:
            return None
        first = 4 + (n - 1) * size
        return _months(years[0], first, first + size - 1)
    first = 1 + (n - 1) * size
    return _months(int(year or 0), first, first + size - 1)


def _interval(m: re.Match[str]) -> tuple[date, date] | None:
    """The dates one match of ``_DATE`` stands for, or None when they do not exist."""
    g = m.groupdict()
    if g["day"]:
        day = date(int(g["day_year"]), _month_number(g["day_month"]), int(g["day"]))
        return day, day
    if g["num_day"]:
        day = date(_year(g["num_year"]), int(g["num_month"]), int(g["num_day"]))
        return day, day
    if g["qh"]:
        return _quarter(g["qh"], int(g["qn"]), g["q_fy"], g["q_year"])
    if g["fy_q"]:
        return _quarter(g["qh2"], int(g["qn2"]), g["fy_q"], None)
    if g["from_month"]:
        first, last = _month_number(g["from_month"]), _month_number(g["to_month"])
        year = int(g["range_year"])
        if last < first:
            return _months(year - 1, first, last + 12)
        return _months(year, first, last)
    if g["month"]:
        month = _month_number(g["month"])
        return _months(_year(g["month_year"]), month, month)
    if g["num_only_month"]:
        month = int(g["num_only_month"])
        return _months(int(g["num_only_year"]), month, month)
    if g["season"]:
        return _season(g["season"].lower(), g["season_year"])
    if g["part"]:
        first, last = _PARTS[" ".join(g["part"].lower().split())]
        return _months(int(g["part_year"]), first, last)
    if g["fy"]:  # a run of years: the one rule of loaders/parse/periods.py
        period = parse_period(g["fy"], financial=g["fy"].lower().startswith("fy"))
        return (period.start, period.end) if period is not None else None
    return _months(int(g["year"]), 1, 12)


def _season(season: str, year_text: str) -> tuple[date, date] | None:
    years = _financial_years(year_text) if len(year_text) > 4 else None
    if season == "winter":
        year = years[0] if years else int(year_text[:4])
        return _months(year, 12, 14)
    if len(year_text) > 4:
        return None
    first, last = _SEASONS[season]
    return _months(int(year_text), first, last)


def parse_timescale(text: str) -> Interval:
    """(start, end) of a printed timescale; either or both None when the text does not say."""
    try:
        return _parse(text)
    except (ValueError, KeyError, OverflowError, TypeError):
        return None, None


def _parse(text: str) -> Interval:
    found: list[tuple[re.Match[str], tuple[date, date]]] = []
    for m in _DATE.finditer(text):
        try:
            interval = _interval(m)
        except ValueError:  # "31/02/2018": no such day
            continue
        if interval is not None:
            found.append((m, interval))
    if not found:
        return None, None
    start: date | None = min(i[0] for _, i in found)
    end: date | None = max(i[1] for _, i in found)
    first, last = found[0][0], found[-1][0]
    before = text[max(0, first.start() - 40) : first.start()]
    if _DEADLINE.search(before):
        start = None
    elif len(found) == 1 and (_START.search(before) or _ONWARDS.match(text[last.end() :])):
        end = None
    return start, end
