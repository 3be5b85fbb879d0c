"""The SYNTHETIC corpus generator (benchmarks/synthetic_corpus.py) and the real loaders.

Scale 1 is generated into a temporary folder and built with ``build``; the query layer's
answers are then compared with the manifest's ground truth.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cspgraph.errors import CspGraphError
from cspgraph.graph import queries as Q
from cspgraph.graph.build.dataset import BuildResult, build
from cspgraph.graph.build.names import normalise, strip_titles

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SAMPLE_PLACES = ("Cheshire", "Chester", "Worcester", "Stockton", "Mercia", "Shropshire",
                 "Hereford", "Redditch", "Bromsgrove", "Liverpool", "Merseyside", "Cleveland",
                 "Ipswich", "Cardiff")
RELATIONS: dict[str, Callable] = {"sub-group of": Q.parent_bodies, "reports to": Q.reports_to,
                                  "oversees": Q.oversees, "scrutinises": Q.scrutinises}


def _generator():
    """The generator module, imported from the benchmarks folder (not a package)."""
    if str(BENCHMARKS) not in sys.path:  # its sibling modules import each other by name
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("synthetic_corpus",
                                                  BENCHMARKS / "synthetic_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("synthetic")
    return out, _generator().generate(1, out, seed=7)


@pytest.fixture(scope="module")
def built(corpus) -> BuildResult:
    return build([corpus[0] / "documents"])


def _key(name: str) -> str:
    return normalise(strip_titles(name))


def _here(answer, file: str) -> bool:
    return any(s.document == file for s in answer.sources)


def _named(ds, ask: Callable, body: str, *args) -> list:
    try:
        return ask(ds, body, *args)
    except CspGraphError:
        return []


def recall(ds, manifest: dict, every: int = 1) -> dict[str, tuple[int, int]]:
    """(found, expected) per fact type, the manifest's truth against the query layer.

    ``alignment`` costs a pass over every document per call, so only every ``every``-th
    plan's objective citations are checked.
    """
    score = dict.fromkeys(("chairs", "priorities", "lead agencies", "objective citations",
                           "structure", "actions", "recommendations"), (0, 0))

    def add(kind: str, found: int, expected: int = 1) -> None:
        score[kind] = (score[kind][0] + found, score[kind][1] + expected)

    by_doc: dict[str, dict[str, list]] = {}
    for item in Q.items(ds):  # one call for the whole corpus: the layer scans every document
        by_doc.setdefault(item.document, {}).setdefault(item.kind, []).append(item)
    plans = 0
    for doc in manifest["documents"]:
        file = Path(doc["file"]).name
        loaded = by_doc.get(file, {})
        for role, people in (("chair", doc.get("chairs", {})),
                             ("holder", doc.get("holders", {}))):
            for body, person in people.items():
                answers = _named(ds, Q.post_holders, body, role)
                add("chairs", any(_key(a.label) == _key(person) and _here(a, file)
                                  for a in answers))
        for subject, relation, obj in doc.get("relations", []):
            answers = _named(ds, RELATIONS[relation], subject)
            add("structure", any(_key(a.label) == _key(obj) and _here(a, file)
                                 for a in answers))
        named = {_key(p.label): p for p in loaded.get("Priority", [])}
        for p in doc.get("priorities", []):
            found = named.get(_key(p["name"]))
            add("priorities", found is not None)
            leads = {_key(a.label) for a in found.leads} if found else set()
            for lead in p["lead_agencies"]:
                add("lead agencies", _key(lead) in leads)
        cited = sorted({label for p in doc.get("priorities", []) for label in p["objectives"]})
        plans += bool(cited)
        for plan in cited if (plans - 1) % every == 0 else ():
            try:
                cells = Q.alignment(ds, file, plan).cells
            except CspGraphError:
                cells = []
            linked = {(_key(c.priority.label), _key(c.objective.label)) for c in cells}
            for p in doc["priorities"]:
                for objective in p["objectives"].get(plan, []):
                    add("objective citations", (_key(p["name"]), _key(objective)) in linked)
        for kind, label in (("actions", "Action"), ("recommendations", "Recommendation")):
            if doc.get(kind):
                add(kind, min(len(loaded.get(label, [])), doc[kind]), doc[kind])
    return score


def test_every_document_loads(corpus, built):
    _, manifest = corpus
    assert not built.failed, [r.error for r in built.failed]
    assert not [p for r in built.reports for p in r.problems]
    assert len(built.loaded) == manifest["counts"]["documents"] == len(manifest["documents"])


def test_recall_against_the_manifest(corpus, built):
    scores = recall(built.dataset, corpus[1], every=3)
    for kind, (found, expected) in scores.items():
        print(f"recall {kind}: {found}/{expected} = {found / expected:.3f}")
    low = {k: f"{f}/{e}" for k, (f, e) in scores.items() if not e or f / e < 0.95}
    assert not low, f"recall under 0.95: {low}"


def test_every_title_is_labelled_synthetic(corpus, built):
    folder, manifest = corpus
    titles = [d.plan.label if d.plan else "" for d in Q.documents(built.dataset)]
    assert len(titles) == len(manifest["documents"])
    assert all("SYNTHETIC" in t for t in titles), [t for t in titles if "SYNTHETIC" not in t]
    for doc in manifest["documents"]:
        assert "SYNTHETIC" in doc["title"]
        assert doc["title"] in (folder / doc["file"]).read_text(encoding="utf-8")


def test_no_place_name_from_the_samples(corpus):
    folder, _ = corpus
    for path in [*folder.rglob("*.txt"), folder / "manifest.json"]:
        text = path.read_text(encoding="utf-8")
        assert not [p for p in SAMPLE_PLACES if p in text], path.name


def test_near_duplicates_are_planted_and_recorded(corpus):
    folder, manifest = corpus
    pairs = manifest["near_duplicates"]
    assert pairs and len(pairs) == manifest["counts"]["planted duplicate pairs"]
    assert len(pairs) <= 0.1 * manifest["counts"]["recommendations"]
    for pair in pairs:
        a, b = pair["original"], pair["duplicate"]
        assert a["document"] != b["document"] and a["text"] != b["text"]
        assert a["text"] in (folder / a["document"]).read_text(encoding="utf-8")
        assert b["text"] in (folder / b["document"]).read_text(encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate = _generator().generate
    generate(1, tmp_path / "a", seed=11)
    generate(1, tmp_path / "b", seed=11)
    generate(1, tmp_path / "c", seed=12)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_a_folder_with_documents_is_refused(corpus):
    with pytest.raises(SystemExit, match="not empty"):
        _generator().generate(1, corpus[0])
