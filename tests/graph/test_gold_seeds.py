"""Every fact of tests/gold/seeds.json, found through the query layer on the built samples.

These tests read the gold file and ask the graph; nothing here inspects loader internals.
Names are compared loosely (case, punctuation, "&"/"and", titles), as a user would.
"""

from __future__ import annotations

import re

import pytest

from cspgraph.graph import queries as q
from cspgraph.graph.queries.lookup import BODIES
from tests.helpers.gold import SEEDS, key

KIND_TYPES = {
    "strategic (needs) assessment": {"StrategicAssessment"},
    "partnership plan": {"PartnershipPlan"},
    "strategic assessment recommendations (committee paper)": {"StrategicAssessment",
                                                                "CommitteePaper"},
    "community safety agreement": {"CommunitySafetyAgreement"},
}


def names(entity: q.Entity) -> set[str]:
    """Every normalised name an entity goes by."""
    return {key(n) for n in (entity.label, *entity.alt_labels)}


def named(entity: q.Entity, printed: str) -> bool:
    return key(printed) in names(entity)


def labels(answers) -> set[str]:
    return {key(a.label) for a in answers}


def check_sources(answers, samples_by_id) -> None:
    """Every answer's quote really is on the lines it names."""
    for a in answers:
        assert a.sources, f"{a.label} has no source"
        for s in a.sources:
            text = " ".join(samples_by_id[s.doc_id].plain_line(n)
                            for n in range(s.line_start, s.line_end + 1))
            assert s.quote in text, (a.label, s)


# --- every document: title, kind, period -------------------------------------------------

@pytest.mark.parametrize("gold_name", sorted(SEEDS))
def test_document_metadata(ds, doc_ids, gold_name):
    want = SEEDS[gold_name]
    doc = q.find_document(ds, doc_ids[gold_name])
    assert doc.plan is not None, "no DocumentInfo found"
    assert doc.kind in KIND_TYPES[want["kind"]]
    years = [int(y) for y in re.findall(r"\d{4}", want["period"])]
    assert doc.start is not None and doc.start.year == years[0]
    assert doc.end is not None
    if "/" in want["period"]:  # a financial year, "2015/16"
        assert doc.end.year == years[0] + 1
    elif len(years) > 1:
        assert doc.end.year == years[-1]
    title_words = set(key(want["title"]).split())
    assert len(title_words & set(key(doc.plan.label).split())) >= len(title_words) // 2


# --- 000: theme -> numbered recommendations --------------------------------------------

def test_recommendations_by_theme(ds, doc_ids):
    want = SEEDS["000_7db8ea50c72090f8.txt"]
    recs = q.items(ds, doc_ids["000_7db8ea50c72090f8.txt"], kinds=("Recommendation",))
    assert len(recs) == want["recommendations_total"]
    by_theme: dict[str, int] = {}
    for r in recs:
        by_theme[key(r.theme or "")] = by_theme.get(key(r.theme or ""), 0) + 1
    assert by_theme == {key(t): n for t, n in want["recommendations_by_theme"].items()}


# --- 001: a 2009-2012 partnership plan ---------------------------------------------------

G001 = SEEDS["001_a1bfb6a68dcea0b0.txt"]


def test_prose_priorities_are_found_and_nothing_else(ds, doc_ids):
    prios = q.priorities(ds, doc_ids["001_a1bfb6a68dcea0b0.txt"])
    want = {key(p) for group in G001["priorities"].values() for p in group}
    assert labels(prios) == want


def test_board_members_and_their_representatives(ds):
    members = q.members(ds, G001["board"]["name"])
    agencies = labels(members)
    assert agencies == {key(a) for a in G001["board"]["member_agencies"]}
    roles = {key(m.label): {key(r) for r in m.detail.get("role", "").split("; ")}
             for m in members}
    for example in G001["board"]["representatives_examples"]:
        assert key(example["role"]) in roles[key(example["agency"])]


def test_board_oversees_the_partnership_which_reports_upward(ds):
    assert labels(q.oversees(ds, G001["board"]["name"])) == {key(G001["board"]["oversees"])}
    assert key(G001["reports_to"]) in labels(q.reports_to(ds, G001["partnership"]))


def test_delivery_groups_exist(ds):
    for group in G001["delivery_groups"]:
        assert q.find(ds, group), group


@pytest.mark.parametrize("lead", G001["group_leads"], ids=lambda g: g["group"])
def test_group_leads_and_indicators(ds, lead):
    holders = q.post_holders(ds, lead["group"], "lead")
    assert [h.label for h in holders] == [lead["lead"]]  # shown in title case
    detail = holders[0].detail
    assert key(detail.get("organisation", "")) == key(lead["organisation"])
    if lead["role"]:
        assert key(detail.get("title", "")) == key(lead["role"])
    owned = q.indicators(ds, lead["group"])
    assert {a.label for a in owned if a.detail["linked"] == "no"} == set(lead["indicators"])
    linked = {a.label for a in owned if a.detail["linked"] == "yes"}
    assert linked == set(lead.get("linked_indicators", []))


def test_indicators_and_descriptions(ds):
    found = {a.label: a for a in q.indicators(ds)}
    assert set(found) >= set(G001["indicators"]["national"]) | set(G001["indicators"]["local"])
    for code, description in G001["indicators"]["examples"].items():
        assert key(found[code].detail["description"]) == key(description), code


def test_glossary_with_unknown_expansions_kept_unknown(ds, doc_ids):
    table = {a.label: a.detail["expansion"]
             for a in q.aliases(ds, doc_ids["001_a1bfb6a68dcea0b0.txt"])}
    for short, expansion in G001["glossary_examples"].items():
        assert key(table[short]) == key(expansion)
    for short in G001["glossary_unknown_expansions"]:
        assert table[short] == ""


def test_higher_plans_mentioned_in_prose(ds, doc_ids):
    cited = q.higher_plans(ds, doc_ids["001_a1bfb6a68dcea0b0.txt"])
    for title in G001["higher_plans_mentioned"]:
        assert any(key(title) in key(p.label) for p in cited), title


# --- 002: priority tables with leads, actions and objectives -----------------------------

G002 = SEEDS["002_6155fac2e07d2278.txt"]


def canonical(objective: str, plan: str) -> str | None:
    """The gold canonical name for a printed objective of ``plan``."""
    for name, variants in G002["canonical_objectives"][plan].items():
        if key(objective) in {key(v) for v in (name, *variants)}:
            return name
    return None


def test_priority_table_priorities_leads_and_action_counts(ds, doc_ids, docs):
    prios = q.priorities(ds, doc_ids["002_6155fac2e07d2278.txt"])
    assert [p.label for p in prios] == [p["name"] for p in G002["priorities"]]
    total = 0
    for got, want in zip(prios, G002["priorities"], strict=True):
        assert labels(got.leads) == {key(a) for a in want["lead_agencies"]}, want["name"]
        actions = q.children(ds, got)
        assert all(a.kind == "Action" for a in actions)
        assert len(actions) == want["actions"], want["name"]
        total += len(actions)
        check_sources(got.leads, docs)
    assert total == G002["actions_total"]


def test_priorities_cite_the_objectives_of_both_higher_plans(ds, doc_ids):
    doc = doc_ids["002_6155fac2e07d2278.txt"]
    plans = {"police_and_crime_plan": "Police and Crime Plan 2021-2024",
             "council_plan": "Play Your Part to Thrive Plan 2020-2024"}
    for field, plan in plans.items():
        matrix = q.alignment(ds, doc, plan)
        for want in G002["priorities"]:
            got = {canonical(c.objective.label, plan) for c in matrix.cells
                   if c.priority.label == want["name"]}
            assert None not in got, (want["name"], plan)
            displaced = set(want.get(f"{field}_displaced", []))
            assert set(want[field]) <= got <= set(want[field]) | displaced, want["name"]


def test_actions_never_hold_objective_sentences(ds, doc_ids):
    actions = q.items(ds, doc_ids["002_6155fac2e07d2278.txt"], kinds=("Action",))
    for a in actions:
        for plan in G002["canonical_objectives"]:
            assert canonical(a.label, plan) is None, a.label


# --- 003: data gaps with refs and leads ---------------------------------------------------

G003 = SEEDS["003_3871c6b220084447.txt"]


def test_data_gaps_with_refs_and_leads(ds, doc_ids, docs):
    doc = doc_ids["003_3871c6b220084447.txt"]
    gaps = {g.number: g for g in q.items(ds, doc, kinds=("DataGap",))}
    assert len(gaps) == G003["data_gaps_total"]
    for want in G003["data_gaps"]:
        got = gaps[want["ref"]]
        assert {n for lead in got.leads for n in names(lead.entity)} >= {
            key(x) for x in want["lead"]}, want["ref"]
        assert len(got.leads) == len(want["lead"]), want["ref"]
        check_sources(got.leads, docs)
    recs = q.items(ds, doc, kinds=("Recommendation",))
    assert len(recs) == G003["other_recommendations_total"]


def test_contradictory_dates_are_flagged(ds, doc_ids):
    notes = q.quality_notes(ds, doc_ids["003_3871c6b220084447.txt"])
    assert any("2009" in n.label and "2010" in n.label for n in notes)


# --- 004: a community safety agreement's governance and action plan ----------------------

G004 = SEEDS["004_7cf98735b7bf70c9.txt"]


@pytest.mark.parametrize("body", G004["bodies"], ids=lambda b: b["name"])
def test_bodies_chairs_and_structure(ds, body, docs):
    name = body["name"]
    if "chair" in body:
        chairs = q.who_chairs(ds, name)
        assert labels(chairs) == {key(body["chair"])}
        check_sources(chairs, docs)
    if "holder" in body:
        assert labels(q.post_holders(ds, name, "holder")) == {key(body["holder"])}
    if "abbrev" in body:
        assert named(q.resolve(ds, body["abbrev"], BODIES), name)
    checks = (("reports_to", q.reports_to), ("oversees", q.oversees),
              ("sub_group_of", q.parent_bodies), ("overseen_by", q.overseen_by),
              ("scrutinises", q.scrutinises))
    for field, ask in checks:
        if field in body:
            want = body[field] if isinstance(body[field], list) else [body[field]]
            answers = ask(ds, name)
            assert labels(answers) == {key(w) for w in want}, field
            check_sources(answers, docs)


def test_people_chairing_more_than_one_body(ds):
    many = {key(p.label): len(bodies) for p, bodies in q.chairs_of_many(ds)}
    assert many == {key(n): c for n, c in G004["people_chairing_more_than_one_body"].items()}


def test_priority_areas_and_harm_reduction_themes(ds, doc_ids):
    prios = q.priorities(ds, doc_ids["004_7cf98735b7bf70c9.txt"])
    top = [p for p in prios if p.parent is None]
    assert labels(top) == {key(p) for p in G004["priority_areas"]}
    harm = next(p for p in top if key(p.label) == key("Harm Reduction"))
    under = [p for p in prios if p.parent is not None and p.parent.iri == harm.entity.iri]
    assert labels(under) == {key(p) for p in G004["harm_reduction_includes"]}


def test_higher_plans_cited(ds, doc_ids):
    cited = q.higher_plans(ds, doc_ids["004_7cf98735b7bf70c9.txt"])
    assert len(cited) == len(G004["higher_plans"])


def test_action_plan_rows_with_theme_timescale_and_leads(ds, doc_ids, docs):
    doc = doc_ids["004_7cf98735b7bf70c9.txt"]
    actions = q.items(ds, doc, kinds=("Action",))
    assert len(actions) == G004["action_plan_total"]
    for got, want in zip(actions, G004["action_plan"], strict=True):
        assert key(got.label) == key(want["action"])
        assert key(got.theme or "") == key(want["theme"])
        assert got.timescale == want["timescale"]
        for lead in want["lead"]:
            assert any(named(a.entity, lead) for a in got.leads), (want["action"], lead)
        assert len(got.leads) == len(want["lead"])
        check_sources(got.leads, docs)


def test_aliases_in_text_resolve(ds, doc_ids):
    table = {a.label: a.detail["expansion"]
             for a in q.aliases(ds, doc_ids["004_7cf98735b7bf70c9.txt"])}
    for short, expansion in G004["aliases_in_text"].items():
        if "likely" in expansion:  # a suggestion, never an asserted alias
            assert short not in table
            continue
        assert short in table, short


def test_cross_references_between_recommendations(ds, doc_ids, docs):
    refs = q.cross_references(ds, doc_ids["000_7db8ea50c72090f8.txt"])
    got = {(key(f"{a.theme} {a.number}"), key(f"{b.theme} {b.number}")) for a, b, _ in refs}
    want = {(key(r["from"]), key(r["to"])) for r in SEEDS["000_7db8ea50c72090f8.txt"][
        "cross_references"]}
    assert got == want
    for _, _, sources in refs:
        assert any("recommendation" in s.quote.lower() for s in sources)


@pytest.mark.parametrize("gold_name", ["000_7db8ea50c72090f8.txt", "003_3871c6b220084447.txt"])
def test_bodies_mentioned_in_passing_are_found(ds, gold_name):
    """Names as printed; the gold's one qualified name ("<area> <theme> sub group") is
    printed as "<area> sub group" in its theme's row, so half the words must match."""
    for name in SEEDS[gold_name]["bodies_mentioned"]:
        words = set(key(name).split())
        found = [e for e in q.find(ds, name.split()[-2] + " " + name.split()[-1], BODIES)
                 if len(words & set(key(e.label).split())) * 2 >= len(words)]
        assert found, name
