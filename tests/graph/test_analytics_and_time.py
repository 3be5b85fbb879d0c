"""Analytics (networkx) and time: plans in force "as at" a date, and replacements."""

from __future__ import annotations

from datetime import date

from cspgraph.graph import queries as q
from cspgraph.graph.build.dataset import build
from cspgraph.graph.build.names import normalise
from cspgraph.graph.queries import analytics


def test_bodies_with_no_upward_link_include_the_tops_and_orphans(sample_build):
    tops = {normalise(e.label) for e in analytics.unaccountable_bodies(sample_build.dataset)}
    assert normalise("Worcestershire Public Executive Group") in tops
    # everything with a stated line upward is not a top
    assert normalise("Worcestershire Safer Communities Board") not in tops
    assert normalise("Worcestershire Prevent Strategy Group") not in tops


def test_agencies_ranked_by_what_they_lead(sample_build):
    ranked = analytics.agencies_by_leadership(sample_build.dataset)
    totals = [r.total for r in ranked]
    assert totals == sorted(totals, reverse=True)
    police = next(r for r in ranked if r.entity.label == "Cheshire Police")
    assert police.counts == {"Priority": 5}
    west = analytics.agencies_by_leadership(sample_build.dataset, "West Cheshire 2023-24")
    assert {r.entity.label for r in west} >= {"Cheshire Police", "Probation"}


def test_people_with_most_posts(sample_build):
    ranked = analytics.people_by_posts(sample_build.dataset)
    two = {r.entity.label for r in ranked if r.total == 2}
    assert {"Dr Frances Howie", "Tim Rice", "Sue Hanley"} <= two
    assert ranked[0].total >= ranked[-1].total


def test_as_at_limits_answers_to_plans_in_force(sample_build):
    ds = sample_build.dataset
    in_2017 = q.documents(ds, date(2017, 6, 1))
    assert [d.period for d in in_2017] == ["2017 to 2018"]
    actions = q.items(ds, kinds=("Action",), as_at=date(2023, 9, 1))
    assert actions and {a.document for a in actions} == {
        "west-cheshire-csp-plan-2023-24.txt"}
    assert q.led_by(ds, "Cheshire Police", as_at=date(2010, 1, 1)) == []


def test_a_curated_replacement_retires_the_older_plan(tmp_path, samples):
    """The mechanism: the two sample plans are from neighbouring partnerships."""
    fix = tmp_path / "replace.yaml"
    fix.write_text('entries:\n  - replaces: ["West Cheshire Community Safety Partnership Plan",'
                   ' "Cheshire East Community Safety Partnership - Partnership Plan"]\n')
    result = build(samples, curation=[fix])
    assert result.curation.stale == []
    older = next(d for d in q.documents(result.dataset) if d.period == "2009-2012")
    assert older.replaced_by is not None and "2023" in older.replaced_by.label
