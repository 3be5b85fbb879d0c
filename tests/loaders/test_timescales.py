"""Printed timescales read into (start, end) dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspgraph.loaders.parse.timescales import parse_timescale

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # the forms in the issue
        ("July 2017", D(2017, 7, 1), D(2017, 7, 31)),
        ("June 2017 (New CTLP)", D(2017, 6, 1), D(2017, 6, 30)),
        ("To March 2018", None, D(2018, 3, 31)),
        ("TBC", None, None),
        ("May 2017", D(2017, 5, 1), D(2017, 5, 31)),
        ("Q3 2017/18", D(2017, 10, 1), D(2017, 12, 31)),
        ("by end of 2018", None, D(2018, 12, 31)),
        ("2017-18", D(2017, 4, 1), D(2018, 3, 31)),
        ("Ongoing", None, None),
        # days, months and ranges
        ("31/03/2018", D(2018, 3, 31), D(2018, 3, 31)),
        ("31st March 2018", D(2018, 3, 31), D(2018, 3, 31)),
        ("30.9.19.", D(2019, 9, 30), D(2019, 9, 30)),
        ("Feb 2020", D(2020, 2, 1), D(2020, 2, 29)),
        ("Sept. 2021", D(2021, 9, 1), D(2021, 9, 30)),
        ("Mar-19", D(2019, 3, 1), D(2019, 3, 31)),
        ("June '22", D(2022, 6, 1), D(2022, 6, 30)),
        ("11/2019", D(2019, 11, 1), D(2019, 11, 30)),
        ("April - June 2019", D(2019, 4, 1), D(2019, 6, 30)),
        ("Nov to Feb 2020", D(2019, 11, 1), D(2020, 2, 29)),
        ("April 2019 to March 2020", D(2019, 4, 1), D(2020, 3, 31)),
        ("From September 2019", D(2019, 9, 1), None),
        ("October 2019 onwards", D(2019, 10, 1), None),
        ("End of March 2020", None, D(2020, 3, 31)),
        ("no later than 30 June 2019", None, D(2019, 6, 30)),
        ("Complete by Q1 2019/20", None, D(2019, 6, 30)),
        # quarters, halves, financial years, seasons, years
        ("Q4 2019/20", D(2020, 1, 1), D(2020, 3, 31)),
        ("2019/20 Q2", D(2019, 7, 1), D(2019, 9, 30)),
        ("Quarter 1 2021", D(2021, 1, 1), D(2021, 3, 31)),
        ("q4 19/20", D(2020, 1, 1), D(2020, 3, 31)),
        ("H2 2018/19", D(2018, 10, 1), D(2019, 3, 31)),
        ("FY 2020/2021", D(2020, 4, 1), D(2021, 3, 31)),
        ("2021-2024", D(2021, 1, 1), D(2024, 12, 31)),  # one rule with parse_period
        ("1999/00", D(1999, 4, 1), D(2000, 3, 31)),
        ("Spring 2019", D(2019, 3, 1), D(2019, 5, 31)),
        ("Winter 2019/20", D(2019, 12, 1), D(2020, 2, 29)),
        ("late 2020", D(2020, 9, 1), D(2020, 12, 31)),
        ("Mid-2020", D(2020, 5, 1), D(2020, 8, 31)),
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        # no date to read
        ("TBA", None, None),
        ("Quarterly", None, None),
        ("Q3", None, None),
        ("Annual review", None, None),
        ("31/02/2019", None, None),  # no such day
        ("", None, None),
    ],
)
def test_examples(text: str, start: date | None, end: date | None) -> None:
    assert parse_timescale(text) == (start, end)


def test_numbers_that_are_not_dates() -> None:
    assert parse_timescale("12 events") == (None, None)
    assert parse_timescale("Phase 2 of 3") == (None, None)
    assert parse_timescale("May") == (None, None)  # a month with no year says nothing


_PIECES = st.sampled_from(
    [
        *("Q", "H", "3", "2017", "/", "-", "18", "March", " ", "by", "end of", "to", "31"),
        *(".", "'", "’", "from", "onwards", "winter", "(", ")", "0", "13", "99", "2099"),
        *("Sept", "FY"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=12).map("".join)))
def test_never_raises_and_start_precedes_end(text: str) -> None:
    start, end = parse_timescale(text)
    assert start is None or isinstance(start, date)
    assert end is None or isinstance(end, date)
    if start is not None and end is not None:
        assert start <= end


@pytest.mark.parametrize("text", ["2021-2024", "2017-18", "2015/2016", "FY 2018/19",
                                  "2009 to 2012", "2023-24"])
def test_two_period_rules_are_one(text: str) -> None:
    """parse_timescale and parse_period once read "2021-2024" differently, so a plan's end
    date depended on who cited it."""
    from cspgraph.loaders.parse.periods import parse_period

    period = parse_period(text, financial=text.lower().startswith("fy"))
    assert parse_timescale(text) == (period.start, period.end)
