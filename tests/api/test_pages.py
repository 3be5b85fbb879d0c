"""The browsable pages: entity pages with JSON twins and sources, ranked search with
did-you-mean, the PCC's cross-plan view, and the quality page, on the sample graph and
asserted against the users' questions in tests/gold/questions.json."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from urllib.parse import quote

import pytest

HTML = {"Accept": "text/html"}


def page(client, url: str) -> str:
    r = client.get(url, headers=HTML)
    assert r.status_code == 200, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def links(html: str) -> dict[str, str]:
    """Link text -> href, for every link of a page."""
    return {unescape(re.sub(r"<[^>]+>", "", text)).strip(): unescape(href)
            for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)}


def search_hit(client, name: str, kind: str | None = None) -> dict:
    found = client.get("/api/search", params={"q": name, **({"kind": kind} if kind else {})})
    hits = [h for h in found.json()["items"] if h["label"] == name and h["href"]]
    assert hits, name
    return hits[0]


@pytest.mark.parametrize(("prefix", "ref", "api"), [
    ("/bodies", "Worcestershire Prevent Strategy Group", "/api/bodies"),
    ("/people", "Tim Rice", "/api/people"),
    ("/agencies", "Cheshire Police", None),
    ("/plans", "west-cheshire-csp-plan-2023-24", "/api/plans"),
])
def test_each_page_has_a_json_twin_by_suffix_and_by_accept(client, prefix, ref, api):
    ident = ref if prefix == "/plans" else search_hit(client, ref)["id"]
    html = page(client, f"{prefix}/{ident}")
    assert f'href="{prefix}/{ident}.json"' in html  # the page links its twin
    twin = client.get(f"{prefix}/{ident}.json")
    assert twin.headers["content-type"].startswith("application/json")
    assert client.get(f"{prefix}/{ident}", headers={"Accept": "application/json"}).json() \
        == twin.json()
    if api:  # the twin is the API's answer
        assert client.get(f"{api}/{ident}").json() == twin.json()


def test_a_body_page_names_its_chair_and_links_to_their_page(client, answers):
    body = search_hit(client, "Worcestershire Prevent Strategy Group")
    html = page(client, body["href"])
    (chair,) = answers["q02"]
    person = links(html)[chair]
    assert person.startswith("/people/")
    assert "Worcestershire Prevent Strategy Group" in page(client, person)


def test_a_body_page_shows_its_chain_of_accountability(client, answers):
    body = search_hit(client, "Worcestershire Reducing Re-Offending Strategy Group")
    html = page(client, body["href"])
    chain = html.split("Chain of accountability", 1)[1].split("</section>", 1)[0]
    for above in answers["q07"]:
        assert unescape(above) in unescape(chain), above


def test_a_person_page_lists_the_bodies_they_chair_with_sources(client, answers):
    person = search_hit(client, "Dr Frances Howie", "person")
    html = unescape(page(client, person["href"]))
    for body in answers["q03"]:
        assert body in html
    assert "/documents/" in html and "/source?" in html  # each post shows its source


def test_a_source_link_opens_the_quoted_lines_with_its_line_marked(client):
    person = search_hit(client, "Tim Rice", "person")
    html = page(client, person["href"])
    source = next(h for h in links(html).values() if "/source?" in h)
    view = page(client, source)
    line = int(re.search(r"line=(\d+)", source).group(1))
    assert f'id="L{line}" class="hit"' in view
    assert "Tim Rice" in unescape(view)


def test_an_agency_page_lists_what_it_leads_and_what_falls_due(client, answers):
    agency = search_hit(client, "Worcestershire County Council Public Health")
    html = unescape(page(client, f"/agencies/{agency['id']}"))
    for action in answers["q12"]:
        assert action in html
    due = html.split("Falling due, by date", 1)[1]
    assert re.search(r"\d{4}-\d{2}-\d{2}", due)


def test_a_plan_page_lists_priorities_with_leads_and_the_higher_plans(client, answers):
    html = unescape(page(client, "/plans/west-cheshire-csp-plan-2023-24"))
    leads = html.split("<h3>Domestic Abuse</h3>", 1)[1].split("<h3>", 1)[0]
    for lead in answers["q01"]:
        assert lead in leads
    assert "Police and Crime Plan" in html.split("Higher plans it cites", 1)[1]


def test_search_ranks_exact_then_partial_and_the_exact_match_hides_nothing(client):
    hits = client.get("/search.json", params={"q": "domestic abuse"}).json()["items"]
    tiers = [h["matched"] for h in hits]
    assert tiers[0] == "exact" and "partial" in tiers
    assert tiers == sorted(tiers, key=["exact", "alias", "partial", "fuzzy"].index)
    forum = [h for h in hits if h["label"] == "Domestic Abuse Forum"]
    assert forum and forum[0]["kind"] in {"forum", "sub-group"}


def test_kinds_are_plain_words(client):
    kinds = {h["kind"] for h in client.get("/search.json", params={"q": "board"}).json()["items"]}
    assert "board" in kinds
    assert not kinds & {"OrganizationalUnit", "FormalOrganization", "Organization"}
    assert search_hit(client, "Tim Rice")["kind"] == "person"


@pytest.mark.parametrize("name", ["Tim Rice", "Frances Howie", "Sue Hanley"])
def test_a_typo_finds_the_person_and_says_did_you_mean(client, name):
    typo = name[:-2] + name[-1]  # a letter dropped from the surname
    found = client.get("/search.json", params={"q": typo}).json()
    assert any(name in m for m in found["did_you_mean"]), found
    html = unescape(page(client, f"/search?q={quote(typo)}"))
    assert "Did you mean" in html and name in html


def test_the_cli_search_and_name_lookups_share_the_ranking(client):
    from typer.testing import CliRunner

    from cspgraph.api.cli.app import app

    cli = CliRunner().invoke(app, ["search", "domestic abuse", "--format", "json"])
    http = client.get("/search.json", params={"q": "domestic abuse", "limit": 50}).json()

    assert [h["iri"] for h in json.loads(cli.stdout)["items"]] == \
        [h["iri"] for h in http["items"]][:50]


def test_cross_plan_view_lists_who_serves_each_objective_with_sources(client, answers):
    default = client.get("/alignment.json").json()  # no plan chosen: the first one cited
    cited = {h["iri"] for d in client.get("/api/plans").json()["items"]
             for h in client.get(f"/api/plans/{d['doc_id']}").json()["higher_plans"]}
    assert default["against"]["iri"] in cited
    view = client.get("/alignment.json", params={"against": "Police and Crime Plan 2021"}).json()
    assert view["against"]["label"] == "Police and Crime Plan"
    served = {c["objective"]["label"]: c for c in view["objectives"]}
    q13 = served["Improving public confidence in policing"]
    names = {cell["priority"]["label"] for sp in q13["served_by"] for cell in sp["cells"]}
    assert set(answers["q13"]) <= names
    assert all(cell["sources"] for sp in q13["served_by"] for cell in sp["cells"])
    # plans whose period does not overlap 2021-2024 are shown apart, with the reason
    apart = {a["document"]["doc_id"]: a["reason"] for a in view["apart"]}
    assert "cheshire-east-csp-partnership-plan-2009-2012" in apart
    assert "does not overlap" in apart["cheshire-east-csp-partnership-plan-2009-2012"]
    assert len(view["objectives"]) == int(answers["q15"][0])


def test_cross_plan_page_has_selectors_and_downloads(client):
    against = "https://w3id.org/cspgraph/id/plan/police-and-crime-plan-2021-2024"
    html = page(client, f"/alignment?against={quote(against)}")
    assert '<select id="against"' in html and '<select id="plan"' in html
    assert 'id="area"' in html and "Download PNG" in html
    csv_link = unescape(re.search(r'<a href="(/alignment\.csv[^"]*)"', html).group(1))
    r = client.get(csv_link)
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0][:3] == ["higher plan", "objective", "served"]
    assert {row[1] for row in rows[1:]} >= {"Improving public confidence in policing"}


def test_cross_plan_cli_without_plan(answers):
    from typer.testing import CliRunner

    from cspgraph.api.cli.app import app

    args = ["alignment", "--against", "Police and Crime Plan 2021"]
    table = CliRunner().invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "apart: cheshire-east-csp-partnership-plan-2009-2012" in table.stdout
    view = json.loads(CliRunner().invoke(app, [*args, "--format", "json"]).stdout)
    served = {c["objective"]["label"]: c for c in view["objectives"]}
    cells = served["Improving public confidence in policing"]["served_by"][0]["cells"]
    assert set(answers["q13"]) <= {c["priority"]["label"] for c in cells}


def test_the_landing_page_links_to_pages_not_json(client):
    html = page(client, "/")
    for target in links(html).values():
        if target.startswith("/") and not target.endswith(".json"):
            r = client.get(target, headers=HTML)
            assert r.headers["content-type"].startswith("text/html"), target
    assert 'action="/search"' in html


def test_quality_page_and_unknown_pages(client):
    assert "What each document gave" in page(client, "/quality")
    r = client.get("/bodies/no-such-body-at-all", headers=HTML)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert client.get("/bodies/no-such-body-at-all.json").status_code == 404
    assert client.get("/bodies/no-such-body-at-all.json").json()["status"] == 404


def test_document_text_on_pages_is_escaped(api_settings, tmp_path):
    from fastapi.testclient import TestClient

    from cspgraph.api.http.app import create_app
    from cspgraph.api.http.state import GraphState

    doc = tmp_path / "evil.txt"
    doc.write_text("# Northvale &lt;img src=x onerror=alert(1)&gt; Community Safety Partnership"
                   " Plan 2024-25\n\nThe Board is chaired by Cllr Ann &lt;b&gt;Hale "
                   "(Northvale Council).\n", encoding="utf-8")
    c = TestClient(create_app(GraphState(api_settings, [doc])))
    for url in ["/", "/bodies", "/plans", "/search?q=Northvale", "/alignment", "/people"]:
        html = c.get(url, headers=HTML).text
        assert "<img src=x" not in html and "<b>Hale" not in html, url
