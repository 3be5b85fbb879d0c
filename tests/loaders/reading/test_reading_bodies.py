"""The bodies one document names, read by the generic reading: resolved across it, and
those named only in passing inside table cells."""

from __future__ import annotations

from cspgraph.loaders import sample_paths
from cspgraph.loaders.facts import Alias, Body, BodyKind
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise
from cspgraph.loaders.registry import reader_for
from tests.helpers.documents import data_doc


def _bodies(doc, kind: BodyKind | None = None) -> list[str]:
    facts = list(recognise(doc))
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
    return [f.name for f in facts if isinstance(f, Body) and (kind is None or f.kind is kind)]


def test_bodies_named_in_passing_in_table_cells():
    doc = data_doc("reading/bodies-named-in-passing-in-table-cells.txt", "elsewhere.txt")
    named = set(_bodies(doc))
    assert {"Kingsford Data Steering Group", "Youth Justice Board"} <= named
    assert {"local area tasking groups", "Kingsford Constabulary"} <= set(
        _bodies(doc, BodyKind.MENTIONED))
    assert not any(n.lower().startswith(("the ", "police")) for n in named)


def test_a_cell_that_is_only_a_name_is_not_a_mention():
    doc = read_text(b"Agency\tRole\nKingsford Police\tChief Inspector\n", "m.txt")
    assert _bodies(doc, BodyKind.MENTIONED) == []


def test_samples_bodies_in_passing():
    found = {}
    for p in sample_paths():
        found[p.name] = _bodies(reader_for(p).read(p.read_bytes(), p.name), BodyKind.MENTIONED)
    recs = next(v for k, v in found.items() if "needs-assessment" in k)
    assert {"Anti-Slavery network", "Cheshire Constabulary"} <= set(recs)
    paper = next(v for k, v in found.items() if "strategic-assessment" in k)
    assert {"ASB team", "Cleveland Police"} <= set(paper)
    assert not any(n.lower().startswith(("the ", "and ")) for v in found.values() for n in v)


def test_one_body_named_three_ways_is_one_body():
    doc = read_text(
        b"# Safer Northvale Partnership Steering Group\n\n"
        b"The Safer Northvale Partnership Steering Group (SNPSG) meets quarterly. The "
        b"Steering Group reports to the Northvale Board. SNPSG members agree the plan.\n"
, "terms.md")
    facts = list(recognise(doc))
    names = [f.name for f in facts if isinstance(f, Body)]
    assert names.count("Safer Northvale Partnership Steering Group") == 1
    assert "Steering Group" not in names and "SNPSG" not in names
    aliases = {f.short: f.expansion for f in facts if isinstance(f, Alias)}
    assert aliases["SNPSG"] == "Safer Northvale Partnership Steering Group"


def test_acronym_and_place_forms_of_a_body():
    doc = read_text(
        b"The Community Safety Partnership (CSP) met. Northvale CSP agreed its plan; the "
        b"CSP will review it.\n", "notes.md")
    names = _bodies(doc)
    assert names == ["Community Safety Partnership"]


def test_an_integrated_care_board_is_an_agency_not_a_body():
    doc = read_text(b"Present: Dr A Vale (Westby Integrated Care Board), Cllr B Dunn (Westby "
                    b"Council)\n\nThe Westby Safety Board met on 2 May 2024.\n", "notes.txt")
    assert "Westby Integrated Care Board" not in _bodies(doc)
