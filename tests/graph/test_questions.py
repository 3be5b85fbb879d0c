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


def test_q01_lead_of_a_priority(ds, docs):
    prio = one_item(ds, WEST, "Domestic Abuse")
    assert_answer("q01", [a.label for a in prio.leads], all_sources(prio.leads), docs)


# Questions answered by one query of a name: (question, query, name).
BY_NAME = [
    ("q02", "who_chairs", "Worcestershire Prevent Strategy Group"),
    ("q03", "chairs", "Dr Frances Howie"),
    ("q04", "chairs", "Sue Hanley"),
    ("q06", "reports_to", "Substance Misuse Strategic Oversight Group"),
    ("q07", "accountability_chain", "Worcestershire Reducing Re-Offending Strategy Group"),
    ("q10", "indicators", "Preventing Offending Group"),
    ("q17", "scrutinised_by", "West Mercia Police and Crime Commissioner"),
    ("q18", "oversees", "West Mercia Police and Crime Commissioner"),
]


@pytest.mark.parametrize(("qid", "query", "name"), BY_NAME, ids=[r[0] for r in BY_NAME])
def test_questions_about_one_name(ds, docs, qid, query, name):
    answers = getattr(q, query)(ds, name)
    assert_answer(qid, [a.label for a in answers], all_sources(answers), docs)


def test_q05_people_chairing_more_than_one_body(ds, docs):
    many = q.chairs_of_many(ds)
    assert_answer("q05", [p.label for p, _ in many],
                  [s for _, bodies in many for s in all_sources(bodies)], docs)


def test_q08_group_lead_and_agency(ds, docs):
    (lead,) = q.post_holders(ds, "Anti-Social Behaviour Group", "lead")
    assert_answer("q08", [lead.label, lead.detail["organisation"]], lead.sources, docs)


def test_q09_priorities_an_agency_leads(ds, docs):
    answers = q.led_by(ds, "Cheshire Police", WEST, kinds=("Priority",))
    sources = [s for i in answers for a in i.leads if key(a.label) == key("Cheshire Police")
               for s in a.sources]
    assert_answer("q09", [i.label for i in answers], sources, docs)


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
