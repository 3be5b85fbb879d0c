"""The maps a person can read (issue 19): the governance map's top boards and their
selector, the alignment map's plan selectors and grouping, the duplicates pair table and
its filters."""

from __future__ import annotations

import re
from html import escape, unescape

import pytest
from rdflib import URIRef

from cspgraph.graph import queries as q
from cspgraph.graph.queries.governance import (
    ALL,
    FIRST,
    MAX_NODES,
    UPWARD,
    governance_graph,
    top_boards,
)
from cspgraph.viz.alignment import alignment_map
from cspgraph.viz.duplicates import (
    areas_of,
    duplicates_map,
    filter_pairs,
    pair_iri,
    review_statuses,
)
from cspgraph.viz.governance import OPTIONS, STYLE, TOP, governance_map
from cspgraph.viz.page import render

OPTGROUP = re.compile(r'<optgroup label="([^"]*)">(.*?)</optgroup>', re.DOTALL)
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>')


def _board_select(html: str) -> str:
    return re.search(r'<select name="board" id="board">(.*?)</select>', html, re.DOTALL).group(1)


def test_the_board_selector_lists_every_top_board_of_the_query_layer(ds):
    tops = top_boards(ds)
    assert len({t.area for t in tops}) > 1
    html = governance_map(ds, board=FIRST).controls
    listed = [(unescape(area), value) for area, opts in OPTGROUP.findall(_board_select(html))
              for value, _ in OPTION.findall(opts)]
    assert listed == [(t.area, t.entity.iri) for t in tops]
    chosen = [v for v, sel in OPTION.findall(_board_select(html)) if sel]
    assert chosen == [tops[0].entity.iri]  # the first area's widest board opens
    assert f'<option value="{ALL}">' in html  # every area at once is still a choice


def test_a_top_board_has_nothing_above_it_and_something_below(ds):
    for t in top_boards(ds):
        docs = {d.doc_id for d in q.documents(ds) if (d.area or "no area stated") == t.area}
        g = governance_graph(ds, docs)
        node = URIRef(t.entity.iri)
        assert not [r for _, _, r in g.out_edges(node, "relation") if r in UPWARD], t
        assert t.reach > 0


def test_a_board_map_draws_the_board_and_everything_accountable_to_it(ds):
    tops = {t.entity.iri for t in top_boards(ds)}
    for t in top_boards(ds):
        page = governance_map(ds, board=t.entity.iri)
        assert len(page.nodes) == min(t.reach + 1, MAX_NODES), t.entity.label
        node = next(n for n in page.nodes if n["id"] == t.entity.iri)
        assert node["color"] == STYLE[TOP][1] and page.title.endswith(f"in {t.area}")
        assert ("top-level board", STYLE[TOP][1]) in page.legend
        boards = {n["id"] for n in page.nodes if n["color"] == STYLE[TOP][1]}
        assert boards <= tops  # a sub-group is never drawn as a board


@pytest.fixture(scope="module")
def client(sample_build, tmp_path_factory):
    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState, Snapshot
    from cspgraph.settings import Settings

    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("read-emb")),
                        upload_dir=str(tmp_path_factory.mktemp("read-up")))
    state = GraphState(settings)
    state._snapshot = Snapshot(sample_build.dataset, sample_build)
    return TestClient(create_app(state))


def test_the_served_map_opens_on_the_first_top_board_not_everything(ds, client):
    page = client.get("/maps/governance").text
    first = top_boards(ds)[0]
    count = int(re.search(r'data-node-count="(\d+)"', page).group(1))
    total = int(re.search(r'data-total-node-count="(\d+)"', page).group(1))
    assert count == first.reach + 1 < total
    assert f"<h1>Governance map: {first.entity.label}, top board in {first.area}</h1>" in page
    assert '<nav aria-label="site">' in page
    assert client.get("/maps/governance", params={"board": "Nobody Anywhere"}).status_code == 200


def test_governance_options_keep_wrapped_labels_apart():
    tree = OPTIONS["layout"]["hierarchical"]
    width = OPTIONS["nodes"]["widthConstraint"]["maximum"]
    assert tree["enabled"] and tree["sortMethod"] == "directed" and tree["shakeTowards"]
    assert tree["nodeSpacing"] > width + 2 * OPTIONS["nodes"]["margin"]
    assert OPTIONS["physics"] == {"enabled": False}  # nothing moves a node off its place
    assert OPTIONS["edges"]["font"]["background"]  # edge labels on a plain ground


def test_the_alignment_map_offers_every_plan_and_groups_objectives_by_plan(ds):
    plan = next(d for d in q.documents(ds) if len(q.higher_plans(ds, d.doc_id)) > 1)
    page = alignment_map(ds, plan.doc_id)
    plans = re.search(r'<select name="plan">(.*?)</select>', page.controls, re.DOTALL).group(1)
    assert [v for v, _ in OPTION.findall(plans)] == [d.doc_id for d in q.documents(ds)]
    assert [v for v, sel in OPTION.findall(plans) if sel] == [plan.doc_id]
    highs = re.search(r'<select name="against">(.*?)</select>', page.controls,
                      re.DOTALL).group(1)
    assert [v for v, _ in OPTION.findall(highs)] == [""] + [
        h.iri for h in q.higher_plans(ds, plan.doc_id)]
    legend = dict(page.legend)
    by_id = {n["id"]: n for n in page.nodes}
    for h in q.higher_plans(ds, plan.doc_id):
        m = q.alignment(ds, plan.doc_id, h.iri)
        colour = legend[f"objective of {m.against.label}"]
        for o in m.objectives:  # each objective hangs from its plan, in its plan's colour
            assert by_id[o.iri]["color"]["background"] == colour
            assert {"from": o.iri, "to": m.against.iri} in [
                {"from": e["from"], "to": e["to"]} for e in page.edges]
        assert by_id[m.against.iri]["level"] == 2
    one = alignment_map(ds, plan.doc_id, q.higher_plans(ds, plan.doc_id)[0].iri)
    assert [k for k in dict(one.legend) if k.startswith("objective of ")] == [
        f"objective of {q.higher_plans(ds, plan.doc_id)[0].label}"]


@pytest.fixture(scope="module")
def pairs(sample_build, sample_corpus):
    from cspgraph.graph.similarity.duplicates import duplicate_pairs

    return duplicate_pairs(sample_build.dataset, sample_corpus)


def test_pairs_filter_by_kind_document_area_and_status(ds, pairs):
    areas = areas_of(ds)
    statuses = review_statuses(pairs, [])
    rejected = pair_iri(pairs[0])
    statuses[rejected] = "rejected"
    kept = filter_pairs(pairs, statuses, areas)
    assert len(kept) == len(pairs) - 1 and pairs[0] not in kept  # rejected leave by default
    assert filter_pairs(pairs, statuses, areas, status="all") == pairs
    assert filter_pairs(pairs, statuses, areas, status="rejected") == [pairs[0]]
    kind = pairs[-1].a.kind
    assert all(kind in (p.a.kind, p.b.kind)
               for p in filter_pairs(pairs, statuses, areas, kind=kind))
    doc = pairs[1].b.doc_id
    some = filter_pairs(pairs, statuses, areas, document=doc)
    assert pairs[1] in some and all(doc in (p.a.doc_id, p.b.doc_id) for p in some)
    area = areas[pairs[1].a.doc_id]
    some = filter_pairs(pairs, statuses, areas, area=area, status="all")
    assert 0 < len(some) < len(pairs)
    assert all(area in (areas[p.a.doc_id], areas[p.b.doc_id]) for p in some)


def test_the_duplicates_page_reads_as_a_table_before_its_map(ds, pairs):
    areas = areas_of(ds)
    html = render(duplicates_map(pairs, areas=areas, found=pairs))
    assert html.index('<table id="pairs">') < html.index('<details id="map-view">') \
        < html.index('id="mynetwork"')
    rows = re.findall(r'<tr data-pair="([^"]+)">', html)
    assert rows == [pair_iri(p) for p in pairs]
    p = pairs[0]
    row = re.search(rf'<tr data-pair="{re.escape(pair_iri(p))}">(.*?)</tr>', html).group(1)
    for it in (p.a, p.b):
        assert it.doc_id in row and escape(areas[it.doc_id]) in row
    assert f"{p.score:.2f}" in row
    assert 'id="pair-filters"' in html and 'name="status"' in html
    assert 'id="pair-filters"' not in render(duplicates_map(pairs), inline=True)
