"""The ask commands on the real samples: answers, sources, JSON, names, exit codes."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from cspgraph.api.cli.app import app
from cspgraph.api.cli.output import shorten, source_text, table
from cspgraph.graph.queries import SourceRef
from tests.helpers.cli import build_graph, runner

WEST = "West Cheshire 2023-24"
PCP = "Police and Crime Plan"
WORCS = "worcestershire-community-safety-agreement-2017-2018.txt"
WEST_FILE = "west-cheshire-csp-plan-2023-24.txt"


@pytest.fixture(autouse=True)
def built_once(monkeypatch, sample_build):
    """Without --graph the commands build the samples; reuse the session's build (fast).

    A test that calls ``monkeypatch.undo()`` runs the real in-memory build.
    """
    monkeypatch.setattr("cspgraph.graph.build.dataset.build", lambda *a, **k: sample_build)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return build_graph(tmp_path_factory.mktemp("ask") / "graph.trig")


def ask(*args: str) -> object:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str) -> list | dict:
    return json.loads(ask(*args, "--format", "json").stdout)


def test_who_chairs_names_the_chair_with_the_source_line(monkeypatch):
    monkeypatch.undo()  # the real build of the bundled samples, as after install
    out = ask("who-chairs", "Worcestershire Prevent Strategy Group").output
    assert "Tim Rice" in out
    assert f"{WORCS}:123 \u201cTim Rice, WCC PH\u201d" in out
    assert "1 answer" in out


def test_who_chairs_matches_loosely_and_shows_the_body_it_matched():
    out = ask("who-chairs", "prevent strategy group").output
    assert "Chair of Worcestershire Prevent Strategy Group" in out and "Tim Rice" in out


def test_who_chairs_other_posts_with_role():
    out = ask("who-chairs", "Anti-Social Behaviour Group", "--role", "lead").output
    assert "Mick Garrihy" in out and "Superintendent" in out
    none = ask("who-chairs", "Anti-Social Behaviour Group").output
    assert "no chair of Anti-Social Behaviour Group" in none


def test_chairs_lists_the_two_bodies_a_person_chairs():
    answers = as_json("chairs", "Sue Hanley")
    assert sorted(a["entity"]["label"] for a in answers) == [
        "North Worcestershire CSP", "Worcestershire Reducing Re-Offending Strategy Group"]
    assert {s["line_start"] for a in answers for s in a["sources"]} == {115, 135}
    table = ask("chairs", "Sue Hanley").output
    assert "2 answers" in table and f"{WORCS}:115" in table and f"{WORCS}:135" in table


def test_chairs_any_role_shows_the_role_column():
    out = ask("chairs", "Sue Hanley", "--role", "any").output
    assert "role" in out and "chair" in out


def test_leads_lists_the_five_priorities_with_the_lead_sources():
    args = ("leads", "Cheshire Police", "--plan", WEST, "--kind", "Priority")
    out = ask(*args).output
    assert "5 items" in out
    for line in (25, 39, 69, 77, 94):
        assert f"{WEST_FILE}:{line} \u201cCheshire Police\u201d" in out
    items = as_json(*args)
    assert [i["entity"]["label"] for i in items] == [
        "Exploitation & Serious Organised Crime (SOC)", "Anti-social behaviour",
        "Domestic Abuse", "Violence Against Women & Girls (VAWG)", "Serious Violence"]
    assert all(i["kind"] == "Priority" and i["sources"] and i["leads"] for i in items)


def test_leads_due_by_keeps_items_due_on_or_before_the_date():
    items = as_json("leads", "WCC PH", "--kind", "Action", "--due-by", "2017-06-30")
    assert len(items) == 5
    assert all(i["due_end"] <= "2017-06-30" for i in items)  # dates are ISO strings
    later = as_json("leads", "WCC PH", "--kind", "Action", "--due-by", "2017-07-31")
    assert len(later) > len(items)


def test_leads_rejects_a_bad_date_and_kind():
    assert runner.invoke(app, ["leads", "Police", "--due-by", "2017-13-01"]).exit_code == 2
    assert runner.invoke(app, ["leads", "Police", "--kind", "Goal"]).exit_code == 2


def test_alignment_marks_the_matrix_and_reports_no_gaps():
    out = ask("alignment", "--plan", WEST, "--against", PCP).output
    assert "25 links: 7 priorities × 4 objectives" in out
    assert "O1  Deliver justice for victims of crime" in out
    assert out.count("✓") == 25
    assert f"{WEST_FILE}:15" in out and "\u201cPrevent and Tackle Crime.\u201d" in out
    assert "no priority serves: none" in out and "citing no objective of Police and Crime Plan:" \
        " none" in out
    matrix = as_json("alignment", "--plan", WEST, "--against", PCP)
    assert len(matrix["priorities"]) == 7 and len(matrix["objectives"]) == 4
    assert len(matrix["cells"]) == 25 and all(c["sources"] for c in matrix["cells"])


def test_gaps_on_west_cheshire_are_none_both_ways():
    out = ask("gaps", "--plan", WEST, "--against", PCP).output
    assert "Objectives of Police and Crime Plan no priority serves: none" in out
    assert "Priorities citing no objective of Police and Crime Plan: none" in out
    data = as_json("gaps", "--plan", WEST, "--against", PCP)
    assert data["unserved_objectives"] == [] and data["priorities_citing_nothing"] == []


def test_gaps_list_priorities_citing_nothing_with_their_sources():
    args = ("gaps", "--plan", "Community Safety Agreement 2017", "--against", "West Mercia")
    out = ask(*args).output
    assert "holds no objectives" in out
    assert f"{WORCS}:44 \u201cDomestic Abuse\u201d" in out
    data = as_json(*args)
    assert len(data["priorities_citing_nothing"]) == 9
    assert all(p["sources"] for p in data["priorities_citing_nothing"])


def test_documents_lists_the_five_samples():
    out = ask("documents").output
    assert "5 documents" in out and "PartnershipPlan" in out and "2023-24" in out
    docs = as_json("documents")
    assert len(docs) == 5
    west = next(d for d in docs if d["doc_id"] == "west-cheshire-csp-plan-2023-24")
    assert west["start"] == "2023-04-01" and west["sources"][0]["lines"] == "5-10"


def test_as_at_keeps_the_plans_in_force_on_a_date():
    docs = as_json("documents", "--as-at", "2017-06-01")
    assert [d["doc_id"] for d in docs] == ["worcestershire-community-safety-agreement-2017-2018"]
    assert "Documents in force on 2017-06-01" in ask("documents", "--as-at", "2017-06-01").output
    assert len(as_json("leads", "Cheshire Police", "--kind", "Priority",
                       "--as-at", "2023-06-01")) == 5
    assert "leads nothing" in ask("leads", "WCC PH", "--as-at", "2023-06-01").output


def test_search_finds_by_acronym_and_shows_type_and_id():
    out = ask("search", "ASB").output
    assert "Anti-social behaviour" in out and "term" in out and "alias" in out
    found = as_json("search", "WCC PH")["items"]
    assert found[0]["matched"] == "alias"
    assert found[0]["label"] == "Worcestershire County Council Public Health"
    assert "nothing is named" in ask("search", "zzzz").output


def test_json_answers_carry_sources():
    (answer,) = as_json("who-chairs", "Worcestershire Prevent Strategy Group")
    assert answer["entity"]["label"] == "Tim Rice"
    (source,) = answer["sources"]
    assert source["document"] == WORCS and source["lines"] == "123"
    assert source["quote"] == "Tim Rice, WCC PH"


@pytest.mark.parametrize("args", [
    ("who-chairs", "Worcestershire"),
    ("chairs", "Group"),
    ("leads", "Police", "--plan", "Cheshire"),
])
def test_an_ambiguous_name_lists_the_candidates_and_exits_3(args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 3
    assert "matches" in result.output and ";" in result.output
    assert "hint:" in result.output


def test_ambiguous_body_names_real_candidates():
    result = runner.invoke(app, ["who-chairs", "Worcestershire"])
    assert "North Worcestershire CSP" in result.output
    assert "Worcestershire Prevent Strategy Group" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (("who-chairs", "Nonexistent Board"), "no body named 'Nonexistent Board'"),
    (("chairs", "Nobody Atall"), "no person or agency named 'Nobody Atall'"),
    (("leads", "Nonexistent Agency"), "no lead named 'Nonexistent Agency'"),
    (("leads", "Police", "--plan", "Atlantis 1999"), "no document matches 'Atlantis 1999'"),
    (("alignment", "--plan", WEST, "--against", "Nothing Plan"), "no plan named 'Nothing Plan'"),
])
def test_an_unknown_name_exits_3_with_a_clear_message(args, message):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 3
    assert message in result.output


def test_a_saved_graph_gives_the_same_answers(graph_file):
    saved = as_json("who-chairs", "Worcestershire Prevent Strategy Group",
                    "--graph", str(graph_file))
    built = as_json("who-chairs", "Worcestershire Prevent Strategy Group")
    assert saved == built
    out = ask("leads", "Cheshire Police", "--plan", WEST, "--kind", "Priority",
              "--graph", str(graph_file)).output
    assert "5 items" in out


def test_curated_facts_show_their_file_line_and_author(tmp_path, monkeypatch):
    monkeypatch.undo()  # build --curation must really build
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(
        "author: A. Analyst\ndate: 2026-01-15\nentries:\n"
        '  - add: {chair: "Anti-Social Behaviour Group", person: "Jane Roe"}\n'
        '  - replaces: ["West Cheshire 2023-24", "Cheshire East 2009-2012"]\n',
        encoding="utf-8")
    graph = tmp_path / "curated.trig"
    built = runner.invoke(app, ["build", "--curation", str(fixes), "-o", str(graph)])
    assert built.exit_code == 0, built.output
    out = ask("who-chairs", "Anti-Social Behaviour Group", "--graph", str(graph)).output
    assert "Jane Roe" in out and "fixes.yaml:4" in out and "(curated by A. Analyst)" in out
    docs = ask("documents", "--graph", str(graph)).output
    assert "replaced by" in docs
    (east,) = [d for d in as_json("documents", "--graph", str(graph))
               if d["doc_id"].startswith("cheshire-east")]
    assert east["replaced_by"]["label"].startswith("West Cheshire")


def test_a_missing_graph_file_exits_4(tmp_path):
    result = runner.invoke(app, ["documents", "--graph", str(tmp_path / "none.trig")])
    assert result.exit_code == 4 and "none.trig" in result.output


def test_brackets_in_quotes_are_not_markup_and_long_quotes_are_shortened():
    long = "word " * 30
    assert shorten(long, 20).endswith("…") and len(shorten(long, 20)) <= 20
    assert shorten("short quote") == "short quote"
    ref = SourceRef("plan.txt", "plan", 3, 4, "[bold]Lead[/bold] " + long)
    console = Console(width=300, record=True)
    console.print(table("t", ("name", "source"), [("[red]x", source_text([ref, ref]))]))
    text = console.export_text()
    assert "[red]x" in text and "plan.txt:3-4 “[bold]Lead[/bold] word" in text
    assert text.count("plan.txt") == 1 and "…”" in text
