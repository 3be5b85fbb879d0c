"""Everything one document states, read back from its named graph as flat typed facts.

The types are the ones a careful reader writes down (``tests/corpus/gold/FACTS.md``):
body, chair, member, governance, priority, objective, lead, action, recommendation, plan
and alignment. Each fact carries its fields as printed labels, the other labels of the
entities it names (acronyms, short forms) and the sources of the triple that states it.
The extraction benchmark scores these against gold facts; a document page lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from cspgraph.graph.build.names import normalise
from cspgraph.graph.build.provenance import graph_iri
from cspgraph.graph.queries.lookup import PLANS
from cspgraph.graph.queries.relations import RELATIONS
from cspgraph.graph.queries.results import Entity, SourceRef
from cspgraph.graph.queries.sources import entity, span_ref
from cspgraph.ontology.namespaces import CSP, DCTERMS, ORG, PROV

FACT_TYPES = ("body", "chair", "member", "governance", "priority", "objective", "lead",
              "action", "recommendation", "plan", "alignment")
BODY_TYPES = {ORG.OrganizationalCollaboration: "partnership", ORG.OrganizationalUnit: "board"}
CHAIR_ROLES = {CSP.Chair: "chair", CSP.ViceChair: "vice chair"}
# (predicate, relation as read from the fact's body, True if the subject is that body)
GOVERNANCE = tuple((r.prop, r.inverse if r.told_of_object else r.label, not r.told_of_object)
                   for r in RELATIONS)
ITEM_TYPES = {CSP.Action: "action", CSP.Recommendation: "recommendation",
              CSP.DataGap: "recommendation"}
_NOT_A_PLAN = {CSP.CommitteePaper}


@dataclass
class DocumentFact:
    """One fact of a document: its type, its fields as printed, the other labels of the
    entities its fields name, and where the document states it."""

    type: str
    fields: dict[str, str | None]
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: list[SourceRef] = field(default_factory=list)


class _Reader:
    """Reads one document graph, with its reified statements indexed once."""

    def __init__(self, ds: Dataset, doc_id: str) -> None:
        self.ds = ds
        self.g: Graph = ds.graph(graph_iri(doc_id))
        self.spans: dict[tuple, list[URIRef]] = {}
        for stmt in self.g.subjects(RDF.type, RDF.Statement):
            key = (self.g.value(stmt, RDF.subject), self.g.value(stmt, RDF.predicate),
                   self.g.value(stmt, RDF.object))
            self.spans.setdefault(key, []).extend(self.g.objects(stmt, PROV.wasDerivedFrom))
        self._entities: dict[URIRef, Entity] = {}

    def sources(self, s, p, o) -> list[SourceRef]:
        return sorted({span_ref(self.ds, span) for span in self.spans.get((s, p, o), ())})

    def entity(self, node: URIRef) -> Entity:
        if node not in self._entities:
            self._entities[node] = entity(self.ds, node)
        return self._entities[node]

    def label(self, node: URIRef | None) -> str | None:
        return self.entity(node).label if node is not None else None

    def alts(self, node: URIRef | None) -> tuple[str, ...]:
        return self.entity(node).alt_labels if node is not None else ()

    def typed(self, classes) -> Iterator[tuple[URIRef, URIRef]]:
        for cls in classes:
            for node in self.g.subjects(RDF.type, cls):
                if isinstance(node, URIRef):
                    yield node, cls

    def fact(self, fact_type: str, stated: tuple, named: dict[str, URIRef | None],
             **extra: str | None) -> DocumentFact:
        """A fact whose ``named`` fields are entities, stated by the triple ``stated``."""
        fields = {k: self.label(v) for k, v in named.items()} | extra
        aliases = {k: self.alts(v) for k, v in named.items() if v is not None and self.alts(v)}
        return DocumentFact(fact_type, fields, aliases, self.sources(*stated))


def document_facts(ds: Dataset, doc_id: str) -> list[DocumentFact]:
    """The facts document ``doc_id`` states, by type in ``FACT_TYPES`` order.

    A body is an ORG unit or collaboration (a partnership, board, group or committee),
    not an agency; a plan is any plan the document sets out or cites, but not a
    committee paper itself.
    """
    r = _Reader(ds, doc_id)
    out: list[DocumentFact] = []
    out += _bodies(r)
    out += _posts(r)
    out += _members(r)
    out += _governance(r)
    out += _priorities(r)
    out += _objectives(r)
    out += _leads(r)
    out += _items(r)
    out += _plans(r)
    out += _alignments(r)
    order = {t: i for i, t in enumerate(FACT_TYPES)}
    return sorted(out, key=lambda f: order[f.type])


def _bodies(r: _Reader) -> Iterator[DocumentFact]:
    seen: set[URIRef] = set()
    for node, cls in r.typed(BODY_TYPES):
        if node not in seen:
            seen.add(node)
            yield r.fact("body", (node, RDF.type, cls), {"name": node}, kind=BODY_TYPES[cls])


def _posts(r: _Reader) -> Iterator[DocumentFact]:
    for post, _, holder in r.g.triples((None, ORG.heldBy, None)):
        role = r.g.value(post, ORG.role)
        body = r.g.value(post, ORG.postIn)
        if role in CHAIR_ROLES:
            kind = "person" if (holder, RDF.type, FOAF.Person) in r.g else "organisation"
            yield r.fact("chair", (post, ORG.heldBy, holder), {"body": body, "holder": holder},
                         role=CHAIR_ROLES[role], holder_kind=kind)
        elif role == CSP.Lead:
            yield r.fact("lead", (post, ORG.heldBy, holder), {"item": body, "lead": holder})


def _members(r: _Reader) -> Iterator[DocumentFact]:
    for node in r.g.subjects(RDF.type, ORG.Membership):
        body, member = r.g.value(node, ORG.organization), r.g.value(node, ORG.member)
        if body is None or member is None:
            continue
        person = (member, RDF.type, FOAF.Person) in r.g
        if person and (member, ORG.memberOf, body) not in r.g:
            continue  # a person's employer, not a body they sit on
        role = r.g.value(node, ORG.role)
        named = {"body": body, "person" if person else "organisation": member}
        yield r.fact("member", (node, ORG.member, member), named, role=r.label(role),
                     attendance=str(r.g.value(node, RDFS.comment) or "") or None)


def _governance(r: _Reader) -> Iterator[DocumentFact]:
    for prop, relation, subject_is_body in GOVERNANCE:
        for s, _, o in r.g.triples((None, prop, None)):
            body, other = (s, o) if subject_is_body else (o, s)
            yield r.fact("governance", (s, prop, o), {"body": body, "other": other},
                         relation=relation)


def _priorities(r: _Reader) -> Iterator[DocumentFact]:
    for node, _ in r.typed((CSP.Priority,)):
        label = r.g.value(node, RDFS.label)
        plan = next(r.g.subjects(CSP.hasPriority, node), None)
        yield r.fact("priority", (node, RDFS.label, label), {"name": node, "plan": plan})


def _objectives(r: _Reader) -> Iterator[DocumentFact]:
    """Objectives of plans; a plan's own priorities, which it also states as objectives
    for other plans to meet, are told once, as priorities."""
    own = {normalise(str(label)) for node, _ in r.typed((CSP.Priority,))
           for label in r.g.objects(node, RDFS.label)}
    for node, _ in r.typed((CSP.Objective,)):
        label = r.g.value(node, RDFS.label)
        if label is not None and normalise(str(label)) in own:
            continue
        number = r.g.value(node, CSP.number)
        yield r.fact("objective", (node, RDFS.label, label),
                     {"text": node, "plan": r.g.value(node, CSP.objectiveOf)},
                     number=str(number) if number is not None else None)


def _leads(r: _Reader) -> Iterator[DocumentFact]:
    """Who leads a priority or a body; an action's or recommendation's lead is its
    ``owner`` field instead."""
    for prop, kind in ((CSP.leadAgency, "organisation"), (CSP.leadPerson, "person")):
        for item, _, lead in r.g.triples((None, prop, None)):
            if any((item, RDF.type, cls) in r.g for cls in ITEM_TYPES):
                continue
            yield r.fact("lead", (item, prop, lead), {"item": item, "lead": lead},
                         lead_kind=kind)


def _items(r: _Reader) -> Iterator[DocumentFact]:
    for node, cls in r.typed(ITEM_TYPES):
        label = r.g.value(node, RDFS.label)
        lead = r.g.value(node, CSP.leadAgency) or r.g.value(node, CSP.leadPerson)
        parent = next(r.g.subjects(CSP.hasItem, node), None)
        extra = {k: str(v) if v is not None else None for k, v in (
            ("timescale", r.g.value(node, CSP.timescale)), ("number", r.g.value(node, CSP.number)),
            ("theme", r.g.value(node, CSP.themeLabel)))}
        yield r.fact(ITEM_TYPES[cls], (node, RDFS.label, label),
                     {"text": node, "owner": lead, "priority": parent}, **extra)


def _plans(r: _Reader) -> Iterator[DocumentFact]:
    """The plans the document names; a plan node its own objectives were written on (for
    citing documents to meet) is the document's own plan, told once."""
    seen: set[URIRef] = set()
    own = {normalise(f"{r.g.value(node, DCTERMS.title)}") for node in r.g.objects(
        None, FOAF.primaryTopic)}
    for node, cls in r.typed(PLANS):
        types = set(r.g.objects(node, RDF.type))
        if node in seen or types & _NOT_A_PLAN:
            continue
        seen.add(node)
        title = r.g.value(node, DCTERMS.title)
        period = r.g.value(r.g.value(node, DCTERMS.temporal) or node, CSP.periodLabel)
        if (None, FOAF.primaryTopic, node) not in r.g and (None, CSP.objectiveOf, node) in r.g \
                and normalise(f"{title} {period or ''}") in own:
            continue
        yield r.fact("plan", (node, DCTERMS.title, title), {"title": node},
                     period=str(period) if period is not None else None,
                     kind=str(cls).rsplit("#", 1)[-1])


def _alignments(r: _Reader) -> Iterator[DocumentFact]:
    """What a priority or plan is stated to serve: an objective, a plan or an aim."""
    for prop in (CSP.servesPlan, CSP.servesAim):
        for subject, _, target in r.g.triples((None, prop, None)):
            yield r.fact("alignment", (subject, prop, target), {"from": subject, "to": target})
    for priority, _, objective in r.g.triples((None, CSP.alignsWith, None)):
        plan = r.g.value(objective, CSP.objectiveOf)
        fact = r.fact("alignment", (priority, CSP.alignsWith, objective),
                      {"from": priority, "to": objective})
        if plan is not None:  # the objective's plan is another name for where it points
            fact.aliases["to"] = (*fact.aliases.get("to", ()), r.label(plan))
        yield fact
