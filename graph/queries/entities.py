"""One entity lookup for every front end, and what a page about one entity shows.

``get`` takes what a user or a link gives: an IRI, an id (the IRI's last segment) or a
name, ranked as ``lookup.search`` ranks it. The views (``body_view``, ``person_view``,
``agency_view``, ``plan_view``) gather every fact a page about one entity lists, each with
its sources; the HTTP API, its pages and the CLI all call these.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from cspgraph.errors import CspGraphError, NotFoundError
from cspgraph.graph.queries import bodies as b
from cspgraph.graph.queries import plans as p
from cspgraph.graph.queries.analytics import unaccountable_bodies
from cspgraph.graph.queries.items import KINDS, indicators, items, items_page
from cspgraph.graph.queries.kinds import kind_word
from cspgraph.graph.queries.lookup import AGENTS, BODIES, ident, resolve
from cspgraph.graph.queries.results import Answer, Document, Entity, ItemAnswer
from cspgraph.graph.queries.sources import entity
from cspgraph.graph.store.backends import DerivedCache

PERSON = (AGENTS[-1],)

_ids = DerivedCache()


def _id_index(ds: Dataset) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = defaultdict(set)
    for node in ds.subjects(RDF.type, None):
        if isinstance(node, URIRef):
            index[ident(str(node))].add(node)
    return index


def get(ds: Dataset, ref: str, kinds: tuple[URIRef, ...] | None = None,
        what: str = "entity") -> Entity:
    """The entity ``ref`` means: an IRI, an id (the IRI's last segment) or a name.

    An id or IRI naming nothing of ``kinds`` falls through to name matching, so a page
    link, a typed name and a pasted IRI all lead to the same entity.
    """
    ref = ref.strip()
    if not ref:
        raise NotFoundError(f"no {what} named ''", "give an IRI, an id or a name")
    wanted = set(kinds) if kinds else None
    if "://" in ref:
        node = URIRef(ref)
        types = set(ds.objects(node, RDF.type))
        if types and (wanted is None or types & wanted):
            return entity(ds, node)
        raise NotFoundError(f"no {what} has the IRI {ref}", "search for it by name")
    nodes = [n for n in sorted(_ids.get(ds, _id_index).get(ref, ()))
             if wanted is None or set(ds.objects(n, RDF.type)) & wanted]
    if len(nodes) == 1:
        return entity(ds, nodes[0])
    return resolve(ds, ref, kinds, what)


@dataclass
class BodyView:
    """Everything the graph says about one body's governance, each answer with sources."""

    body: Entity
    kind: str
    chair: list[Answer]
    posts: list[Answer]
    members: list[Answer]
    sub_groups: list[Answer]
    part_of: list[Answer]
    reports_to: list[Answer]
    accountability_chain: list[Answer]
    oversees: list[Answer]
    overseen_by: list[Answer]
    scrutinises: list[Answer]
    scrutinised_by: list[Answer]
    plans_issued: list[Document]
    indicators: list[Answer]


def body_view(ds: Dataset, ref: str) -> BodyView:
    """A body's chair and posts, members, bodies above and below it, plans and indicators."""
    body = get(ds, ref, BODIES, "body")
    key = body.iri
    posts = [a for role in b.ROLES for a in b.post_holders(ds, key, role)]
    return BodyView(
        body=body, kind=kind_word(ds, body),
        chair=[a for a in posts if a.detail.get("role") == "chair"], posts=posts,
        members=b.members(ds, key), sub_groups=b.sub_groups(ds, key),
        part_of=b.parent_bodies(ds, key), reports_to=b.reports_to(ds, key),
        accountability_chain=b.accountability_chain(ds, key),
        oversees=b.oversees(ds, key), overseen_by=b.overseen_by(ds, key),
        scrutinises=b.scrutinises(ds, key), scrutinised_by=b.scrutinised_by(ds, key),
        plans_issued=[d for d in p.documents(ds) if d.issuer == body.label],
        indicators=_indicators(ds, body))


def _indicators(ds: Dataset, body: Entity) -> list[Answer]:
    """The indicators a body owns or is linked to."""
    return indicators(ds, body.iri)


def all_bodies(ds: Dataset, type_: str | None = None) -> list[Entity]:
    """Governed bodies: the tops of the accountability trees, orphans, and all below them;
    only those of the class ``type_`` (e.g. OrganizationalUnit) when given."""
    tops = unaccountable_bodies(ds)
    found = {e.iri: e for e in tops}
    for top in tops:
        try:
            found.update((a.entity.iri, a.entity) for a in b.below(ds, top.iri))
        except CspGraphError:  # a top that cannot be expanded is listed, not expanded
            continue
    return sorted((e for e in found.values() if type_ in (None, "", e.type)),
                  key=lambda e: (e.label.lower(), e.iri))


@dataclass
class PersonView:
    """A person and the posts they hold, each with its body, source and plan period."""

    person: Entity
    posts: list[Answer]
    chairs: list[Answer]
    periods: dict[str, str] = field(default_factory=dict)


def person_view(ds: Dataset, ref: str) -> PersonView:
    """The posts a person holds, with the bodies, the sources and the plans' periods."""
    person = get(ds, ref, PERSON, "person")
    posts = b.posts_held(ds, person.iri)
    stated = {s.doc_id for a in posts for s in a.sources}
    periods = {d.doc_id: d.period for d in p.documents(ds) if d.doc_id in stated and d.period}
    return PersonView(person, posts, [a for a in posts if a.detail.get("role") == "chair"],
                      periods)


@dataclass
class AgencyView:
    """What an agency (or a lead person) leads, one page of it, and its posts."""

    agency: Entity
    items: list[ItemAnswer]
    total: int
    plan: Document | None = None
    as_at: date | None = None
    due_by: date | None = None
    posts: list[Answer] = field(default_factory=list)


def agency_view(ds: Dataset, ref: str, offset: int = 0, limit: int = 100,
                plan: str | None = None, kinds: tuple[str, ...] | None = None,
                due_by: date | None = None, as_at: date | None = None) -> AgencyView:
    """The items an agency leads, filterable by plan, kind, due date and "as at" date."""
    agency = get(ds, ref, AGENTS, "agency")
    doc = p.find_document(ds, plan) if plan else None
    found, total = items_page(ds, offset, limit, doc.doc_id if doc else None,
                              kinds=kinds or tuple(KINDS), lead=agency.iri, due_by=due_by,
                              as_at=as_at)
    return AgencyView(agency, found, total, doc, as_at, due_by, b.posts_held(ds, agency.iri))


@dataclass
class PlanPriorityView:
    """A priority with the actions or recommendations under it."""

    priority: ItemAnswer
    items: list[ItemAnswer]


@dataclass
class PlanView:
    """A document's plan: period, priorities with leads and actions, higher plans cited."""

    document: Document
    priorities: list[PlanPriorityView]
    other_items: list[ItemAnswer]
    higher_plans: list[Entity]
    quality_notes: list[Answer]


def get_plan(ds: Dataset, ref: str) -> Document:
    """The document ``ref`` names (``plans.find_document``: every front end's one rule)."""
    return p.find_document(ds, ref)


def plan_view(ds: Dataset, ref: str) -> PlanView:
    """A plan's period, its priorities with leads and actions, and the higher plans cited."""
    doc = get_plan(ds, ref)
    everything = items(ds, doc.doc_id)
    prios = [i for i in everything if i.kind == "Priority"]
    under = {pr.entity.iri: [i for i in everything
                             if i.parent is not None and i.parent.iri == pr.entity.iri]
             for pr in prios}
    placed = {i.entity.iri for found in under.values() for i in found}
    return PlanView(
        document=doc,
        priorities=[PlanPriorityView(pr, under[pr.entity.iri]) for pr in prios],
        other_items=[i for i in everything
                     if i.kind != "Priority" and i.entity.iri not in placed],
        higher_plans=p.higher_plans(ds, doc.doc_id),
        quality_notes=p.quality_notes(ds, doc.doc_id))


__all__ = ["AgencyView", "BodyView", "PersonView", "PlanView", "agency_view",
           "all_bodies", "body_view", "get", "get_plan", "ident", "person_view", "plan_view"]
