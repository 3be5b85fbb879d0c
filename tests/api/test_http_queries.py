"""The users' questions q01-q18 answered through the HTTP API, with sources; read routes.

Mirrors tests/graph/test_questions.py: each answer set must match the gold exactly
(``also_accepted`` aside) and every answer must carry a source whose quote really is on
the lines it names. Then pagination and ids on the read routes.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import quote

import pytest

from tests.helpers.gold import assert_answer, key

WEST = "West Cheshire 2023-24"
STOCKTON = "Safer Stockton 2010"
AGREEMENT = "Community Safety Agreement 2017"
PCC = "West Mercia Police and Crime Commissioner"


def p(name: str) -> str:
    """A path segment for ``name`` (a name, an id or a whole IRI)."""
    return quote(name, safe="")


def get(client, url: str, **params) -> dict:
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, r.text)
    return r.json()


def labels(answers: list[dict]) -> list[str]:
    return [a["entity"]["label"] for a in answers]


def all_sources(answers: list[dict]) -> list[dict]:
    return [s for a in answers for s in a["sources"]]


def test_q01_lead_of_a_priority(client, docs):
    plan = get(client, f"/api/plans/{p(WEST)}")
    (prio,) = [x["priority"] for x in plan["priorities"]
               if key(x["priority"]["entity"]["label"]) == key("Domestic Abuse")]
    assert_answer("q01", labels(prio["leads"]), all_sources(prio["leads"]), docs)


def test_q02_who_chairs(client, docs):
    body = get(client, f"/api/bodies/{p('Worcestershire Prevent Strategy Group')}")
    assert_answer("q02", labels(body["chair"]), all_sources(body["chair"]), docs)


@pytest.mark.parametrize(("qid", "person"), [("q03", "Dr Frances Howie"), ("q04", "Sue Hanley")])
def test_q03_q04_what_a_person_chairs(client, docs, qid, person):
    got = get(client, f"/api/people/{p(person)}")
    assert_answer(qid, labels(got["chairs"]), all_sources(got["chairs"]), docs)


def test_q05_people_chairing_more_than_one_body(client, docs):
    people = get(client, "/api/people", limit=1000)
    assert people["total"] == len(people["items"])
    many, sources = [], []
    for ranked in people["items"]:
        person = get(client, f"/api/people/{p(ranked['entity']['iri'])}")
        if len({a["entity"]["iri"] for a in person["chairs"]}) > 1:
            many.append(person["person"]["label"])
            sources += all_sources(person["chairs"])
    assert_answer("q05", many, sources, docs)


def test_q06_reports_to(client, docs):
    body = get(client, f"/api/bodies/{p('Substance Misuse Strategic Oversight Group')}")
    assert_answer("q06", labels(body["reports_to"]), all_sources(body["reports_to"]), docs)


def test_q07_chain_of_accountability(client, docs):
    body = get(client, f"/api/bodies/{p('Worcestershire Reducing Re-Offending Strategy Group')}")
    chain = body["accountability_chain"]
    assert_answer("q07", labels(chain), all_sources(chain), docs)


def test_q08_group_lead_and_agency(client, docs):
    body = get(client, f"/api/bodies/{p('Anti-Social Behaviour Group')}")
    (lead,) = [a for a in body["posts"] if a["detail"]["role"] == "lead"]
    assert_answer("q08", [lead["entity"]["label"], lead["detail"]["organisation"]],
                  lead["sources"], docs)


def test_q09_priorities_an_agency_leads(client, docs):
    got = get(client, f"/api/agencies/{p('Cheshire Police')}", plan=WEST, kind="Priority")
    agency = got["agency"]["iri"]
    sources = [s for i in got["items"] for a in i["leads"] if a["entity"]["iri"] == agency
               for s in a["sources"]]
    assert_answer("q09", labels(got["items"]), sources, docs)


def test_q10_indicators_a_group_owns(client, docs):
    body = get(client, f"/api/bodies/{p('Preventing Offending Group')}")
    assert_answer("q10", labels(body["indicators"]), all_sources(body["indicators"]), docs)


def test_q11_data_gaps_by_lead(client, docs):
    got = get(client, "/api/agencies/police", plan=STOCKTON, kind="DataGap")
    assert_answer("q11", [i["number"] for i in got["items"]], all_sources(got["items"]), docs)


def test_q12_actions_by_lead_and_due_date(client, docs):
    got = get(client, f"/api/agencies/{p('Worcestershire County Council Public Health')}",
              plan=AGREEMENT, kind="Action")
    june = date(2017, 6, 30).isoformat()
    due = [i for i in got["items"]
           if i["due_start"] and i["due_end"] and i["due_start"] <= june <= i["due_end"]]
    assert_answer("q12", labels(due), all_sources(due), docs)


def matrix(client, against: str, **extra) -> dict:
    return get(client, "/api/alignment", plan=WEST, against=against, **extra)


@pytest.mark.parametrize(("qid", "objective"), [
    ("q13", "Improve public confidence in policing"), ("q14", "Protect vulnerable people")])
def test_q13_q14_priorities_serving_an_objective(client, docs, qid, objective):
    m = matrix(client, "Police and Crime Plan")
    (target,) = [o for o in m["objectives"]
                 if key(objective) in {key(n) for n in (o["label"], *o["alt_labels"])}]
    cells = [c for c in m["cells"] if c["objective"]["iri"] == target["iri"]]
    assert_answer(qid, [c["priority"]["label"] for c in cells], all_sources(cells), docs)


def test_q15_distinct_objectives_once_variants_merge(client, docs):
    m = matrix(client, "Police and Crime Plan")
    cited = {c["objective"]["iri"] for c in m["cells"]}
    assert_answer("q15", [str(len(cited))], all_sources(m["cells"]), docs)


def test_q16_council_plan_objectives_a_priority_supports(client, docs):
    m = matrix(client, "Play Your Part to Thrive")
    cells = [c for c in m["cells"] if key(c["priority"]["label"]) == key("Serious Violence")]
    assert_answer("q16", [c["objective"]["label"] for c in cells], all_sources(cells), docs)


def test_q17_who_scrutinises(client, docs):
    body = get(client, f"/api/bodies/{p(PCC)}")
    assert_answer("q17", labels(body["scrutinised_by"]), all_sources(body["scrutinised_by"]),
                  docs)


def test_q18_what_the_commissioner_oversees(client, docs):
    body = get(client, f"/api/bodies/{p(PCC)}")
    assert_answer("q18", labels(body["oversees"]), all_sources(body["oversees"]), docs)


# ----------------------------------------------------------------- ids, lists and pages


def test_an_id_may_be_the_iri_its_last_segment_or_a_name(client):
    hits = get(client, "/api/search", q="Prevent Strategy Group", kind="body")
    (hit,) = [h for h in hits["items"] if h["label"] == "Worcestershire Prevent Strategy Group"]
    assert hit["type"] == "OrganizationalUnit" and hit["href"] == f"/bodies/{hit['id']}"
    for ref in (hit["iri"], hit["id"], "worcestershire prevent strategy group", "PSG"):
        assert get(client, f"/api/bodies/{p(ref)}")["body"]["iri"] == hit["iri"], ref


def test_search_finds_acronyms_with_type_and_id(client):
    hits = get(client, "/api/search", q="WCC PH")["items"]
    assert {h["label"] for h in hits} == {"Worcestershire County Council Public Health"}
    assert "FormalOrganization" in {h["type"] for h in hits}  # and the document's alias
    assert all(h["id"] == h["iri"].rsplit("/", 1)[-1] for h in hits)


@pytest.mark.parametrize(("url", "params"), [
    ("/api/search", {"q": "group"}), ("/api/bodies", {}), ("/api/people", {}),
    ("/api/agencies", {}), ("/api/plans", {}), ("/api/quality", {}),
    (f"/api/agencies/{p('Cheshire Police')}", {})])
def test_every_list_is_paginated(client, url, params):
    whole = client.get(url, params={**params, "limit": 1000}).json()
    assert whole["total"] == len(whole["items"]) >= 3, url
    page = client.get(url, params={**params, "limit": 2, "offset": 1}).json()
    assert (page["limit"], page["offset"], page["total"]) == (2, 1, whole["total"])
    assert page["items"] == whole["items"][1:3]
    past = client.get(url, params={**params, "offset": whole["total"]}).json()
    assert past["items"] == [] and past["total"] == whole["total"]


def test_plans_list_the_documents_and_filter_as_at(client):
    plans = get(client, "/api/plans")
    assert plans["total"] == 5
    live = get(client, "/api/plans", as_at="2017-06-30")["items"]
    assert [d["doc_id"] for d in live] == ["worcestershire-community-safety-agreement-2017-2018"]


def test_plan_has_period_priorities_with_actions_and_higher_plans(client):
    plan = get(client, f"/api/plans/{p(WEST)}")
    assert plan["document"]["period"] == "2023-24"
    assert len(plan["priorities"]) >= 5
    assert sum(len(x["items"]) for x in plan["priorities"]) > 0
    cited = {e["label"] for e in plan["higher_plans"]}
    assert any("Police and Crime Plan" in c for c in cited)
    iri = plan["document"]["plan"]["iri"]
    assert get(client, f"/api/plans/{p(iri)}")["document"]["doc_id"] == plan["document"]["doc_id"]


def test_agency_filtered_as_at_a_date(client):
    ref = f"/api/agencies/{p('Worcestershire County Council Public Health')}"
    then = get(client, ref, as_at="2017-06-30", limit=1000)
    assert then["total"] > 0 and then["as_at"] == "2017-06-30"
    assert get(client, ref, as_at="2030-01-01")["total"] == 0


def test_body_lists_members_sub_groups_and_plans_issued(client):
    board = get(client, f"/api/bodies/{p('Worcestershire Safer Communities Board')}")
    assert board["sub_groups"] and board["chair"]
    assert all(a["sources"] for a in board["sub_groups"] + board["chair"])


def test_alignment_with_suggestions_labels_them(client):
    m = matrix(client, "Police and Crime Plan", include="suggested")
    assert {c["status"] for c in m["cells"]} <= {"asserted", "curated", "suggested"}
    assert all(c["score"] is not None for c in m["cells"] if c["status"] == "suggested")
    assert client.get("/api/alignment", params={"plan": WEST, "against": "Police",
                                                "include": "everything"}).status_code == 422


def test_alignment_csv_is_the_same_matrix(client):
    m = matrix(client, "Police and Crime Plan")
    r = client.get("/api/alignment.csv", params={"plan": WEST, "against": "Police and Crime Plan"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][1:-1] == [o["label"] for o in m["objectives"]]
    assert [row[0] for row in rows[1:-1]] == [x["label"] for x in m["priorities"]]
    asserted = sum(cell == "asserted" for row in rows[1:-1] for cell in row[1:-1])
    assert asserted == len({(c["priority"]["iri"], c["objective"]["iri"]) for c in m["cells"]})
    unserved = [o["label"] for o, mark in zip(m["objectives"], rows[-1][1:-1], strict=True)
                if mark == "yes"]
    assert unserved == [o["label"] for o in m["unserved_objectives"]]


def test_quality_has_the_shacl_report_and_coverage(client):
    report = get(client, "/api/quality", limit=1000)
    assert report["conforms"] is True and report["violations"] == 0
    assert report["total"] == sum(report["counts"].values()) > 0
    assert len(report["documents"]) == 5
    assert all(d["facts"] > 0 and 0 < d["share_understood"] <= 1 for d in report["documents"])
    warnings = get(client, "/api/quality", severity="Warning")
    assert warnings["total"] == report["total"]


def test_document_text_is_json_not_html(client):
    r = client.get(f"/api/plans/{p(WEST)}")
    assert r.headers["content-type"].startswith("application/json")


def test_cached_reads_never_outlive_a_rebuild(fresh_client):
    """A GET answer is cached per graph snapshot; a write that swaps the graph clears it."""
    import rdflib

    from cspgraph.api.http.state import Snapshot

    first = fresh_client.get("/api/plans").json()["total"]
    assert fresh_client.get("/api/plans").json()["total"] == first  # served from the cache
    state = fresh_client.app.state.graph
    old = state.snapshot
    state._snapshot = Snapshot(rdflib.Dataset(default_union=True))  # a new, empty graph
    assert fresh_client.get("/api/plans").json()["total"] == 0
    state._snapshot = old
