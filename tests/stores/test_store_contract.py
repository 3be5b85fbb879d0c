"""Every store gives the answers the in-memory store gives: q01-q20, exports and SHACL.

The bundled samples are built in memory, persisted to the store, and read back with
``new_dataset(spec)`` (for a SPARQL server: a fresh replica fetched from it).
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from cspgraph.graph import queries as q
from cspgraph.graph.build.validate import validate
from cspgraph.graph.store import io
from cspgraph.graph.store.backends import new_dataset, persist
from cspgraph.graph.store.digest import server_form
from tests.helpers.gold import (
    all_sources,
    assert_answer,
    gold_doc_ids,
    key,
    locate,
    one_item,
    similar_question,
)

from .conftest import STORES, spec_for

WEST = "West Cheshire 2023-24"
EAST = "Cheshire East 2009-2012"
STOCKTON = "Safer Stockton 2010"
AGREEMENT = "Community Safety Agreement 2017"


@pytest.fixture(scope="module", params=STORES)
def stored(request, sample_build, tmp_path_factory):
    """(spec, the dataset read back from the store) once the samples were persisted there."""
    spec = spec_for(request.param, request, tmp_path_factory.mktemp("store"))
    if spec == "memory":  # the in-memory dataset is its own store
        assert persist(sample_build.dataset, spec) is None
        yield spec, sample_build.dataset
        return
    assert persist(sample_build.dataset, spec) is not None
    replica = new_dataset(spec)
    yield spec, replica
    replica.close()


def answer(qid: str, ds: Dataset) -> tuple[list[str], list]:
    """The query layer's answer to question ``qid`` and its sources."""
    if qid == "q01":
        leads = one_item(ds, WEST, "Domestic Abuse").leads
        return [a.label for a in leads], all_sources(leads)
    if qid == "q02":
        found = q.who_chairs(ds, "Worcestershire Prevent Strategy Group")
    elif qid in ("q03", "q04"):
        found = q.chairs(ds, "Dr Frances Howie" if qid == "q03" else "Sue Hanley")
    elif qid == "q05":
        many = q.chairs_of_many(ds)
        return [p.label for p, _ in many], [s for _, b in many for s in all_sources(b)]
    elif qid == "q06":
        found = q.reports_to(ds, "Substance Misuse Strategic Oversight Group")
    elif qid == "q07":
        found = q.accountability_chain(ds, "Worcestershire Reducing Re-Offending Strategy Group")
    elif qid == "q08":
        (lead,) = q.post_holders(ds, "Anti-Social Behaviour Group", "lead")
        return [lead.label, lead.detail["organisation"]], lead.sources
    elif qid == "q09":
        items = q.led_by(ds, "Cheshire Police", WEST, kinds=("Priority",))
        return [i.label for i in items], [s for i in items for a in i.leads
                                          if key(a.label) == key("Cheshire Police")
                                          for s in a.sources]
    elif qid == "q10":
        found = q.indicators(ds, "Preventing Offending Group")
    elif qid == "q11":
        items = q.led_by(ds, "Police", STOCKTON, kinds=("DataGap",))
        return [i.number for i in items], all_sources(items)
    elif qid == "q12":
        items = [i for i in q.led_by(ds, "Worcestershire County Council Public Health",
                                     AGREEMENT, kinds=("Action",))
                 if i.due_end and i.due_start and i.due_start <= date(2017, 6, 30) <= i.due_end]
        return [i.label for i in items], all_sources(items)
    elif qid in ("q13", "q14", "q15"):
        matrix = q.alignment(ds, WEST, "Police and Crime Plan")
        if qid == "q15":
            return ([str(len({c.objective.iri for c in matrix.cells}))],
                    [s for c in matrix.cells for s in c.sources])
        wanted = key("Improve public confidence in policing" if qid == "q13"
                     else "Protect vulnerable people")
        (target,) = [o for o in matrix.objectives
                     if wanted in {key(n) for n in (o.label, *o.alt_labels)}]
        cells = [c for c in matrix.cells if c.objective == target]
        return [c.priority.label for c in cells], [s for c in cells for s in c.sources]
    elif qid == "q16":
        matrix = q.alignment(ds, WEST, "Play Your Part to Thrive")
        cells = [c for c in matrix.cells if key(c.priority.label) == key("Serious Violence")]
        return [c.objective.label for c in cells], [s for c in cells for s in c.sources]
    elif qid == "q17":
        found = q.scrutinised_by(ds, "West Mercia Police and Crime Commissioner")
    elif qid == "q18":
        found = q.oversees(ds, "West Mercia Police and Crime Commissioner")
    else:
        raise KeyError(qid)
    return [a.label for a in found], all_sources(found)


@pytest.mark.parametrize("qid", [f"q{n:02d}" for n in range(1, 19)])
def test_questions_q01_q18_get_the_gold_answers(stored, docs, qid):
    _spec, ds = stored
    got, sources = answer(qid, ds)
    assert_answer(qid, got, sources, docs)


@pytest.fixture(scope="session")
def embedding_settings(tmp_path_factory):
    from cspgraph.settings import Settings

    return Settings(cache_dir=str(tmp_path_factory.mktemp("store-embeddings")))


@pytest.mark.parametrize("qid", ["q19", "q20"])
def test_questions_q19_q20_similar_recommendations(stored, embedding_settings, qid):
    from cspgraph.graph.similarity.duplicates import build_corpus, similar_to_item

    _spec, ds = stored
    corpus = build_corpus(ds, embedding_settings)
    doc_ids = gold_doc_ids()
    ask, source = similar_question(qid)
    item = corpus.items[locate(corpus, doc_ids, source)]
    found = similar_to_item(ds, corpus, item.iri, top=5)
    target = doc_ids[ask["answer_document"]]
    names = {f"{n.item.theme} {n.item.number}" if n.item.theme else n.item.number
             for n in found if n.item.doc_id == target}
    assert set(ask["answer"]) <= names
    assert all(n.sources and n.sources[0].doc_id == n.item.doc_id for n in found)


def named(ds: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in ds.graphs() if len(g)}


def test_the_nquads_export_holds_the_same_named_graphs(stored, sample_build):
    spec, ds = stored
    back = Dataset()
    back.parse(data=io.serialize(ds, "nquads"), format="nquads")
    want, got = named(sample_build.dataset), named(back)
    assert want.keys() == got.keys()
    for name, graph in want.items():
        mine = got[name]
        if not spec.startswith("sparql+"):  # oxrdflib reads "x" back as "x"^^xsd:string
            mine = server_form(mine)
        # A server holds literals exactly as server_form spells them ("1.0" decimal as "1").
        assert isomorphic(server_form(graph), mine), name


@pytest.fixture(scope="module")
def embedded_validation(sample_build):
    return validate(sample_build.dataset)


def test_shacl_gives_the_same_report(stored, embedded_validation):
    _spec, ds = stored
    report = validate(ds)
    assert report.conforms == embedded_validation.conforms
    assert len(report.findings) == len(embedded_validation.findings)
    assert report.counts() == embedded_validation.counts()
