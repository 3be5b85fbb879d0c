"""The three registers against tests/gold: every chair, lead, action and priority a careful
reader writes down is a row, with the document and line that state it.

Rows are read the way a spreadsheet user reads them: by their cells (names as printed,
compared loosely), never by IRIs. The gold's acronyms ("WCC PH") are matched through its
own alias table or the graph's names for them.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from cspgraph.errors import NotFoundError
from cspgraph.graph import queries as q
from cspgraph.graph.queries.registers import (
    REGISTERS,
    register,
    register_cells,
    register_csv,
    register_rows,
)
from tests.helpers.gold import QUESTIONS, SEEDS, key

G000, G001, G002, G003, G004 = (SEEDS[n] for n in sorted(SEEDS))
MONTHS = {m: n for n, m in enumerate(("january", "february", "march", "april", "may", "june",
                                      "july", "august", "september", "october", "november",
                                      "december"), start=1)}


def keys(values) -> set[str]:
    return {key(v) for v in values}


@pytest.fixture(scope="module")
def rows(ds):
    return {name: register_rows(ds, name) for name in REGISTERS}


def accepted(ds, printed: str, aliases: dict[str, str]) -> set[str]:
    """The names a printed name may be shown by: itself, the gold's expansion of it (not a
    merely likely one), and the labels of what the graph finds by it."""
    out = {key(printed)}
    expansion = aliases.get(printed, "")
    if expansion and "likely" not in expansion:
        out.add(key(expansion))
    out |= {key(e.label) for e in q.find(ds, printed)}
    return out


def of(rows, doc_id: str) -> list:
    return [r for r in rows if r.doc_id == doc_id]


def by_body(rows) -> dict[str, object]:
    found = {}
    for r in rows:
        assert key(r.body) not in found or r.doc_id != found[key(r.body)].doc_id, r.body
        found.setdefault(key(r.body), r)
    return found


# --- every register: one row each, each naming its document and line -------------------------

@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_every_row_names_its_document_and_line_and_the_quote_is_there(ds, rows, docs, name):
    files = {d.doc_id: d.file_name for d in q.documents(ds)}
    assert rows[name]
    for r in rows[name]:
        assert r.source is not None, r
        assert r.document == files[r.doc_id] == r.source.document
        assert r.line == r.source.lines and r.line
        text = " ".join(docs[r.doc_id].plain_line(n)
                        for n in range(r.source.line_start, r.source.line_end + 1))
        assert r.source.quote in text, (r, r.source)


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_cells_follow_the_columns_and_join_lists(rows, name):
    headings, cells = register_cells(name, rows[name])
    assert headings == [h for _, h in register(name).columns]
    assert {"document", "line"} <= set(headings)
    assert all(len(c) == len(headings) for c in cells)
    text = register_csv(name, rows[name])
    assert text.splitlines()[0] == ",".join(headings)
    assert len(text.splitlines()) >= len(rows[name]) + 1


def test_an_unknown_register_is_refused_naming_the_registers(ds):
    with pytest.raises(NotFoundError) as raised:
        register_rows(ds, "minutes")
    assert all(name in raised.value.hint for name in REGISTERS)


# --- the governance register ----------------------------------------------------------------

@pytest.mark.parametrize("body", G004["bodies"], ids=lambda b: b["name"])
def test_every_chair_and_reporting_line_of_the_agreement(ds, rows, doc_ids, body):
    aliases = G004["aliases_in_text"]
    found = by_body(of(rows["governance"], doc_ids["004_7cf98735b7bf70c9.txt"]))
    row = found[key(body["name"])]
    if "chair" in body:
        assert keys(row.chair) == {key(body["chair"])}
        assert key(body["chair"].split()[-1]) in key(row.source.quote)  # its line is the chair's
    if "chair_org" in body:
        assert keys(row.chair_organisation) & accepted(ds, body["chair_org"], aliases)
    if "sub_group_of" in body:
        assert keys(row.sub_group_of) == {key(body["sub_group_of"])}
        assert row.kind == "sub-group"
    if "reports_to" in body:
        assert keys(row.reports_to) == keys(body["reports_to"])
    if "overseen_by" in body:
        assert keys(row.overseen_by) == {key(body["overseen_by"])}
    if "holder" in body:
        assert any(key(body["holder"]) in key(p) and p.startswith("holder:")
                   for p in row.other_posts)
    for target in body.get("oversees", []):
        assert key(body["name"]) in keys(found[key(target)].overseen_by), target
    if "scrutinises" in body:
        assert key(body["name"]) in keys(found[key(body["scrutinises"])].scrutinised_by)


def test_kinds_are_plain_words_from_the_names(rows, doc_ids):
    found = by_body(of(rows["governance"], doc_ids["004_7cf98735b7bf70c9.txt"]))
    heads = {"board": "board", "panel": "panel", "csp": "partnership"}
    for body in G004["bodies"]:
        last = key(body["name"]).split()[-1]
        if last in heads and "sub_group_of" not in body:
            assert found[key(body["name"])].kind == heads[last], body["name"]
    assert {r.kind for r in rows["governance"]} <= {
        "board", "partnership", "sub-group", "group", "panel", "committee", "organisation",
        "agency"}


@pytest.mark.parametrize("lead", G001["group_leads"], ids=lambda g: g["group"])
def test_every_group_lead_of_the_partnership_plan(rows, doc_ids, lead):
    found = by_body(of(rows["governance"], doc_ids["001_a1bfb6a68dcea0b0.txt"]))
    row = found[key(lead["group"])]
    assert keys(row.lead) == {key(lead["lead"])}
    assert keys(row.lead_organisation) == {key(lead["organisation"])}
    assert row.kind == "sub-group"  # each delivery group sits under the partnership


def test_the_partnership_board_its_members_and_reporting_line(rows, doc_ids):
    found = by_body(of(rows["governance"], doc_ids["001_a1bfb6a68dcea0b0.txt"]))
    board = G001["board"]
    assert found[key(board["name"])].members == board["member_agencies_count"]
    partnership = found[key(board["oversees"])]
    assert key(board["name"]) in keys(partnership.overseen_by)
    assert keys(partnership.reports_to) == {key(G001["reports_to"])}
    assert partnership.period == G001["period"]


def test_who_chairs_more_than_one_body_read_off_the_register(rows):
    chairs: dict[str, int] = {}
    for r in rows["governance"]:
        for person in r.chair:
            chairs[key(person)] = chairs.get(key(person), 0) + 1
    many = {p for p, n in chairs.items() if n > 1}
    assert many == keys(QUESTIONS["q05"]["answer"])


def test_an_area_keeps_its_own_documents_rows_and_all_their_chairs(ds, rows, doc_ids):
    doc = doc_ids["004_7cf98735b7bf70c9.txt"]
    local = register_rows(ds, "governance", area=G004["area"])
    assert {r.doc_id for r in local} == {doc}
    # a body several documents name is one row, of the first; in scope, of this one
    assert {r.body for r in of(rows["governance"], doc)} <= {r.body for r in local}
    assert {key(c) for r in local for c in r.chair} == keys(
        b["chair"] for b in G004["bodies"] if "chair" in b)
    assert {r.doc_id for r in register_rows(ds, "actions", plan=doc)} == {doc}


# --- the action tracker ---------------------------------------------------------------------

def due_month(timescale: str) -> str | None:
    """'2017-06' for 'June 2017 (New CTLP)' or 'To March 2018'; None for 'TBC'."""
    found = re.search(r"([A-Za-z]+) (\d{4})", timescale)
    if not found or found[1].lower() not in MONTHS:
        return None
    return f"{found[2]}-{MONTHS[found[1].lower()]:02d}"


def test_every_action_of_the_action_plan_with_its_lead_and_due_date(ds, rows, doc_ids):
    aliases = G004["aliases_in_text"]
    got = [r for r in of(rows["actions"], doc_ids["004_7cf98735b7bf70c9.txt"])
           if r.kind == "action"]
    assert len(got) == G004["action_plan_total"]
    for row, want in zip(got, G004["action_plan"], strict=True):
        assert key(row.action) == key(want["action"])
        assert key(row.priority) == key(want["theme"])
        assert row.timescale == want["timescale"]
        assert len(row.lead) == len(want["lead"])
        for lead in want["lead"]:
            assert keys(row.lead) & accepted(ds, lead, aliases), (want["action"], lead)
        month = due_month(want["timescale"])
        if month is None:
            assert row.due_date == ""
        else:
            assert row.due_date.startswith(month)
            date.fromisoformat(row.due_date)


def test_actions_due_in_a_month_with_a_lead_read_off_the_tracker(rows, doc_ids):
    """q12: filter the tracker by due date and lead, as a spreadsheet user would."""
    want = QUESTIONS["q12"]
    agency = "Worcestershire County Council Public Health"
    assert agency in want["ask"]
    lead = key(agency)
    got = [r.action for r in of(rows["actions"], doc_ids["004_7cf98735b7bf70c9.txt"])
           if r.due_date.startswith("2017-06") and lead in keys(r.lead)]
    assert keys(got) == keys(want["answer"])


def test_every_priority_table_action_under_its_priority_and_its_lead(rows, doc_ids):
    got = of(rows["actions"], doc_ids["002_6155fac2e07d2278.txt"])
    assert len(got) == G002["actions_total"]
    for want in G002["priorities"]:
        under = [r for r in got if key(r.priority) == key(want["name"])]
        assert len(under) == want["actions"], want["name"]
        assert all(keys(r.priority_lead) == keys(want["lead_agencies"]) for r in under)
        assert all(r.strand for r in under), want["name"]


def test_every_data_gap_with_its_number_and_leads(rows, doc_ids):
    got = {r.number: r for r in of(rows["actions"], doc_ids["003_3871c6b220084447.txt"])
           if r.kind == "data gap"}
    assert set(got) == {g["ref"] for g in G003["data_gaps"]}
    for want in G003["data_gaps"]:
        assert keys(got[want["ref"]].lead) == keys(want["lead"]), want["ref"]
    police = {n for n, r in got.items() if key("Police") in keys(r.lead)}
    assert police == set(QUESTIONS["q11"]["answer"])


def test_every_recommendation_under_its_theme(rows, doc_ids):
    got = of(rows["actions"], doc_ids["000_7db8ea50c72090f8.txt"])
    assert len(got) == G000["recommendations_total"]
    counts: dict[str, int] = {}
    for r in got:
        counts[key(r.priority)] = counts.get(key(r.priority), 0) + 1
    assert counts == {key(t): n for t, n in G000["recommendations_by_theme"].items()}


# --- the priorities register ----------------------------------------------------------------

def canonical(objective: str, plan: str) -> str | None:
    for name, variants in G002["canonical_objectives"][plan].items():
        if key(objective) in keys((name, *variants)):
            return name
    return None


@pytest.mark.parametrize("want", G002["priorities"], ids=lambda p: p["name"])
def test_each_priority_with_its_leads_and_the_objectives_it_serves(rows, doc_ids, want):
    found = {key(r.priority): r for r in of(rows["priorities"],
                                            doc_ids["002_6155fac2e07d2278.txt"])}
    row = found[key(want["name"])]
    assert keys(row.leads) == keys(want["lead_agencies"])
    plans = {"police_and_crime_plan": "Police and Crime Plan 2021-2024",
             "council_plan": "Play Your Part to Thrive Plan 2020-2024"}
    for field, plan in plans.items():
        got = {canonical(o.objective, plan) for o in row.objectives_served
               if key(o.plan) == key(plan)}
        displaced = set(want.get(f"{field}_displaced", []))
        assert set(want[field]) <= got <= set(want[field]) | displaced, (field, got)
    assert len(row.objectives_served) == len({(o.objective, o.plan)
                                              for o in row.objectives_served})


def test_questions_answered_by_filtering_the_priorities_register(rows, doc_ids):
    local = of(rows["priorities"], doc_ids["002_6155fac2e07d2278.txt"])
    agency = "Cheshire Police"
    assert agency in QUESTIONS["q09"]["ask"]
    police = key(agency)
    assert keys(r.priority for r in local if police in keys(r.leads)) == keys(
        QUESTIONS["q09"]["answer"])
    plan = "Police and Crime Plan 2021-2024"
    for qid, objective in (("q13", "Improve public confidence in policing"),
                           ("q14", "Protect vulnerable people")):
        got = keys(r.priority for r in local if any(
            canonical(o.objective, plan) == objective for o in r.objectives_served))
        want = QUESTIONS[qid]
        assert keys(want["answer"]) <= got <= keys(want["answer"] + want.get("also_accepted", []))


def test_every_priority_of_the_other_plans_is_a_row(rows, doc_ids):
    east = keys(r.priority for r in of(rows["priorities"], doc_ids["001_a1bfb6a68dcea0b0.txt"]))
    assert east == keys(p for group in G001["priorities"].values() for p in group)
    agreement = keys(r.priority for r in of(rows["priorities"],
                                            doc_ids["004_7cf98735b7bf70c9.txt"]))
    assert agreement == keys(G004["priority_areas"] + G004["harm_reduction_includes"])
    plans = {r.plan for r in rows["priorities"]}
    assert all(plans), plans
