"""The parts that read minutes find nothing in the bundled samples: none is minutes, a
lead list, an attendance list, a run-on list of priorities or a Police and Crime Plan."""

from __future__ import annotations

import pytest

from cspgraph.loaders import sample_paths
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers import police_crime_plans
from cspgraph.loaders.recognisers.reading import recognise

MINUTES_PARTS = {"attendance list", "members section", "action line", "lead line",
                 "prose: speaker", "declared interest", "signature"}


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name[:30])
def test_no_minutes_facts_on_the_samples(path):
    doc = read_text(path.read_bytes(), str(path))
    assert list(police_crime_plans.recognise(doc)) == []
    assert [f for f in recognise(doc) if f.made_by in MINUTES_PARTS] == []
