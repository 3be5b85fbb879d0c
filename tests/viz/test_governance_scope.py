"""The governance map's filters (area, plan, "as at"), chain of accountability, lead edges
and the focused opening of maps too big to read at once."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from cspgraph.graph import queries as q
from cspgraph.graph.queries.analytics import agencies_by_leadership
from cspgraph.graph.queries.governance import FIRST, Scope, governance_graph
from cspgraph.graph.queries.lookup import BODIES
from cspgraph.viz.governance import governance_map
from cspgraph.viz.page import render
from tests.helpers.http import client_over


@pytest.fixture(scope="module")
def client(sample_build, tmp_path_factory) -> TestClient:
    return client_over(sample_build, tmp_path_factory, "gov")


def _labels(page) -> set[str]:
    return {n["label"] for n in page.nodes}


def _edge_docs(g) -> set[str]:
    return {s.doc_id for _, _, d in g.edges(data=True) for s in d["sources"]}


def test_an_area_shows_only_what_that_areas_documents_state(ds):
    docs = Scope(area="worcestershire").documents(ds)
    assert docs and all(q.find_document(ds, d).area == "Worcestershire" for d in docs)
    g = governance_graph(ds, docs)
    assert _edge_docs(g) <= docs
    everything = governance_graph(ds)
    stated_only_here = {n for a, b, d in everything.edges(data=True)
                        if {s.doc_id for s in d["sources"]} <= docs for n in (a, b)}
    assert stated_only_here and stated_only_here <= set(g.nodes)
    other = Scope(plan="West Cheshire 2023-24").documents(ds)
    shared = set(governance_graph(ds, other).nodes) & stated_only_here
    assert len(shared) < len(stated_only_here) / 10  # agencies such as probation, no more


def test_as_at_keeps_the_plans_in_force_that_day(ds):
    day = date(2017, 6, 1)
    docs = Scope(as_at=day).documents(ds)
    assert docs == {d.doc_id for d in q.documents(ds, as_at=day)} and docs
    page = governance_map(ds, scope=Scope(as_at=day))
    assert "as at 2017-06-01" in page.title
    assert "Tim Rice" in _labels(page)
    assert _labels(page) < _labels(governance_map(ds))
    assert not governance_map(ds, scope=Scope(as_at=date(1990, 1, 1))).nodes


def test_the_whole_chain_of_accountability_can_be_shown(ds):
    chain = q.accountability_chain(ds, "Prevent Strategy Group")
    assert chain
    page = governance_map(ds, "Prevent Strategy Group", depth=0, chain=True)
    focus = q.resolve(ds, "Prevent Strategy Group", BODIES).label
    assert _labels(page) == {focus} | {a.entity.label for a in chain}
    relations = {e["label"] for e in page.edges}
    assert relations & {"reports to", "sub-group of"}
    assert _labels(governance_map(ds, "Prevent Strategy Group", depth=0)) == {focus}


def test_lead_agencies_are_linked_to_the_body_whose_plan_they_lead(ds):
    g = governance_graph(ds)
    checked = 0
    for doc in q.documents(ds):
        if not doc.issuer:
            continue
        body = q.resolve(ds, doc.issuer, BODIES)
        for ranked in agencies_by_leadership(ds, doc.doc_id):
            edges = g.get_edge_data(URIRef(ranked.entity.iri), URIRef(body.iri)) or {}
            leads = [d for d in edges.values() if d["relation"].startswith("leads ")]
            assert leads and leads[0]["sources"], (ranked.entity.label, body.label)
            checked += 1
    assert checked > 5


def test_a_map_too_big_to_read_opens_on_its_most_connected_body(ds):
    whole = governance_map(ds, max_nodes=None)
    small = governance_map(ds, max_nodes=30)
    assert len(small.nodes) <= 30 < len(whole.nodes) == small.total
    degree = governance_graph(ds).degree
    hub = max(whole.nodes, key=lambda n: degree(URIRef(n["id"])))["label"]
    assert small.title.startswith(f"Governance map: {hub},")
    assert f"This map has {len(whole.nodes)} nodes" in small.intro
    html = render(small)
    assert re.search(rf'data-node-count="{len(small.nodes)}"[^>]*'
                     rf'data-total-node-count="{len(whole.nodes)}"', html)
    chosen = governance_map(ds, "Tim Rice", depth=1, max_nodes=30)
    assert chosen.title.startswith("Governance map: Tim Rice,") and "This map" not in chosen.intro


def test_served_page_takes_the_filters_and_offers_them_as_a_form(client):
    page = client.get("/maps/governance", params={
        "focus": "Prevent Strategy Group", "depth": 0, "chain": "true", "area": "Worcestershire",
        "as_at": "2017-06-01"})
    assert page.status_code == 200
    assert 'id="filters"' in page.text
    assert 'name="as_at" type="date" value="2017-06-01"' in page.text
    assert "<option value=\"Worcestershire\" selected>" in page.text
    assert "with its chain of accountability (area Worcestershire, as at 2017-06-01)" in page.text
    empty = {"as_at": "", "area": "", "plan": "", "focus": ""}  # the form sends empty fields
    assert client.get("/maps/governance", params=empty).status_code == 200
    bad = client.get("/maps/governance", params={"as_at": "June"})
    assert bad.status_code == 422 and "as_at" in bad.text


def test_exported_files_have_no_server_form(ds):
    assert 'id="filters"' not in render(governance_map(ds), inline=True)


def test_a_focus_naming_nothing_is_an_error_in_files_and_a_note_on_served_maps(ds, client):
    from cspgraph.errors import NotFoundError

    with pytest.raises(NotFoundError):
        governance_map(ds, "Nobody Anywhere")
    page = client.get("/maps/governance", params={"focus": "Nobody Anywhere"})
    assert page.status_code == 200
    assert re.search(r'class="note">[^<]*Nobody Anywhere', page.text)
    # the page opens as with no focus: on the first top board
    assert f'data-node-count="{len(governance_map(ds, board=FIRST).nodes)}"' in page.text


def test_a_chain_asked_for_a_person_is_noted_not_an_error(ds, client):
    page = governance_map(ds, "Tim Rice", depth=1, chain=True)
    assert "Tim Rice" in _labels(page) and "chain of accountability" in page.intro
    assert client.get("/maps/governance", params={"focus": "Tim Rice", "chain": "true"}
                      ).status_code == 200
