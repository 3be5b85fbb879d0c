"""The minutes recognisers find nothing in the bundled samples: none is minutes, a lead list,
a run-on list of priorities, an alignment statement or a Police and Crime Plan."""

from __future__ import annotations

import pytest

from cspgraph.loaders import sample_paths
from cspgraph.loaders.recognisers import (
    alignment_statements,
    attendance,
    lead_lines,
    minutes_actions,
    police_crime_plans,
    priority_sentences,
)
from cspgraph.loaders.text import read_text

MODULES = [attendance, priority_sentences, lead_lines, minutes_actions, alignment_statements,
           police_crime_plans]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name[:30])
def test_no_facts_on_the_samples(path):
    doc = read_text(path.read_bytes(), str(path))
    assert {m.__name__.rsplit(".", 1)[-1]: list(m.recognise(doc)) for m in MODULES} == {
        m.__name__.rsplit(".", 1)[-1]: [] for m in MODULES}
