"""Priorities, actions, recommendations and data gaps: who leads them, when they are due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from cspgraph.graph.build.provenance import graph_iri
from cspgraph.graph.queries import patterns as pat
from cspgraph.graph.queries.lookup import AGENTS, resolve
from cspgraph.graph.queries.plans import as_date, documents, find_document, in_document
from cspgraph.graph.queries.results import Answer, ItemAnswer, SourceRef
from cspgraph.graph.queries.sources import entity, properties, sources, statements
from cspgraph.ontology.namespaces import CSP, DCTERMS, RDFS

KINDS = {"Priority": CSP.Priority, "Action": CSP.Action,
         "Recommendation": CSP.Recommendation, "DataGap": CSP.DataGap}
LEAD_PROPS = (CSP.leadAgency, CSP.leadPerson)
HAS_ITEM = CSP.hasItem


def item(ds: Dataset, node: URIRef, kind: str, doc_names: dict[str, str],
         label_sources: list[SourceRef] | None = None,
         said: dict[tuple, list[URIRef]] | None = None) -> ItemAnswer:
    """Everything the graph says about one item, with sources (``label_sources`` and
    ``said``, its label's and leads' statements, where the caller already read them)."""
    doc_id = item_doc_id(node)
    parent = next(iter(pat.subjects(ds, HAS_ITEM, node)), None)
    has = properties(ds, node)  # one read for every property below
    if said is None:
        said = statements(ds, node, LEAD_PROPS if label_sources is not None
                          else (RDFS.label, *LEAD_PROPS))
    leads = [Answer(entity(ds, who), sources(ds, node, prop, who, said),
                    {"kind": "person" if prop == CSP.leadPerson else "agency"})
             for prop in LEAD_PROPS for who in has.get(prop, ())]

    def text(prop: URIRef) -> str | None:
        return str(has[prop][0]) if prop in has else None

    return ItemAnswer(
        entity=entity(ds, node, has),
        kind=kind,
        document=doc_names.get(doc_id, doc_id),
        number=text(CSP.number),
        theme=text(CSP.themeLabel),
        strand=text(CSP.strandLabel),
        timescale=text(CSP.timescale),
        due_start=as_date(has.get(CSP.dueStart, [None])[0]),
        due_end=as_date(has.get(CSP.dueEnd, [None])[0]),
        parent=entity(ds, parent) if parent is not None else None,
        leads=sorted(leads, key=lambda a: a.label),
        sources=(label_sources if label_sources is not None
                 else sources(ds, node, RDFS.label, said=said)),
    )


def items(ds: Dataset, document: str | None = None, kinds: Iterable[str] = tuple(KINDS),
          lead: str | None = None, theme: str | None = None, due_by: date | None = None,
          as_at: date | None = None) -> list[ItemAnswer]:
    """Items of one document (or all), optionally by kind, lead, theme and due date.

    ``due_by`` keeps items whose due date (the end of their timescale) is on or before it;
    ``as_at`` keeps items of plans in force on that date.
    """
    names = {d.doc_id: d.file_name for d in documents(ds)}
    out = []
    for node, kind in _candidates(ds, document, kinds, lead, as_at):
        found = item(ds, node, kind, names)
        if theme and (found.theme or "").lower() != theme.lower():
            continue
        if due_by and not (found.due_end and found.due_end <= due_by):
            continue
        out.append(found)
    return sorted(out, key=_order)


def items_page(ds: Dataset, offset: int, limit: int, document: str | None = None,
               kinds: Iterable[str] = tuple(KINDS), lead: str | None = None,
               theme: str | None = None, due_by: date | None = None,
               as_at: date | None = None) -> tuple[list[ItemAnswer], int]:
    """``items(...)[offset:offset + limit]`` and ``len(items(...))``. Without ``theme`` and
    ``due_by`` only the page's items are read in full: the others only as far as their
    place in document order (an agency can lead hundreds of items)."""
    if theme or due_by:
        found = items(ds, document, kinds, lead, theme, due_by, as_at)
        return found[offset:offset + limit], len(found)
    names = {d.doc_id: d.file_name for d in documents(ds)}
    placed = []
    for node, kind in _candidates(ds, document, kinds, lead, as_at):
        said = statements(ds, node, (RDFS.label, *LEAD_PROPS))  # read once for the page too
        label = sources(ds, node, RDFS.label, said=said)
        doc_id = item_doc_id(node)
        placed.append((_place(names.get(doc_id, doc_id), label, node), node, kind, label, said))
    placed.sort(key=lambda p: p[0])
    return ([item(ds, node, kind, names, label, said)
             for _, node, kind, label, said in placed[offset:offset + limit]], len(placed))


def _candidates(ds: Dataset, document: str | None, kinds: Iterable[str], lead: str | None,
                as_at: date | None) -> list[tuple[URIRef, str]]:
    """(node, kind) of the items of ``document`` (or all), of ``kinds``, led by ``lead``
    and in plans in force ``as_at``."""
    doc_id = find_document(ds, document).doc_id if document else None
    in_force = {d.doc_id for d in documents(ds, as_at)} if as_at else None
    lead_node = URIRef(resolve(ds, lead, AGENTS, "lead").iri) if lead else None
    led = None  # with a lead, start from what it leads: the walk grows with its items
    if lead_node is not None:
        led = {node for p in LEAD_PROPS for node in pat.subjects(ds, p, lead_node)}
        types = {node: set(pat.objects(ds, node, RDF.type)) for node in led}
    out = []
    for kind in kinds:
        cls = KINDS[kind]
        if led is not None:
            candidates = {n for n in led if cls in types[n]}
        elif doc_id:  # the document's own graph, not every item of the corpus
            own = Graph(store=ds.store, identifier=graph_iri(doc_id))  # a view: adds nothing
            candidates = set(pat.subjects(own, RDF.type, cls))
        else:
            candidates = set(pat.subjects(ds, RDF.type, cls))
        for node in candidates:
            if doc_id and not in_document(node, doc_id):
                continue
            if in_force is not None and not any(in_document(node, d) for d in in_force):
                continue
            out.append((node, kind))
    return out


def _order(i: ItemAnswer) -> tuple:
    """Document order: by document, then by the item's first source line."""
    return _place(i.document, i.sources, i.entity.iri)


def _place(document: str, label_sources: list[SourceRef], iri: str) -> tuple:
    """An item's place in document order, from what ``_order`` reads of its answer."""
    return (document, label_sources[0].line_start if label_sources else 0, str(iri))


def item_doc_id(node: URIRef | str) -> str:
    """The id of the document an item was minted for."""
    return str(node).split("/doc/", 1)[1].split("/", 1)[0]


def priorities(ds: Dataset, document: str | None = None) -> list[ItemAnswer]:
    """The priorities of a document (or of all documents), in document order."""
    return items(ds, document, kinds=("Priority",))


def led_by(ds: Dataset, agency: str, document: str | None = None,
           kinds: Iterable[str] = tuple(KINDS), as_at: date | None = None) -> list[ItemAnswer]:
    """The priorities, actions, recommendations and gaps an agency or person leads."""
    return items(ds, document, kinds=kinds, lead=agency, as_at=as_at)


def children(ds: Dataset, parent: ItemAnswer) -> list[ItemAnswer]:
    """The actions or recommendations that sit under a priority."""
    names = {d.doc_id: d.file_name for d in documents(ds)}
    node = URIRef(parent.entity.iri)
    found = []
    for child in pat.objects(ds, node, CSP.hasItem):
        kind = next((k for k, c in KINDS.items() if (child, RDF.type, c) in ds), "Action")
        found.append(item(ds, child, kind, names))
    return sorted(found, key=_order)


def indicators(ds: Dataset, owner: str | None = None) -> list[Answer]:
    """Indicators (all, or those a group or priority owns or is linked to), with sources."""
    out = []
    owners = None
    if owner:
        owners = {URIRef(resolve(ds, owner, None, "group or priority").iri)}
    for prop, linked in ((CSP.ownsIndicator, "no"), (CSP.linkedIndicator, "yes")):
        for s, o in ds.subject_objects(prop):
            if owners is not None and s not in owners:
                continue
            description = pat.value(ds, o, DCTERMS.description)
            out.append(Answer(entity(ds, o), sources(ds, s, prop, o),
                              {"owner": entity(ds, s).label, "linked": linked,
                               "description": str(description or "")}))
    return sorted(out, key=lambda a: (a.detail["owner"], a.label))


def cross_references(ds: Dataset, document: str | None = None
                     ) -> list[tuple[ItemAnswer, ItemAnswer, list[SourceRef]]]:
    """Items that refer to other items ("This links to recommendation 7 under ASB")."""
    doc_id = find_document(ds, document).doc_id if document else None
    names = {d.doc_id: d.file_name for d in documents(ds)}
    kinds = {node: kind for kind, cls in KINDS.items() for node in pat.subjects(ds, RDF.type, cls)}
    out = []
    for s, o in ds.subject_objects(DCTERMS.references):
        if s in kinds and o in kinds and (doc_id is None or in_document(s, doc_id)):
            out.append((item(ds, s, kinds[s], names), item(ds, o, kinds[o], names),
                        sources(ds, s, DCTERMS.references, o)))
    return sorted(out, key=lambda t: (_order(t[0]), _order(t[1])))
