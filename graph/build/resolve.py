"""Entity resolution: one node per agency, body, person and objective, merged on evidence.

Runs after every document is loaded. Each merge is recorded in the resolution graph
with its rule and the places the merged names were printed:

- **normalised identity**: names equal once case, punctuation, "&"/"and", articles,
  plurals and "-ing" forms are folded (``names.identity_key``), for nodes of one family;
- **wording variant in one plan**: two objectives of the same higher plan where every
  content word of one is in the other ("Protect vulnerable people" and "Protect
  vulnerable and at-risk people"); light verbs ("get", "make") are not content words;
- **curated**: an alias or merge declared in a curation file.

Close but unproven pairs of bodies ("Reducing Offending Strategy Group" and "<Area>
Reducing Re-Offending Strategy Group") become scored ``csp:Suggestion`` nodes, never merges.
A pair a curator refused is neither merged nor suggested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, XSD

from cspgraph.graph.build.names import digest, identity_key, identity_words, iri, stem
from cspgraph.ontology.namespaces import CSP, ORG, PROV

RESOLUTION_GRAPH = iri("graph", "resolution")
AGENT_TYPES = (ORG.Organization, ORG.FormalOrganization, ORG.OrganizationalUnit,
               ORG.OrganizationalCollaboration)
NAME_PROPS = (RDFS.label, FOAF.name)
# Words that change what kind of thing a name denotes: never suggest across them.
KIND_WORDS = {stem(w) for w in (
    "authority", "council", "board", "group", "trust", "service", "panel", "team", "partnership",
    "forum", "unit", "office", "commissioner", "network", "police", "probation", "court",
    "agency", "constabulary", "force", "executive")}
SUGGEST_MODEL = "name-similarity 1"
# verbs that carry no identity in an objective ("get"/"make" the best start in life)
LIGHT_VERBS = {stem(w) for w in ("get", "getting", "make", "making", "have", "take", "be")}


@dataclass(frozen=True)
class Merge:
    """``merged`` became ``canonical`` by ``rule``."""

    canonical: URIRef
    merged: URIRef
    rule: str


@dataclass
class Resolution:
    """What resolution did: merges made and suggestions left for review."""

    merges: list[Merge] = field(default_factory=list)
    suggestions: list[tuple[URIRef, URIRef, float]] = field(default_factory=list)


def _names(ds: Dataset, node: URIRef) -> list[str]:
    return [str(v) for p in NAME_PROPS for v in ds.objects(node, p)]


def _family(ds: Dataset, types: Iterable[URIRef]) -> set[URIRef]:
    return {n for t in types for n in ds.subjects(RDF.type, t) if isinstance(n, URIRef)}


class _Groups:
    """Union-find over nodes, remembering the rule that joined each pair."""

    def __init__(self) -> None:
        self.parent: dict[URIRef, URIRef] = {}
        self.rule: dict[URIRef, str] = {}

    def find(self, n: URIRef) -> URIRef:
        while self.parent.get(n, n) != n:
            n = self.parent[n]
        return n

    def union(self, a: URIRef, b: URIRef, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        keep, drop = sorted((ra, rb), key=lambda n: (len(str(n)), str(n)))
        self.parent[drop] = keep
        self.rule[drop] = rule

    def merges(self) -> list[Merge]:
        return [Merge(self.find(n), n, self.rule[n]) for n in self.parent if self.find(n) != n]


def resolve(ds: Dataset, refused: set[frozenset[str]] = frozenset(),
            curated: Iterable[tuple[URIRef, URIRef]] = ()) -> Resolution:
    """Merge what the evidence proves is one entity and suggest what it does not."""
    groups = _Groups()

    def allowed(a: URIRef, b: URIRef) -> bool:
        return frozenset((str(a), str(b))) not in refused

    agents, people = _family(ds, AGENT_TYPES), _family(ds, (FOAF.Person,))
    for family in (agents, people):
        by_key: dict[str, list[URIRef]] = defaultdict(list)
        for node in family:
            for key in {identity_key(n) for n in _names(ds, node)}:
                if key:
                    by_key[key].append(node)
        for nodes in by_key.values():
            for other in nodes[1:]:
                if allowed(nodes[0], other):
                    groups.union(nodes[0], other, "normalised identity")
    for plan in set(ds.objects(None, CSP.objectiveOf)):
        objectives = sorted(set(ds.subjects(CSP.objectiveOf, plan)))
        words = {o: _content_words(ds, o) for o in objectives}
        for i, a in enumerate(objectives):
            for b in objectives[i + 1:]:
                small, large = sorted((words[a], words[b]), key=len)
                if len(small) >= 2 and small <= large and allowed(a, b):
                    groups.union(a, b, "wording variant in one plan")
    for a, b in curated:
        groups.union(a, b, "curated")
    result = Resolution(merges=groups.merges())
    evidence = {m: _name_spans(ds, m.merged) for m in result.merges}
    _apply(ds, result.merges)
    result.suggestions = (_suggest(ds, _family(ds, AGENT_TYPES), refused)
                          + _suggest_objectives(ds, refused))
    _record(ds, result, evidence)
    return result


def _content_words(ds: Dataset, objective: URIRef) -> set[str]:
    """The identity words of an objective's first name, light verbs left out."""
    return set(identity_words(" ".join(_names(ds, objective)[:1]))) - LIGHT_VERBS


def _name_spans(ds: Dataset, node: URIRef) -> set[URIRef]:
    """The spans where ``node``'s names are printed: the evidence for a merge."""
    return {span for stmt in ds.subjects(RDF.subject, node)
            if ds.value(stmt, RDF.predicate) in NAME_PROPS
            for span in ds.objects(stmt, PROV.wasDerivedFrom)}


def _apply(ds: Dataset, merges: list[Merge]) -> None:
    """Rewrite every merged node to its canonical node in every graph."""
    if not merges:
        return
    target = {m.merged: m.canonical for m in merges}
    for g in list(ds.graphs()):
        changed = [(s, p, o) for s, p, o in g if s in target or o in target]
        for s, p, o in changed:
            g.remove((s, p, o))
            g.add((target.get(s, s), p, target.get(o, o)))
    for node in set(target.values()):  # every printed name also becomes an alternative label
        for g in list(ds.graphs()):
            for label in set(g.objects(node, RDFS.label)):
                _add_like(g, (node, SKOS.altLabel, label), (node, RDFS.label, label))


def _add_like(g: Graph, triple: tuple, like: tuple) -> None:
    """Add ``triple`` to ``g`` with the same sources as the reified triple ``like``."""
    g.add(triple)
    s, p, o = triple
    stmt = iri("stmt", "resolved", digest(s.n3(), p.n3(), o.n3(), size=16))
    for old in g.subjects(RDF.subject, like[0]):
        if (old, RDF.predicate, like[1]) in g and (old, RDF.object, like[2]) in g:
            for span in g.objects(old, PROV.wasDerivedFrom):
                g.add((stmt, RDF.type, RDF.Statement))
                g.add((stmt, RDF.subject, s))
                g.add((stmt, RDF.predicate, p))
                g.add((stmt, RDF.object, o))
                g.add((stmt, PROV.wasDerivedFrom, span))


def _suggest(ds: Dataset, agents: set[URIRef], refused: set[frozenset[str]]
             ) -> list[tuple[URIRef, URIRef, float]]:
    """Pairs of bodies whose names nearly match: one's words inside the other's."""
    words = {a: set(identity_words(max(_names(ds, a), key=len, default=""))) for a in agents}
    out = []
    ordered = sorted(agents)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if frozenset((str(a), str(b))) in refused:
                continue
            small, large = sorted((words[a], words[b]), key=len)
            if len(small) < 3 or not small <= large or (large - small) & KIND_WORDS:
                continue
            score = SequenceMatcher(None, " ".join(sorted(small)), " ".join(sorted(large))).ratio()
            if score >= 0.6:
                out.append((a, b, round(score, 3)))
    return out


def _suggest_objectives(ds: Dataset, refused: set[frozenset[str]]
                        ) -> list[tuple[URIRef, URIRef, float]]:
    """Objectives of one plan that share most of their words but are not proven one."""
    out = []
    for plan in set(ds.objects(None, CSP.objectiveOf)):
        objectives = sorted(set(ds.subjects(CSP.objectiveOf, plan)))
        words = {o: set(identity_words(" ".join(_names(ds, o)[:1]))) for o in objectives}
        for i, a in enumerate(objectives):
            for b in objectives[i + 1:]:
                if frozenset((str(a), str(b))) in refused:
                    continue
                small, large = sorted((words[a], words[b]), key=len)
                share = len(small & large) / len(small) if small else 0
                if len(small) >= 3 and share >= 0.75:
                    out.append((a, b, round(share, 3)))
    return out


def _record(ds: Dataset, result: Resolution, evidence: dict[Merge, set[URIRef]]) -> None:
    """Write merges and suggestions into the resolution graph."""
    g: Graph = ds.graph(RESOLUTION_GRAPH)
    for m in result.merges:
        node = iri("merge", digest(str(m.canonical), str(m.merged)))
        g.add((node, RDF.type, CSP.Merge))
        g.add((node, CSP.mergedInto, m.canonical))
        g.add((node, CSP.mergedFrom, m.merged))
        g.add((node, CSP.rule, Literal(m.rule)))
        for span in evidence.get(m, ()):
            g.add((node, PROV.wasDerivedFrom, span))
    for a, b, score in result.suggestions:
        node = iri("suggestion", "same", digest(str(a), str(b)))
        g.add((node, RDF.type, CSP.Suggestion))
        g.add((node, CSP.suggestionOf, a))
        g.add((node, CSP.suggestedSameAs, b))
        g.add((node, CSP.score, Literal(str(score), datatype=XSD.decimal)))
        g.add((node, CSP.model, Literal(SUGGEST_MODEL)))
        g.add((node, CSP.reviewStatus, Literal("pending")))
