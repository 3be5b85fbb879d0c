"""Near-duplicate recommendations across partnerships: neighbours, pairs and clusters.

Each item's nearest neighbours come from *other* documents by default. Two guards
correct known false matches of the model:

- **template guard**: sentences that share an opening formula ("Continue to ...",
  "Work with partners to ...") but not their substance score high on the formula alone,
  so a pair is scored on the lower of its full texts and its texts without the formula;
- **negation guard**: a pair where one side negates ("no longer", "not", "stop") and
  the other does not is scored down.

Items sharing a community-safety theme get a **theme bonus** in the ranking only: it
orders neighbours and pairs (and so decides mutual ranks), never the score shown, which
is the guarded cosine clamped to [0, 1].

``benchmarks/duplicates_quality.py`` measures what each guard buys on the gold pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from rdflib import Dataset, URIRef
from rdflib.namespace import RDFS

from cspgraph.errors import BadInputError, NotFoundError
from cspgraph.graph.queries.results import SourceRef
from cspgraph.graph.queries.sources import sources
from cspgraph.graph.similarity.texts import EmbedItem, clean_text, embeddable_items
from cspgraph.settings import Settings

DUPLICATE_KINDS = ("recommendation", "data gap", "action", "priority")
# Calibrated on the gold pairs (benchmarks/duplicates_quality.py); see docs/similarity.md.
DEFAULT_MIN_SCORE = 0.5
DEFAULT_MUTUAL_RANK = 3
NEGATION_PENALTY = 0.8
THEME_BONUS = 0.1  # items sharing a community-safety theme rank this much higher
_TEMPLATE = re.compile(
    r"^(?:(?:we\s+will|partners\s+will|to)\s+)?"
    r"(?:continue\s+(?:to|with)|work\s+(?:with\s+partners?|in\s+partnership|together)\s+to"
    r"|ensure\s+(?:that\s+)?|explore\s+(?:how\s+(?:best\s+)?)?|there\s+is\s+an?\s+"
    r"(?:urgent\s+)?(?:opportunity|need)\s+to|opportunit(?:y|ies)\s+to|need\s+to"
    r"|support\s+(?:partners\s+)?to|look\s+at|consider"
    r"|(?:this\s+)?(?:relat(?:ing|es)|links?)\s+to\s+recommendation\s+[\d.]+[,.]?)\s*",
    re.IGNORECASE,
)
_NEGATION = re.compile(  # a negated ask, not a quoted "not stated" or "without"
    r"\b(?:no\s+longer|(?:will|should|shall|must|need|do|does)\s+not|(?:won|don|shouldn|doesn)'t"
    r"|cease|stop(?:ping)?|discontinue|withdraw)\b",
    re.IGNORECASE,
)


@dataclass
class Corpus:
    """Embedded items: the items, their unit vectors, and a document id per row."""

    items: list[EmbedItem]
    vectors: np.ndarray
    cores: np.ndarray  # the same texts with any opening formula removed
    groups: np.ndarray
    themes: list[set[URIRef]] = field(default_factory=list)  # SKOS themes per item
    _rows: dict[str, int] | None = field(default=None, repr=False, compare=False)
    _tables: dict[tuple, tuple] = field(default_factory=dict, repr=False, compare=False)

    def index(self, iri: str) -> int | None:
        """The row of the item ``iri``, or None (a dict made on first use)."""
        if self._rows is None:
            self._rows = {}
            for i, it in enumerate(self.items):
                self._rows.setdefault(it.iri, i)
        return self._rows.get(iri)


@dataclass
class Neighbour:
    """A similar item with its score (cosine after guards, in [0, 1]) and where it is
    written; ranked by score plus ``theme_bonus``."""

    item: EmbedItem
    score: float
    raw_score: float
    sources: list[SourceRef] = field(default_factory=list)
    theme_bonus: float = 0.0


@dataclass
class Pair:
    """Two items, usually of different documents, that ask for much the same thing.

    ``score`` is the cosine after guards, in [0, 1]; pairs are ranked by score plus
    ``theme_bonus``. ``status`` is the review status of the pair's duplicate suggestion
    (see ``graph/similarity/status.py``)."""

    a: EmbedItem
    b: EmbedItem
    score: float
    a_sources: list[SourceRef] = field(default_factory=list)
    b_sources: list[SourceRef] = field(default_factory=list)
    theme_bonus: float = 0.0
    status: str = "pending"

    @property
    def rank(self) -> float:
        """What pairs are ordered by: the score plus the theme bonus."""
        return self.score + self.theme_bonus


def core_text(text: str) -> str:
    """``text`` without an opening formula such as "Continue to" or "Work with partners to"."""
    stripped = text
    for _ in range(3):  # "Relating to recommendation 2, there is a need to ..."
        shorter = _TEMPLATE.sub("", stripped, count=1).strip(" ,")
        if shorter == stripped:
            break
        stripped = shorter
    return stripped if len(stripped.split()) >= 3 else text


def _core(item: EmbedItem, with_context: bool) -> str:
    """The embedded text of ``item`` with its opening formula removed."""
    core = core_text(item.text(False))
    if with_context and item.context and not core.lower().startswith(item.context.lower()):
        return f"{clean_text(item.context)}: {core}"
    return core


def negated(text: str) -> bool:
    """True when the text negates what it names."""
    return bool(_NEGATION.search(text))


def build_corpus(ds: Dataset, settings: Settings | None = None,
                 kinds: tuple[str, ...] = DUPLICATE_KINDS, with_context: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Embed the items of ``kinds`` (cached by content and model); ``progress(done,
    total)`` follows each run of the model (see ``encode``)."""
    from cspgraph.graph.similarity.vectors import corpus_from, embed_items

    items = embeddable_items(ds, kinds)
    vectors = embed_items(items, settings, progress, with_context=with_context)
    return corpus_from(items, vectors, settings)


def guarded_scores(corpus: Corpus, i: int, js: np.ndarray, raw: np.ndarray,
                   template: bool = True, negation: bool = True) -> np.ndarray:
    """The scores of item ``i`` against items ``js`` after the guards (no bonus)."""
    scores = raw.astype(np.float32).copy()
    if template:
        scores = np.minimum(scores, corpus.cores[js] @ corpus.cores[i])
    if negation:
        mine = negated(corpus.items[i].label)
        flips = np.array([negated(corpus.items[j].label) != mine for j in js], dtype=bool)
        scores[flips] *= NEGATION_PENALTY
    return scores


def theme_bonus(corpus: Corpus, i: int, js: np.ndarray) -> np.ndarray:
    """THEME_BONUS for each of items ``js`` sharing a theme with item ``i``, else 0."""
    bonus = np.zeros(len(js))
    if corpus.themes and corpus.themes[i]:
        mine = corpus.themes[i]
        bonus[[bool(corpus.themes[j] & mine) for j in js]] = THEME_BONUS
    return bonus


def shown(scores: np.ndarray) -> np.ndarray:
    """Scores as shown: clamped to [0, 1]."""
    return np.clip(scores, 0.0, 1.0)


def neighbour_table(corpus: Corpus, k: int = 10, same_document: bool = False,
                    template: bool = True, negation: bool = True, theme: bool = True
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(indices, scores, raw scores) of every item's ``k`` nearest neighbours, ranked by
    guarded score plus the theme bonus (with ``theme``); scores are as shown, in [0, 1]."""
    from cspgraph.graph.similarity.search import all_pairs_top_k

    n = len(corpus.items)
    if n == 0:
        empty = np.zeros((0, 0))
        return empty.astype(np.int64), empty, empty
    wide = min(n - 1, max(k * 3, 50))  # guards reorder, so look further than k
    idx, raw = all_pairs_top_k(corpus.vectors, max(wide, 1), corpus.groups,
                               exclude_same_group=not same_document)
    scores = np.full(idx.shape, -np.inf, dtype=np.float32)
    ranks = scores.copy()
    for i in range(n):
        ok = idx[i] >= 0
        if ok.any():
            scores[i, ok] = guarded_scores(corpus, i, idx[i, ok], raw[i, ok], template, negation)
            ranks[i, ok] = scores[i, ok] + (theme_bonus(corpus, i, idx[i, ok]) if theme else 0)
    order = np.argsort(-ranks, axis=1, kind="stable")[:, :k]
    take = np.take_along_axis
    return take(idx, order, 1), shown(take(scores, order, 1)), take(raw, order, 1)


def mutual_table(corpus: Corpus, k: int = DEFAULT_MUTUAL_RANK, same_document: bool = False
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``neighbour_table(corpus, k, same_document)``, computed once per corpus (a server
    computes it before serving, so the first duplicates page does not wait on it)."""
    key = (k, same_document)
    if key not in corpus._tables:
        corpus._tables[key] = neighbour_table(corpus, k, same_document)
    return corpus._tables[key]


def _sources(ds: Dataset, item: EmbedItem) -> list[SourceRef]:
    return sources(ds, URIRef(item.iri), RDFS.label)


def is_item_ref(query: str) -> bool:
    """True when ``query`` names an item by its IRI, not free text to compare."""
    return query.startswith(("http://", "https://"))


def embedded_item(corpus: Corpus, iri: str) -> str:
    """``iri`` when it names an embedded item; NotFoundError otherwise (every front end's
    one check before ``similar_to_item``)."""
    if corpus.index(iri) is None:
        raise NotFoundError(f"no embedded item has the id {iri}",
                            "use the IRI of a recommendation, action, data gap or priority")
    return iri


def similar_to_item(ds: Dataset, corpus: Corpus, iri: str, top: int = 10,
                    same_document: bool = False) -> list[Neighbour]:
    """The items most like the item ``iri``, from other documents unless asked."""
    i = corpus.index(iri)
    if i is None:
        return []
    sims = corpus.vectors @ corpus.vectors[i]
    allowed = (corpus.groups != corpus.groups[i] if not same_document
               else np.ones(len(sims), dtype=bool))
    allowed[i] = False
    count = int(allowed.sum())
    wide = min(count, max(top * 3, 50))  # guards reorder, so look further than top
    if wide < count:  # guards cost Python per item: only on the shortlist
        shortlist = np.argpartition(np.where(allowed, -sims, np.inf), wide - 1)[:wide]
        js = np.sort(shortlist)
    else:
        js = np.flatnonzero(allowed)
    scores, bonus = shown(guarded_scores(corpus, i, js, sims[js])), theme_bonus(corpus, i, js)
    best = np.argsort(-(scores + bonus), kind="stable")[:top]
    return [Neighbour(corpus.items[js[b]], float(scores[b]), float(sims[js[b]]),
                      _sources(ds, corpus.items[js[b]]), float(bonus[b])) for b in best]


def query_text(text: str) -> str:
    """``text`` cleaned for comparing; BadInputError when nothing is left to compare."""
    cleaned = clean_text(text)
    if not cleaned:
        raise BadInputError("the text to compare is empty",
                         "give some words, e.g. 'data sharing with A&E'")
    return cleaned


def similar_to_text(ds: Dataset, corpus: Corpus, text: str, top: int = 10,
                    settings: Settings | None = None) -> list[Neighbour]:
    """The items most like a free text (BadInputError if it is blank)."""
    from cspgraph.graph.similarity.encode import encode

    cleaned = query_text(text)
    query = encode([cleaned], settings)[0]
    core = encode([core_text(cleaned)], settings)[0]
    sims = corpus.vectors @ query
    scores = shown(corpus.cores @ core)  # substance against substance: openings are noise
    best = np.argsort(-scores, kind="stable")[:top]
    return [Neighbour(corpus.items[b], float(scores[b]), float(sims[b]),
                      _sources(ds, corpus.items[b])) for b in best]


def duplicate_pairs(ds: Dataset, corpus: Corpus, min_score: float = DEFAULT_MIN_SCORE,
                    mutual_rank: int = DEFAULT_MUTUAL_RANK, same_document: bool = False
                    ) -> list[Pair]:
    """Pairs that are each other's near neighbours and score at least ``min_score``.

    A pair needs each side among the other's ``mutual_rank`` nearest (cross-document)
    neighbours (ranked with the theme bonus): absolute scores vary with wording, ranks
    less so. Best first by score plus theme bonus; ``min_score`` is on the score shown.
    """
    idx, scores, _ = mutual_table(corpus, max(mutual_rank, 1), same_document)
    top = {(i, int(j)): float(s) for i in range(len(corpus.items))
           for j, s in zip(idx[i], scores[i], strict=True) if j >= 0}
    pairs = []
    for (i, j), s in top.items():
        back = top.get((j, i))
        if i < j and back is not None and max(s, back) >= min_score:
            a, b = corpus.items[i], corpus.items[j]
            bonus = float(theme_bonus(corpus, i, np.array([j]))[0])
            pairs.append(Pair(a, b, max(s, back), _sources(ds, a), _sources(ds, b), bonus))
    return sorted(pairs, key=lambda p: (-p.rank, p.a.iri, p.b.iri))


def clusters(pairs: list[Pair]) -> list[list[EmbedItem]]:
    """Groups of near-duplicates: connected components of the pairs, largest first."""
    g = nx.Graph()
    items: dict[str, EmbedItem] = {}
    for p in pairs:
        items[p.a.iri], items[p.b.iri] = p.a, p.b
        g.add_edge(p.a.iri, p.b.iri, weight=p.score)
    groups = [sorted((items[n] for n in comp), key=lambda it: (it.doc_id, it.iri))
              for comp in nx.connected_components(g)]
    return sorted(groups, key=lambda c: (-len(c), c[0].iri))
