"""Benchmark: how well near-duplicates are found on the gold pairs, and what each guard buys.

    python benchmarks/duplicates_quality.py

Uses the real packaged model on the bundled samples and tests/gold/similar_pairs.json.
Prints (1) ranks of every gold pair under each guard setting, (2) the share of strong
pairs in the top 5 both ways and related pairs in the top 10, (3) synthetic adversarial
pairs scored with and without the template and negation guards, (4) the precision-recall
curve of ``duplicate_pairs`` over thresholds, precision counting only gold pairs as right
(a lower bound: the gold list is not exhaustive), and the threshold with the best F1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def main() -> None:
    from cspgraph.graph.build.dataset import build
    from cspgraph.graph.similarity import duplicates as dup
    from cspgraph.graph.similarity.texts import clean_text
    from cspgraph.loaders.load import document_id

    ds = build().dataset
    corpus = dup.build_corpus(ds)
    docs = json.loads((GOLD / "documents.json").read_text())["documents"]
    gid = {g: document_id(Path(b)) for g, b in docs.items()}
    pairs = json.loads((GOLD / "similar_pairs.json").read_text())["pairs"]

    def locate(side: dict) -> int:
        want = clean_text(side["text"].replace("...", "")).lower()[:30]
        return next(i for i, it in enumerate(corpus.items)
                    if it.doc_id == gid[side["doc"]] and want in it.text().lower())

    located = [(p["strength"], locate(p["a"]), locate(p["b"])) for p in pairs]
    print(f"corpus: {len(corpus.items)} items from {len(set(corpus.groups))} documents; "
          f"gold: {len(pairs)} pairs")
    print("\n1-2. ranks of the partner among cross-document neighbours (a->b, b->a)")
    prefixed = dup.build_corpus(ds, with_context=True)
    settings = {"no guards": (corpus, False, False, False),
                "template": (corpus, True, False, False),
                "template+negation": (corpus, True, True, False),
                "template+negation+theme": (corpus, True, True, True),
                "theme as text prefix, no guards": (prefixed, False, False, False),
                "theme as text prefix, all": (prefixed, True, True, True)}
    for name, (c, t, n, th) in settings.items():
        idx, _, _ = dup.neighbour_table(c, k=50, template=t, negation=n, theme=th)

        def rank(i: int, j: int, idx=idx) -> int:
            row = list(idx[i])
            return row.index(j) + 1 if j in row else 99

        ranks = [(s, rank(a, b), rank(b, a)) for s, a, b in located]
        strong = [r for r in ranks if r[0] == "strong"]
        related = [r for r in ranks if r[0] == "related"]
        s5 = sum(max(r[1], r[2]) <= 5 for r in strong) / len(strong)
        r10 = sum(min(r[1], r[2]) <= 10 for r in related) / len(related)
        print(f"  {name:32} strong top-5 both ways {s5:4.0%}  related top-10 {r10:4.0%}  "
              + " ".join(f"{a}/{b}" for _, a, b in ranks))

    print("\n3. synthetic adversarial pairs (score without guard -> with guard)")
    adversarial = [
        ("template", "Continue to support victims of domestic abuse through the IDVA service.",
         "Continue to support road safety education in primary schools."),
        ("template", "Work with partners to reduce shoplifting in the town centre.",
         "Work with partners to reduce hate crime against disabled people."),
        ("negation", "Continue funding the night-time economy street marshals.",
         "Stop funding the night-time economy street marshals."),
        ("negation", "The partnership will fund a domestic abuse helpline.",
         "The partnership will no longer fund a domestic abuse helpline."),
    ]
    from cspgraph.graph.similarity.encode import encode

    for guard, a, b in adversarial:
        va, vb = encode([a, b])
        ca, cb = encode([dup.core_text(a), dup.core_text(b)])
        raw = float(va @ vb)
        if guard == "template":
            after = min(raw, float(ca @ cb))
        else:
            after = raw * (dup.NEGATION_PENALTY if dup.negated(a) != dup.negated(b) else 1)
        print(f"  {guard:9} {raw:.3f} -> {after:.3f}  {a[:38]!r} / {b[:38]!r}")

    print("\n4. precision-recall of duplicate_pairs: mutual rank x threshold")
    gold = {frozenset((corpus.items[a].iri, corpus.items[b].iri)) for _, a, b in located}
    strong = {frozenset((corpus.items[a].iri, corpus.items[b].iri))
              for s, a, b in located if s == "strong"}
    print("  rank  threshold  pairs  gold recall  strong recall  precision(lower bound)  F1")
    for rank in (1, 2, 3, 5):
        for t in (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.70):
            found = dup.duplicate_pairs(ds, corpus, min_score=t, mutual_rank=rank)
            keys = {frozenset((p.a.iri, p.b.iri)) for p in found}
            hit = len(keys & gold)
            recall, strong_recall = hit / len(gold), len(keys & strong) / len(strong)
            precision = hit / len(keys) if keys else 1.0
            f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
            mark = "  <- default" if (rank, t) == (dup.DEFAULT_MUTUAL_RANK,
                                                  dup.DEFAULT_MIN_SCORE) else ""
            print(f"  {rank:4d}  {t:9.2f}  {len(keys):5d}  {recall:11.0%}  {strong_recall:13.0%}"
                  f"  {precision:22.1%}  {f1:.2f}{mark}")


if __name__ == "__main__":
    sys.exit(main())
