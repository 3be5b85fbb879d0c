"""Every recogniser's cost grows linearly with adversarial text: four times the input may
take at most ten times as long (a quadratic part takes sixteen). Relative to the same
machine's own baseline, not a wall-clock budget (issue 18, finding 3)."""

from __future__ import annotations

import statistics
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cspgraph.loaders import reader_for, recognisers

WORDS = ["Community", "Safety", "Partnership", "Board", "Present:", "Apologies:", "Cllr",
         "A", "Smith", "(Chair)", "action", "by", "31", "March", "2025", "the", "priorities",
         "are", "Fraud;", "and", "Priority", "1", "-", "|", "Lead", "Police", "Council", "of",
         "Chair", "reports", "to", "Group", "\n", ".", "•"]
UNITS = st.lists(st.sampled_from(WORDS), min_size=8, max_size=30).map(" ".join)


def _seconds(text: str) -> dict[str, float]:
    document = reader_for("x.md").read(text.encode("utf-8"), "x.md")
    out = {}
    for rec in recognisers():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            list(rec.recognise(document))
            runs.append(time.perf_counter() - started)
        out[rec.name] = statistics.median(runs)
    return out


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(UNITS)
@example("Community Community Community Community Community and Group Present:")  # was x14
def test_four_times_the_text_costs_at_most_ten_times_as_long(unit: str) -> None:
    small, large = _seconds(unit * 150), _seconds(unit * 600)
    for name, seconds in large.items():
        baseline = max(small[name], 0.005)  # below 5 ms, timer noise decides
        assert seconds <= 10 * baseline, (name, small[name], seconds, unit)
