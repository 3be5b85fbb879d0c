"""Finding entities by name, acronym or alias, loosely but never by guessing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rdflib import Dataset, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from cspgraph.errors import AmbiguousNameError, NotFoundError
from cspgraph.graph.build.names import normalise, strip_titles
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.results import Entity
from cspgraph.graph.queries.sources import entity
from cspgraph.graph.store.backends import DerivedCache
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG

NAME_PROPS = (FOAF.name, RDFS.label, DCTERMS.title, SKOS.prefLabel, SKOS.altLabel,
              SKOS.notation)
AGENTS = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
          ORG.OrganizationalCollaboration, FOAF.Person)
BODIES = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
          ORG.OrganizationalCollaboration)
ITEMS = (CSP.Priority, CSP.Action, CSP.Recommendation, CSP.DataGap)
PLANS = (CSP.Plan, CSP.PartnershipPlan, CSP.StrategicAssessment, CSP.CommunitySafetyAgreement,
         CSP.PoliceAndCrimePlan, CSP.CouncilPlan, CSP.CommitteePaper)
NAMED = (*AGENTS, CSP.Objective, DCTERMS.Location, *PLANS)  # what curation may name
_SKIP = {RDF.Statement, CSP.SourceSpan, ORG.Post}  # posts are found through their bodies

_names = DerivedCache()
_labels = DerivedCache()

# The tiers of a match, best first: the name itself, an alias or acronym, every word of the
# query in a name, and a close spelling (a typo).
TIERS = ("exact", "alias", "partial", "fuzzy")
FUZZY_CUTOFF = 80  # rapidfuzz ratio of a query word and a name's word, out of 100
_ALIAS_PROPS = (SKOS.altLabel, SKOS.notation)


@dataclass(frozen=True)
class Match:
    """An entity found for a query, with how it matched (a tier of TIERS) and a 0–100 score."""

    entity: Entity
    tier: str
    score: float
    name: str  # the name it matched on, as printed


@dataclass
class Found:
    """Ranked matches for a query, and the names meant when nothing matched but a typo."""

    matches: list[Match]
    did_you_mean: list[str] = field(default_factory=list)


def ident(iri: str) -> str:
    """The last path segment of an IRI: the short id pages and routes accept."""
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def name_index(ds: Dataset) -> dict[str, set[URIRef]]:
    """Normalised names (and names without titles) -> nodes, rebuilt when the graph changes."""
    return _names.get(ds, _name_index)


def _name_index(ds: Dataset) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = defaultdict(set)
    for key, node, _alias, _name in _label_rows(ds):
        index[key].add(node)
    return index


def label_rows(ds: Dataset) -> list[tuple[str, URIRef, bool, str]]:
    """(normalised name, node, is an alias or acronym, name as printed) for every name."""
    return _labels.get(ds, _label_rows)


def _label_rows(ds: Dataset) -> list[tuple[str, URIRef, bool, str]]:
    rows = set()
    for prop in NAME_PROPS:
        for node, value in ds.subject_objects(prop):
            if not isinstance(node, URIRef):
                continue
            text = str(value)
            for key in {normalise(text), normalise(strip_titles(text))}:
                if key:
                    rows.add((key, node, prop in _ALIAS_PROPS, text))
    return sorted(rows)


def _vocabulary(ds: Dataset) -> dict[str, set[int]]:
    """Each word of a name -> the rows of ``label_rows`` holding it."""
    vocab: dict[str, set[int]] = defaultdict(set)
    for i, (key, *_rest) in enumerate(label_rows(ds)):
        for word in key.split():
            vocab[word].add(i)
    return vocab


_vocab = DerivedCache()
_keys = DerivedCache()


def _key_rows(ds: Dataset) -> dict[str, list[int]]:
    """Each normalised name -> the rows of ``label_rows`` with it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, (key, *_rest) in enumerate(label_rows(ds)):
        index[key].append(i)
    return index


def search_indexes(ds: Dataset) -> None:
    """Build the indexes ``search`` reads (names and their words) now."""
    _keys.get(ds, _key_rows)
    _vocab.get(ds, _vocabulary)


def _candidate_rows(ds: Dataset, keys: set[str], words: set[str]) -> list[int]:
    """The rows named exactly by one of ``keys`` or holding every word of ``words``, in
    order: looked up in two indexes rather than found by reading every name."""
    exact = _keys.get(ds, _key_rows)
    found = {i for key in keys for i in exact.get(key, ())}
    if words:
        vocab = _vocab.get(ds, _vocabulary)
        postings = sorted((vocab.get(w, set()) for w in words), key=len)
        found |= set.intersection(*postings) if postings[0] else set()
    return sorted(found)


def _close_spellings(ds: Dataset, words: set[str]) -> dict[int, float]:
    """Rows of names with, for every query word, a word spelt closely like it (a typo
    or a missing letter); each with the mean closeness of its words."""
    if not words:
        return {}
    vocab = _vocab.get(ds, _vocabulary)
    names = list(vocab)
    found: dict[int, float] | None = None
    for word in words:
        cutoff = FUZZY_CUTOFF if len(word) >= 3 else 100
        close: dict[int, float] = {}
        for name, score, _ in process.extract(word, names, scorer=fuzz.ratio,
                                              score_cutoff=cutoff, limit=None):
            for row in vocab[name]:
                close[row] = max(close.get(row, 0.0), float(score))
        found = close if found is None else {r: found[r] + close[r] for r in found.keys()
                                             & close.keys()}
        if not found:
            return {}
    return {row: total / len(words) for row, total in (found or {}).items()}


def _typed(ds: Dataset, nodes: Iterable[URIRef], kinds: tuple[URIRef, ...] | None) -> set[URIRef]:
    out = set()
    for node in nodes:
        types = set(pat.objects(ds, node, RDF.type))
        if types & _SKIP:
            continue
        if kinds is None or types & set(kinds):
            out.add(node)
    return out


def search(ds: Dataset, text: str, kinds: tuple[URIRef, ...] | None = None,
           limit: int = 50) -> Found:
    """Entities matching ``text``, ranked: exact name, then alias or acronym, then names
    holding every word of ``text``, then close spellings (rapidfuzz). A better tier never
    hides a worse one; an entity appears once, at its best tier.

    Matching ignores case, punctuation, "&"/"and" and titles such as Dr. When only close
    spellings match, their names are offered as ``did_you_mean``.
    """
    keys = {normalise(text), normalise(strip_titles(text))} - {""}
    if not keys:
        return Found([])
    rows = label_rows(ds)
    best: dict[URIRef, tuple[int, float, str]] = {}

    def offer(node: URIRef, tier: int, score: float, name: str) -> None:
        if node not in best or (tier, -score) < (best[node][0], -best[node][1]):
            best[node] = (tier, score, name)

    words = set(normalise(strip_titles(text)).split())
    for i in _candidate_rows(ds, keys, words):  # in row order, as a scan of rows would
        key, node, alias, name = rows[i]
        if key in keys:
            offer(node, 1 if alias else 0, 100.0, name)
        elif words and words <= set(key.split()):
            offer(node, 2, 100.0 * len(" ".join(words)) / max(len(key), 1), name)
    for i, score in _close_spellings(ds, words).items():
        offer(rows[i][1], 3, score, rows[i][3])
    typed = _typed(ds, best, kinds)
    matches = [Match(entity(ds, n), TIERS[best[n][0]], round(best[n][1], 1), best[n][2])
               for n in typed]
    matches.sort(key=lambda m: (TIERS.index(m.tier), -m.score, len(m.entity.label),
                                m.entity.label, m.entity.iri))
    matches = matches[:limit]
    typo = bool(matches) and all(m.tier == "fuzzy" for m in matches)
    return Found(matches, sorted({m.entity.label for m in matches[:3]}) if typo else [])


def find(ds: Dataset, name: str, kinds: tuple[URIRef, ...] | None = None,
         limit: int = 50) -> list[Entity]:
    """Entities whose name, alias or acronym matches ``name``, best match first, close
    spellings left out (``search`` has them)."""
    return [m.entity for m in search(ds, name, kinds, limit).matches if m.tier != "fuzzy"]


def resolve(ds: Dataset, name: str, kinds: tuple[URIRef, ...] | None = None,
            what: str = "entity") -> Entity:
    """The one entity ``name`` (or an entity's IRI) means; NotFoundError or
    AmbiguousNameError otherwise.

    The best tier of ``search`` decides: one entity there is the answer, several are
    ambiguous. A close spelling alone never resolves: it is offered as a hint.
    """
    if name.startswith(("http://", "https://")) and (URIRef(name), RDF.type, None) in ds:
        node = URIRef(name)
        if kinds is None or set(pat.objects(ds, node, RDF.type)) & set(kinds):
            return entity(ds, node)
    found = search(ds, name, kinds)
    top = [m for m in found.matches if m.tier == found.matches[0].tier] if found.matches else []
    if not top or top[0].tier == "fuzzy":
        hint = (f"did you mean {' or '.join(repr(n) for n in found.did_you_mean)}?"
                if found.did_you_mean else
                "try a shorter name or an acronym, or 'cspgraph search'")
        raise NotFoundError(f"no {what} named '{name}'", hint)
    distinct = {m.entity.iri: m.entity for m in top}
    if len(distinct) > 1:
        raise AmbiguousNameError(name, sorted(f"{e.label} ({e.type})"
                                              for e in distinct.values()))
    return top[0].entity
