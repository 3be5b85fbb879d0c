"""The gold files in tests/gold and the checks the users' questions share."""

from __future__ import annotations

import json
from pathlib import Path

from cspgraph.graph import queries as q
from cspgraph.graph.build.names import normalise, strip_titles
from cspgraph.graph.similarity.texts import clean_text
from cspgraph.loaders.load import document_id

GOLD = Path(__file__).resolve().parents[1] / "gold"


def gold(name: str) -> dict:
    """A gold file from tests/gold."""
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


QUESTIONS: dict[str, dict] = {x["id"]: x for x in gold("questions.json")["questions"]}
PAIRS: list[dict] = gold("similar_pairs.json")["pairs"]
SEEDS: dict[str, dict] = gold("seeds.json")["documents"]
PLAN_2009_GOLD = SEEDS["001_a1bfb6a68dcea0b0.txt"]
AGREEMENT_GOLD = SEEDS["004_7cf98735b7bf70c9.txt"]


def key(name: str) -> str:
    """A name compared loosely: case, punctuation, "&"/"and" and titles aside."""
    return normalise(strip_titles(name))


def assert_answer(qid: str, got: list[str], sources, docs) -> None:
    """``got`` matches the gold answer (what also_accepted allows aside); sources hold.

    ``sources`` are query-layer sources or the API's JSON for them (dicts).
    """
    gold_answer = QUESTIONS[qid]
    want = {key(a) for a in gold_answer["answer"]}
    allowed = want | {key(a) for a in gold_answer.get("also_accepted", [])}
    have = {key(g) for g in got}
    assert want <= have <= allowed, (qid, sorted(have))
    assert sources, f"{qid}: no sources"
    for s in sources:
        if isinstance(s, dict):
            assert {"document", "doc_id", "line_start", "line_end", "quote"} <= s.keys()
            doc_id, start, end, quote = s["doc_id"], s["line_start"], s["line_end"], s["quote"]
        else:
            doc_id, start, end, quote = s.doc_id, s.line_start, s.line_end, s.quote
        text = " ".join(docs[doc_id].plain_line(n) for n in range(start, end + 1))
        assert quote in text, (qid, s)


def all_sources(answers) -> list:
    """Every source of every answer, in order."""
    return [s for a in answers for s in a.sources]


def one_item(ds, document: str, label: str, kinds=("Priority",)):
    """The one item of ``document`` labelled ``label`` (loosely)."""
    found = [i for i in q.items(ds, document, kinds=kinds) if key(i.label) == key(label)]
    assert len(found) == 1, label
    return found[0]


def gold_doc_ids() -> dict[str, str]:
    """Gold document names -> the document ids of the bundled samples."""
    return {g: document_id(Path(b)) for g, b in gold("documents.json")["documents"].items()}


def locate(corpus, doc_ids, side) -> int:
    """The corpus row of a gold item, found by its document and opening words."""
    want = clean_text(side["text"].replace("...", "")).lower()[:30]
    rows = [i for i, it in enumerate(corpus.items) if it.doc_id == doc_ids[side["doc"]]
            and want in it.text().lower()]
    assert len(rows) == 1, side
    return rows[0]


def similar_question(qid: str) -> tuple[dict, dict]:
    """q19 or q20 and the gold item it asks about (a side of a strong pair)."""
    pair = next(p for p in PAIRS if p["strength"] == "strong" and (
        (qid == "q19" and p["b"]["item"] == "3.2.1")
        or (qid == "q20" and p["b"]["item"] == "3.2.4" and "2" in p["a"]["item"][-2:])))
    return QUESTIONS[qid], pair["a"] if qid == "q19" else pair["b"]
