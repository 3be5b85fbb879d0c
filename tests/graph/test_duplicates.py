"""Near-duplicates across partnerships with the real model: the gold pairs and q19-q20."""

from __future__ import annotations

import pytest

from cspgraph.errors import BadInputError
from cspgraph.graph.similarity.duplicates import (
    THEME_BONUS,
    clusters,
    core_text,
    duplicate_pairs,
    neighbour_table,
    similar_to_item,
    similar_to_text,
)
from tests.helpers.gold import PAIRS, locate, similar_question


@pytest.fixture(scope="module")
def table(sample_corpus):
    return neighbour_table(sample_corpus, k=10)


def rank(table, i: int, j: int) -> int | None:
    row = list(table[0][i])
    return row.index(j) + 1 if j in row else None


@pytest.mark.parametrize("pair", [p for p in PAIRS if p["strength"] == "strong"],
                         ids=lambda p: p["a"]["item"][:30])
def test_strong_pairs_are_top_5_both_ways(sample_corpus, doc_ids, table, pair):
    a, b = locate(sample_corpus, doc_ids, pair["a"]), locate(sample_corpus, doc_ids, pair["b"])
    assert (rank(table, a, b) or 99) <= 5 and (rank(table, b, a) or 99) <= 5


def test_most_related_pairs_are_in_the_top_10(sample_corpus, doc_ids, table):
    related = [p for p in PAIRS if p["strength"] == "related"]
    found = 0
    for p in related:
        a, b = locate(sample_corpus, doc_ids, p["a"]), locate(sample_corpus, doc_ids, p["b"])
        found += bool(rank(table, a, b) or rank(table, b, a))
    assert found / len(related) >= 0.8


def test_neighbours_come_from_other_documents(sample_corpus, table):
    idx = table[0]
    for i, row in enumerate(idx):
        assert all(sample_corpus.groups[j] != sample_corpus.groups[i] for j in row if j >= 0)


@pytest.mark.parametrize("qid", ["q19", "q20"])
def test_q19_q20_similar_recommendations_elsewhere(sample_build, sample_corpus, doc_ids, qid):
    ask, source = similar_question(qid)
    item = sample_corpus.items[locate(sample_corpus, doc_ids, source)]
    found = similar_to_item(sample_build.dataset, sample_corpus, item.iri, top=5)
    target = doc_ids[ask["answer_document"]]
    names = {f"{n.item.theme} {n.item.number}" if n.item.theme else n.item.number
             for n in found if n.item.doc_id == target}
    assert set(ask["answer"]) <= names
    for n in found:  # each neighbour shows where it is written
        assert n.sources and n.sources[0].doc_id == n.item.doc_id


def test_free_text_search_finds_the_cardiff_model_items(sample_build, sample_corpus):
    found = similar_to_text(sample_build.dataset, sample_corpus,
                            "sharing A&E assault data using the Cardiff Model", top=3)
    assert all("cardiff" in n.item.text().lower() for n in found)


def test_pairs_above_the_threshold_cluster_across_documents(sample_build, sample_corpus):
    pairs = duplicate_pairs(sample_build.dataset, sample_corpus)
    assert pairs and all(p.a.doc_id != p.b.doc_id for p in pairs)
    assert all(p.a_sources and p.b_sources for p in pairs)
    groups = clusters(pairs)
    assert sum(len(g) for g in groups) == len({x for p in pairs for x in (p.a.iri, p.b.iri)})


def test_template_openings_are_set_aside():
    assert core_text("Continue to work with partners to reduce knife crime") == (
        "reduce knife crime")
    assert core_text("Relating to recommendation 2, there is a need to fund A&E data") == (
        "fund A&E data")
    assert core_text("Work with partners to deliver the serious violence duty") == (
        "deliver the serious violence duty")
    assert core_text("Continue to do so") == "Continue to do so"  # too little left


def test_scores_stay_within_0_1_and_the_theme_bonus_only_ranks(sample_build, sample_corpus):
    pairs = duplicate_pairs(sample_build.dataset, sample_corpus)
    assert pairs and all(0 <= p.score <= 1 for p in pairs)
    for p in pairs:  # the bonus is there exactly where both items share a theme
        i, j = sample_corpus.index(p.a.iri), sample_corpus.index(p.b.iri)
        shared = bool(sample_corpus.themes[i] & sample_corpus.themes[j])
        assert p.theme_bonus == pytest.approx(THEME_BONUS if shared else 0.0)
    ranks = [p.score + p.theme_bonus for p in pairs]
    assert ranks == sorted(ranks, reverse=True)
    # somewhere a theme-sharing pair is listed above a pair with a higher score
    assert any(a.theme_bonus > b.theme_bonus and a.score < b.score
               for n, a in enumerate(pairs) for b in pairs[n + 1:])


def test_free_text_scores_stay_within_0_1(sample_build, sample_corpus):
    found = similar_to_text(sample_build.dataset, sample_corpus, "zebra crossings on Mars",
                            top=len(sample_corpus.items))
    assert found and all(0 <= n.score <= 1 for n in found)


@pytest.mark.parametrize("text", ["", "  ", "\u2022 3.2.1 "])
def test_a_blank_text_is_refused(sample_build, sample_corpus, text):
    with pytest.raises(BadInputError, match="empty"):
        similar_to_text(sample_build.dataset, sample_corpus, text)
