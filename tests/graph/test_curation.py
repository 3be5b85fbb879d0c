"""The curation overlay changes answers as expected, with its own provenance."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from cspgraph.errors import InputError
from cspgraph.graph import queries as q
from cspgraph.graph.build.dataset import build
from cspgraph.graph.queries.lookup import BODIES


def overlay(tmp_path, text: str, name: str = "fixes.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def curated(tmp_path_factory, samples):
    path = overlay(tmp_path_factory.mktemp("cur"), """\
author: A. Analyst
date: 2026-11-20
entries:
  - add: {chair: "Domestic Abuse Forum", person: "Jane Example"}
  - remove: {chair: "Worcestershire Channel Panel", person: "Paul Kinsella"}
  - add: {subject: "Worcestershire Channel Panel", relation: "reports to", object: "Victims Board"}
  - not_same: ["Protect Vulnerable People", "Protect vulnerable and at-risk people"]
  - review: {name: "Reducing Offending Strategy Group",
             same_as: "Worcestershire Reducing Re-Offending Strategy Group", status: accepted}
  - gss: {name: "Worcestershire Safer Communities Board", code: "E10000034"}
  - remove: {chair: "No Such Board Anywhere", person: "Nobody"}
""")
    return build(samples, curation=[path]), path


def test_adding_a_chair_changes_the_answer_and_is_sourced_to_the_file(curated):
    result, path = curated
    (chair,) = q.who_chairs(result.dataset, "Domestic Abuse Forum")
    assert chair.label == "Jane Example"
    (src,) = chair.sources
    assert src.document == path.name and src.line_start == 4
    assert src.curated_by == "A. Analyst" and src.curated_on == "2026-11-20"
    assert "Jane Example" in src.quote


def test_removing_a_chair_and_adding_a_line(curated):
    ds = curated[0].dataset
    assert q.who_chairs(ds, "Worcestershire Channel Panel") == []
    assert {a.label for a in q.reports_to(ds, "Worcestershire Channel Panel")} == {"Victims Board"}


def test_confirming_a_suggestion_merges_with_the_curated_rule(curated):
    ds = curated[0].dataset
    short = q.resolve(ds, "Reducing Offending Strategy Group", BODIES)
    full = q.resolve(ds, "Worcestershire Reducing Re-Offending Strategy Group", BODIES)
    assert short.iri == full.iri
    assert any(m.rule == "curated" for m in q.merges(ds))
    assert [s.status for s in q.suggestions(ds) if s.subject.iri == short.iri] == ["accepted"]


def test_refusing_a_merge_keeps_the_two_objectives_apart(curated, sample_build):
    before = q.alignment(sample_build.dataset, "West Cheshire 2023-24", "Police and Crime Plan")
    after = q.alignment(curated[0].dataset, "West Cheshire 2023-24", "Police and Crime Plan")
    assert len(after.objectives) == len(before.objectives) + 1
    assert not any(m.rule == "wording variant in one plan" and "vulnerable" in m.kept.label.lower()
                   for m in q.merges(curated[0].dataset))


def test_a_stale_entry_is_reported_with_its_line(curated):
    result, path = curated
    assert [s.split(": ", 1)[0] for s in result.curation.stale] == [f"{path}:11"]
    assert len(result.curation.applied) == 6


def test_gss_codes_appear_in_answers(curated):
    ds = curated[0].dataset
    body = q.resolve(ds, "SCB", BODIES)
    assert body.gss == "E10000034"


def test_an_empty_overlay_changes_nothing(tmp_path, samples, sample_build):
    empty = build(samples, curation=[overlay(tmp_path, "")])
    assert isomorphic(_without_times(empty.dataset), _without_times(sample_build.dataset))


def test_a_malformed_overlay_names_file_and_line(tmp_path, samples):
    bad = overlay(tmp_path, "entries:\n  - add: {chair: [unclosed\n")
    with pytest.raises(InputError, match=r"fixes\.yaml:\d"):
        build(samples, curation=[bad])
    unknown = overlay(tmp_path, "entries:\n  - rename: {a: b}\n", "u.yaml")
    with pytest.raises(InputError, match=r"u\.yaml:2"):
        build(samples, curation=[unknown])


def _without_times(ds):
    from rdflib import Graph
    from rdflib.namespace import PROV

    g = Graph()
    for s, p, o, _ in ds.quads():
        if p not in (PROV.generatedAtTime, PROV.endedAtTime):
            g.add((s, p, o))
    return g
