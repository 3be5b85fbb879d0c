"""One reference, one answer: the CLI and the HTTP API resolve a body, person, agency or
plan the same way (graph/queries/entities.get and plans.find_document behind both).

Each reference (an id, an IRI, an exact name, an alias or acronym, part of a name, a
misspelling, an unknown name) is given to a CLI command and to the matching HTTP route;
both must find the same entity, or both fail the same way (not found, or ambiguous).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.errors import EXIT_NOT_FOUND

runner = CliRunner(env={"COLUMNS": "200"})
ID = "https://w3id.org/cspgraph/id/"

# (kind, reference): kind picks the CLI command and the HTTP route.
CASES = [
    ("body", "worcestershire-safer-communities-board"),
    ("body", f"{ID}org/worcestershire-safer-communities-board"),
    ("body", "Worcestershire Safer Communities Board"),
    ("body", "worcestershire safer communities board"),
    ("body", "West Mercia Police and Crime Panel"),
    ("body", "Channel Panel"),
    ("body", "Worcestershire Chanel Panel"),
    ("body", "CDAP"),
    ("body", "Partnership"),
    ("body", "Cheshire Safer Raods Partnership"),
    ("body", "Atlantis Watch Committee"),
    ("person", "frances-howie"),
    ("person", f"{ID}person/frances-howie"),
    ("person", "Frances Howie"),
    ("person", "Dr Frances Howie"),
    ("person", "Howie"),
    ("person", "Frances Howei"),
    ("person", "Nobody Atall"),
    ("agency", "cheshire-police"),
    ("agency", f"{ID}org/cheshire-police"),
    ("agency", "Cheshire Police"),
    ("agency", "CSPs"),
    ("agency", "Police"),
    ("agency", "Cheshre Police"),
    ("agency", "Atlantis Constabulary"),
    ("plan", "west-cheshire-csp-plan-2023-24"),
    ("plan", f"{ID}plan/west-cheshire-csp-plan-2023-24"),
    ("plan", "west-cheshire-csp-plan-2023-24.txt"),
    ("plan", "West Cheshire 2023-24"),
    ("plan", "Cheshire"),
    ("plan", "Atlantis 1999"),
]


@pytest.fixture(autouse=True)
def built_once(monkeypatch, sample_build):
    """Without --graph the commands build the samples; reuse the session's build."""
    monkeypatch.setattr("cspgraph.graph.build.dataset.build", lambda *a, **k: sample_build)


def _cli(kind: str, ref: str) -> tuple[str, object]:
    """('found', the answers' IRIs), ('not found', None) or ('ambiguous', the count)."""
    args = {"body": ["who-chairs", ref, "--role", "chair"],
            "person": ["chairs", ref, "--role", "any"],
            "agency": ["leads", ref],
            "plan": ["leads", "Cheshire Police", "--plan", ref, "--kind", "Priority"]}[kind]
    result = runner.invoke(app, [*args, "--format", "json"])
    return _outcome(result.exit_code, result.output, lambda: json.loads(result.stdout))


def _http(client, kind: str, ref: str) -> tuple[str, object]:
    route = {"body": "bodies", "person": "people", "agency": "agencies", "plan": "plans"}[kind]
    if kind == "plan":
        r = client.get("/api/agencies/Cheshire%20Police", params={"plan": ref, "kind": "Priority",
                                                       "limit": 1000})
    else:
        r = client.get(f"/api/{route}/{quote(ref, safe='')}", params={"limit": 1000})
    body = r.json()
    text = body.get("detail", "") if r.status_code != 200 else ""
    code = {200: 0, 404: EXIT_NOT_FOUND, 409: EXIT_NOT_FOUND}.get(r.status_code, r.status_code)

    def answers() -> list:
        return {"body": body.get("chair"), "person": body.get("posts"),
                "agency": body.get("items"), "plan": body.get("items")}[kind]

    return _outcome(code, f"error: {text}" if text else "", answers,
                    ambiguous=r.status_code == 409, missing=r.status_code == 404)


def _outcome(code: int, output: str, answers, ambiguous: bool | None = None,
             missing: bool | None = None) -> tuple[str, object]:
    many = re.search(r"matches (\d+) (?:entities|documents)", output)
    if ambiguous or (ambiguous is None and code == EXIT_NOT_FOUND and many):
        return "ambiguous", many.group(1) if many else None
    if missing or (missing is None and code == EXIT_NOT_FOUND and "error: no " in output):
        return "not found", None
    assert code == 0, output
    found = answers()
    return "found", sorted((a.get("entity") or {}).get("iri", "") + "|" + a.get("label", "")
                           for a in found)


@pytest.mark.parametrize(("kind", "ref"), CASES, ids=[f"{k}:{r}" for k, r in CASES])
def test_cli_and_http_resolve_a_reference_alike(client, kind, ref):
    assert _cli(kind, ref) == _http(client, kind, ref)


def test_the_cases_cover_every_outcome(client):
    """The references above find, miss and are ambiguous, so the comparison means something."""
    seen = {(kind, _http(client, kind, ref)[0]) for kind, ref in CASES}
    assert {o for _, o in seen} == {"found", "not found", "ambiguous"}
    for kind in ("body", "person", "agency", "plan"):
        assert {(kind, "found"), (kind, "not found")} <= seen, kind
    found = [_http(client, kind, ref) for kind, ref in CASES if kind != "plan"]
    assert all(answers for outcome, answers in found if outcome == "found")
