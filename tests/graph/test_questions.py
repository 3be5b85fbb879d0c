"""The users' questions q01-q18 of tests/gold/questions.json, answered by the query layer.

Each answer set must match exactly (``also_accepted`` aside), and every answer must
carry a source whose quote really is on the lines it names.
"""

from __future__ import annotations

from datetime import date

import pytest

from cspgraph.graph import queries as q
from tests.helpers.gold import all_sources, assert_answer, key, one_item

WEST = "West Cheshire 2023-24"
EAST = "Cheshire East 2009-2012"
STOCKTON = "Safer Stockton 2010"
AGREEMENT = "Community Safety Agreement 2017"


@pytest.fixture(scope="module")
def ds(sample_build):
    return sample_build.dataset


@pytest.fixture(scope="module")
def docs(sample_build):
    return {r.doc_id: r.result.document for r in sample_build.loaded}


def test_q01_lead_of_a_priority(ds, docs):
    prio = one_item(ds, WEST, "Domestic Abuse")
    assert_answer("q01", [a.label for a in prio.leads], all_sources(prio.leads), docs)


def test_q02_who_chairs(ds, docs):
    answers = q.who_chairs(ds, "Worcestershire Prevent Strategy Group")
    assert_answer("q02", [a.label for a in answers], all_sources(answers), docs)


@pytest.mark.parametrize(("qid", "person"), [("q03", "Dr Frances Howie"), ("q04", "Sue Hanley")])
def test_q03_q04_what_a_person_chairs(ds, docs, qid, person):
    answers = q.chairs(ds, person)
    assert_answer(qid, [a.label for a in answers], all_sources(answers), docs)


def test_q05_people_chairing_more_than_one_body(ds, docs):
    many = q.chairs_of_many(ds)
    assert_answer("q05", [p.label for p, _ in many],
                  [s for _, bodies in many for s in all_sources(bodies)], docs)


def test_q06_reports_to(ds, docs):
    answers = q.reports_to(ds, "Substance Misuse Strategic Oversight Group")
    assert_answer("q06", [a.label for a in answers], all_sources(answers), docs)


def test_q07_chain_of_accountability(ds, docs):
    answers = q.accountability_chain(ds, "Worcestershire Reducing Re-Offending Strategy Group")
    assert_answer("q07", [a.label for a in answers], all_sources(answers), docs)


def test_q08_group_lead_and_agency(ds, docs):
    (lead,) = q.post_holders(ds, "Anti-Social Behaviour Group", "lead")
    assert_answer("q08", [lead.label, lead.detail["organisation"]], lead.sources, docs)


def test_q09_priorities_an_agency_leads(ds, docs):
    answers = q.led_by(ds, "Cheshire Police", WEST, kinds=("Priority",))
    sources = [s for i in answers for a in i.leads if key(a.label) == key("Cheshire Police")
               for s in a.sources]
    assert_answer("q09", [i.label for i in answers], sources, docs)


def test_q10_indicators_a_group_owns(ds, docs):
    answers = q.indicators(ds, "Preventing Offending Group")
    assert_answer("q10", [a.label for a in answers], all_sources(answers), docs)


def test_q11_data_gaps_by_lead(ds, docs):
    answers = q.led_by(ds, "Police", STOCKTON, kinds=("DataGap",))
    assert_answer("q11", [i.number for i in answers], all_sources(answers), docs)


def test_q12_actions_by_lead_and_due_date(ds, docs):
    lead = "Worcestershire County Council Public Health"
    answers = [i for i in q.led_by(ds, lead, AGREEMENT, kinds=("Action",))
               if i.due_end and i.due_start and i.due_start <= date(2017, 6, 30) <= i.due_end]
    assert_answer("q12", [i.label for i in answers], all_sources(answers), docs)


@pytest.mark.parametrize(("qid", "objective"), [
    ("q13", "Improve public confidence in policing"), ("q14", "Protect vulnerable people")])
def test_q13_q14_priorities_serving_an_objective(ds, docs, qid, objective):
    matrix = q.alignment(ds, WEST, "Police and Crime Plan")
    (target,) = [o for o in matrix.objectives
                 if key(objective) in {key(n) for n in (o.label, *o.alt_labels)}]
    cells = [c for c in matrix.cells if c.objective == target]
    assert_answer(qid, [c.priority.label for c in cells], [s for c in cells for s in c.sources],
                  docs)


def test_q15_distinct_objectives_once_variants_merge(ds, docs):
    matrix = q.alignment(ds, WEST, "Police and Crime Plan")
    cited = {c.objective.iri for c in matrix.cells}
    assert_answer("q15", [str(len(cited))], [s for c in matrix.cells for s in c.sources], docs)


def test_q16_council_plan_objectives_a_priority_supports(ds, docs):
    matrix = q.alignment(ds, WEST, "Play Your Part to Thrive")
    cells = [c for c in matrix.cells if key(c.priority.label) == key("Serious Violence")]
    assert_answer("q16", [c.objective.label for c in cells],
                  [s for c in cells for s in c.sources], docs)


def test_q17_who_scrutinises(ds, docs):
    answers = q.scrutinised_by(ds, "West Mercia Police and Crime Commissioner")
    assert_answer("q17", [a.label for a in answers], all_sources(answers), docs)


def test_q18_what_the_commissioner_oversees(ds, docs):
    answers = q.oversees(ds, "West Mercia Police and Crime Commissioner")
    assert_answer("q18", [a.label for a in answers], all_sources(answers), docs)
