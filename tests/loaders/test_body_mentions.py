"""Bodies named in passing inside table cells: found by phrasing, never by name."""

from __future__ import annotations

from cspgraph.loaders.facts import Body, BodyKind
from cspgraph.loaders.recognisers.body_mentions import recognise
from cspgraph.loaders.registry import reader_for
from cspgraph.loaders.text import read_text


def names(doc) -> list[str]:
    return [f.name for f in recognise(doc)]


def test_generic_cells_in_other_wording():
    text = (
        "Ref\tGap\tLead\tAction\n"
        "1.1\tData is weak.\tKBC\tTo be raised at the Kingsford Data Steering Group.\n"
        "1.2\tMore work with the local area tasking groups.\tPolice\t"
        "Work with Kingsford Constabulary and the Youth Justice Board on data.\n"
        "1.3\tThe police systems lack data.\tKBC\tThe police will help.\n"
    )
    doc = read_text(text.encode(), "elsewhere.txt")
    assert names(doc) == ["Kingsford Data Steering Group", "local area tasking groups",
                          "Kingsford Constabulary", "Youth Justice Board"]
    for fact in recognise(doc):
        assert isinstance(fact, Body) and fact.kind is BodyKind.MENTIONED
        assert fact.source.quote in doc.plain_line(fact.source.span.start)


def test_a_cell_that_is_only_a_name_is_not_a_mention():
    doc = read_text(b"Agency\tRole\nKingsford Police\tChief Inspector\n", "m.txt")
    assert names(doc) == []


def test_samples_mentions(samples):
    found = {}
    for p in samples:
        doc = reader_for(p).read(p.read_bytes(), p.name)
        found[p.name] = names(doc)
    recs = next(v for k, v in found.items() if "needs-assessment" in k)
    assert "Anti-Slavery network" in recs and "Cheshire Constabulary" in recs
    paper = next(v for k, v in found.items() if "strategic-assessment" in k)
    assert paper == ["ASB team", "Flare Steering Group", "TV Information Steering Group",
                     "Cleveland Police"]
    assert not any(n.lower().startswith(("the ", "and ")) for v in found.values() for n in v)
