"""Turn one document's facts into RDF in its named graph, with provenance.

Each fact type has one small function here that says which W3C ORG, SKOS,
DCTERMS, FOAF and cspgraph terms it becomes. Names are resolved through the
document's own alias table first ("SCB" -> the board it defines), then minted
by their normalised form (``graph/build/names.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from cspgraph.graph.build.names import clean, digest, normalise, person_display, slug, strip_titles
from cspgraph.graph.build.names import iri as mint
from cspgraph.graph.build.provenance import ProvenanceWriter, TripleSink, document_iri
from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Location, Span
from cspgraph.ontology.namespaces import CSP, DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

PLAN_CLASSES: dict[F.PlanKind, URIRef] = {
    F.PlanKind.PARTNERSHIP_PLAN: CSP.PartnershipPlan,
    F.PlanKind.STRATEGIC_ASSESSMENT: CSP.StrategicAssessment,
    F.PlanKind.COMMUNITY_SAFETY_AGREEMENT: CSP.CommunitySafetyAgreement,
    F.PlanKind.POLICE_AND_CRIME_PLAN: CSP.PoliceAndCrimePlan,
    F.PlanKind.COUNCIL_PLAN: CSP.CouncilPlan,
    F.PlanKind.COMMITTEE_PAPER: CSP.CommitteePaper,
    F.PlanKind.OTHER: CSP.Plan,
}
BODY_CLASSES: dict[F.BodyKind, URIRef] = {
    F.BodyKind.PARTNERSHIP: ORG.OrganizationalCollaboration,
    F.BodyKind.BOARD: ORG.OrganizationalUnit,
    F.BodyKind.SUBGROUP: ORG.OrganizationalUnit,
    F.BodyKind.OFFICE: ORG.Organization,
    F.BodyKind.AGENCY: ORG.FormalOrganization,
    F.BodyKind.MENTIONED: ORG.Organization,
}
ROLES: dict[F.Role, URIRef] = {
    F.Role.CHAIR: CSP.Chair,
    F.Role.VICE_CHAIR: CSP.ViceChair,
    F.Role.LEAD: CSP.Lead,
    F.Role.HOLDER: CSP.Holder,
    F.Role.CONTACT: CSP.Contact,
}
RELATIONS: dict[F.Relation, URIRef] = {
    F.Relation.REPORTS_TO: ORG.reportsTo,
    F.Relation.SUB_GROUP_OF: ORG.subOrganizationOf,
    F.Relation.OVERSEES: CSP.oversees,
    F.Relation.SCRUTINISES: CSP.scrutinises,
    F.Relation.HOST_AUTHORITY: CSP.hostAuthorityOf,
    F.Relation.ALONGSIDE: ORG.linkedTo,
}
ITEM_CLASSES: dict[F.ItemKind, URIRef] = {
    F.ItemKind.RECOMMENDATION: CSP.Recommendation,
    F.ItemKind.DATA_GAP: CSP.DataGap,
    F.ItemKind.ACTION: CSP.Action,
}


@lru_cache(maxsize=1)
def _strand_labels() -> dict[str, URIRef]:
    """Printed strand names (pref and alt labels) -> strand concept."""
    from cspgraph.ontology import ontology_graph

    out: dict[str, URIRef] = {}
    g = ontology_graph()
    for concept in g.subjects(SKOS.inScheme, CSP.Strands):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(concept, prop):
                out[normalise(str(label))] = URIRef(concept)
    return out


def strand_concept(label: str) -> URIRef | None:
    """The strand concept a printed strand name stands for, if any: a label of the scheme,
    or a name that holds one of its words ("Prioritising Prevention", "Pursuing people who
    harm")."""
    labels = _strand_labels()
    name = normalise(label)
    if name in labels:
        return labels[name]
    found = {labels[w] for w in name.split() if w in labels}
    return found.pop() if len(found) == 1 else None


def _date(value: date | None) -> Literal | None:
    return Literal(value.isoformat(), datatype=XSD.date) if value else None


class Emitter:
    """Writes the facts of one document into its named graph."""

    def __init__(self, graph: TripleSink, doc_id: str, facts: Iterable[F.Fact],
                 locate: Callable[[Span, str], Location] | None = None) -> None:
        self.facts = list(facts)
        self.doc_id = doc_id
        self.out = ProvenanceWriter(graph, doc_id, locate)
        self.aliases = {
            f.short: f.expansion for f in self.facts if isinstance(f, F.Alias) and f.expansion
        }
        self.item_keys = {f.key for f in self.facts if isinstance(f, F.Item | F.Priority)}
        info = next((f for f in self.facts if isinstance(f, F.DocumentInfo)), None)
        self.info = info
        self.plan = mint("plan", doc_id) if info else None

    # --- naming -------------------------------------------------------
    def expand(self, name: str) -> str:
        """The document's own expansion of an acronym, or the name as printed."""
        name = clean(name)
        return self.aliases.get(name, name)

    def agent(self, name: str, src: F.Source, kind: URIRef = ORG.Organization) -> URIRef:
        """The node for an organisation or body, typed and labelled."""
        full = self.expand(name)
        node = mint("org", slug(full))
        self.out.add(node, RDF.type, kind, src)
        self.out.add(node, RDFS.label, Literal(full), src)
        if clean(name) != full:
            self.out.add(node, SKOS.altLabel, Literal(clean(name)), src)
        return node

    def person(self, name: str, src: F.Source) -> URIRef:
        """The node for a person, shown in title case with titles kept."""
        shown = person_display(name)
        node = mint("person", slug(strip_titles(shown)))
        self.out.add(node, RDF.type, FOAF.Person, src)
        self.out.add(node, FOAF.name, Literal(shown), src)
        if clean(name) != shown:
            self.out.add(node, SKOS.altLabel, Literal(clean(name)), src)
        return node

    def item(self, key: str) -> URIRef:
        """The node for a priority, action or recommendation of this document."""
        return mint("doc", self.doc_id, *(slug(part) for part in key.split("/")))

    def target(self, name: str, src: F.Source) -> URIRef:
        """An item key of this document, or else a body name."""
        return self.item(name) if name in self.item_keys else self.agent(name, src)

    def role(self, title: str, src: F.Source) -> URIRef:
        node = mint("role", slug(title))
        self.out.add(node, RDF.type, ORG.Role, src)
        self.out.add(node, RDFS.label, Literal(clean(title)), src)
        return node

    def works_for(self, person: URIRef, title: str | None, org: str | None, src: F.Source) -> None:
        """Record a person's job title and employer as an org:Membership."""
        if not (title or org):
            return
        org_node = self.agent(org, src, ORG.FormalOrganization) if org else None
        node = mint("membership", person.rsplit("/", 1)[-1], slug(org or title or ""))
        self.out.add(node, RDF.type, ORG.Membership, src)
        self.out.add(node, ORG.member, person, src)
        if org_node is not None:
            self.out.add(node, ORG.organization, org_node, src)
        if title:
            self.out.add(node, ORG.role, self.role(title, src), src)

    def period(self, owner: URIRef, text: str | None, start: date | None, end: date | None,
               src: F.Source) -> None:
        if not text:
            return
        node = URIRef(owner + "/period")
        self.out.add(owner, DCTERMS.temporal, node, src)
        self.out.add(node, RDF.type, DCTERMS.PeriodOfTime, src)
        self.out.add(node, CSP.periodLabel, Literal(text), src)
        for prop, value in ((CSP.periodStart, start), (CSP.periodEnd, end)):
            if (lit := _date(value)) is not None:
                self.out.add(node, prop, lit, src)

    def higher_plan(self, title: str, period: str | None) -> URIRef:
        return mint("plan", slug(f"{title} {period or ''}"))

    # --- facts ---------------------------------------------------------
    def emit(self) -> None:
        """Write every fact."""
        for fact in self.facts:
            handler = HANDLERS.get(type(fact))
            if handler is not None:
                handler(self, fact)

    def document_info(self, f: F.DocumentInfo) -> None:
        assert self.plan is not None
        src, plan = f.source, self.plan
        self.out.add(plan, RDF.type, PLAN_CLASSES[f.kind], src)
        self.out.add(plan, DCTERMS.title, Literal(clean(f.title)), src)
        if (printed := _printed_title(f)) != clean(f.title):
            self.out.add(plan, SKOS.altLabel, Literal(printed), src)
        self.out.add(document_iri(self.doc_id), FOAF.primaryTopic, plan, src)
        self.period(plan, f.period, f.start, f.end, src)
        if f.area:
            area = mint("area", slug(f.area))
            self.out.add(area, RDF.type, DCTERMS.Location, src)
            self.out.add(area, RDFS.label, Literal(clean(f.area)), src)
            self.out.add(plan, DCTERMS.spatial, area, src)
        if f.issuer:
            self.out.add(plan, DCTERMS.publisher, self.agent(f.issuer, src), src)

    def alias(self, f: F.Alias) -> None:
        scheme = mint("doc", self.doc_id, "glossary")
        node = mint("doc", self.doc_id, "glossary", slug(f.short))
        self.out.add(node, RDF.type, SKOS.Concept, f.source)
        self.out.add(node, SKOS.inScheme, scheme, f.source)
        self.out.add(node, SKOS.notation, Literal(clean(f.short)), f.source)
        if f.expansion:
            self.out.add(node, SKOS.prefLabel, Literal(clean(f.expansion)), f.source)
        else:
            self.out.add(node, SKOS.editorialNote, Literal("expansion unknown"), f.source)

    def body(self, f: F.Body) -> None:
        node = self.agent(f.name, f.source, BODY_CLASSES[f.kind])
        if f.short:
            self.out.add(node, SKOS.altLabel, Literal(clean(f.short)), f.source)
        if f.area_qualifier:
            self.out.add(node, CSP.areaQualifier, Literal(f.area_qualifier), f.source)

    def post(self, f: F.Post) -> None:
        src = f.source
        body = self.agent(f.body, src)
        post = URIRef(body + "/post/" + slug(f.role.value))
        self.out.add(post, RDF.type, ORG.Post, src)
        self.out.add(post, ORG.postIn, body, src)
        self.out.add(post, ORG.role, ROLES[f.role], src)
        label = f"{f.role.value.capitalize()}, {self.expand(f.body)}"
        self.out.add(post, RDFS.label, Literal(label), src)
        if f.person:
            person = self.person(f.person, src)
            self.out.add(post, ORG.heldBy, person, src)
            self.works_for(person, f.title, f.organisation, src)
        elif f.held_by_post and f.title:  # "chaired by the Community Safety Manager"
            holder = mint("post-holder", slug(f"{f.title} {f.organisation or ''}"))
            self.out.add(holder, RDF.type, FOAF.Agent, src)
            self.out.add(holder, RDFS.label, Literal(clean(f.title)), src)
            self.out.add(post, ORG.heldBy, holder, src)
            if f.organisation:
                self.out.add(holder, ORG.memberOf, self.agent(f.organisation, src), src)
        elif f.organisation:
            self.out.add(post, ORG.heldBy, self.agent(f.organisation, src), src)
        if f.title and not f.person:  # an unnamed post-holder: keep the job title on the post
            self.out.add(post, SKOS.altLabel, Literal(clean(f.title)), src)

    def membership(self, f: F.Membership) -> None:
        body = self.agent(f.body, f.source)
        member = self.person(f.member, f.source) if f.person else self.agent(f.member, f.source)
        node = mint("membership", body.rsplit("/", 1)[-1], member.rsplit("/", 1)[-1])
        self.out.add(node, RDF.type, ORG.Membership, f.source)
        self.out.add(node, ORG.organization, body, f.source)
        self.out.add(node, ORG.member, member, f.source)
        if f.role:
            self.out.add(node, ORG.role, self.role(f.role, f.source), f.source)
        if f.person:  # org:memberOf tells sitting on a body from working for an employer
            self.out.add(member, ORG.memberOf, body, f.source)
            self.works_for(member, f.title, f.organisation, f.source)
        if f.attendance:  # how one meeting's minutes note the member
            note = f"{f.attendance} ({f.meeting})" if f.meeting else f.attendance
            self.out.add(node, RDFS.comment, Literal(note), f.source)

    def body_relation(self, f: F.BodyRelation) -> None:
        s, o = self.agent(f.subject, f.source), self.agent(f.object, f.source)
        self.out.add(s, RELATIONS[f.relation], o, f.source)

    def priority(self, f: F.Priority) -> None:
        src, node = f.source, self.item(f.key)
        self.out.add(node, RDF.type, CSP.Priority, src)
        self.out.add(node, RDFS.label, Literal(clean(f.name)), src)
        if f.aim:
            self.out.add(node, DCTERMS.description, Literal(clean(f.aim)), src)
        if f.number:
            self.out.add(node, CSP.number, Literal(f.number), src)
        if f.group:
            self.out.add(node, CSP.group, Literal(f.group), src)
        if f.parent:
            self.out.add(node, DCTERMS.isPartOf, self.item(f.parent), src)
            self.out.add(self.item(f.parent), CSP.hasItem, node, src)
        if self.plan is not None:
            self.out.add(self.plan, CSP.hasPriority, node, src)

    def higher_plan_fact(self, f: F.HigherPlan) -> None:
        src, node = f.source, self.higher_plan(f.title, f.period)
        self.out.add(node, RDF.type, PLAN_CLASSES[f.kind], src)
        self.out.add(node, DCTERMS.title, Literal(clean(f.title)), src)
        self.period(node, f.period, f.start, f.end, src)
        if f.owner:
            self.out.add(node, DCTERMS.publisher, self.agent(f.owner, src), src)
        for alias in f.aliases:
            self.out.add(node, SKOS.altLabel, Literal(clean(alias)), src)
        if self.plan is not None and node != self.plan:
            self.out.add(self.plan, DCTERMS.references if f.cited else DCTERMS.relation,
                         node, src)

    def objective(self, f: F.Objective) -> None:
        """An objective printed in its own plan, on the node citing documents mint for it."""
        src, plan = f.source, self.higher_plan(f.plan, f.plan_period)
        self.out.add(plan, RDF.type, PLAN_CLASSES[f.kind], src)
        self.out.add(plan, DCTERMS.title, Literal(clean(f.plan)), src)
        self.period(plan, f.plan_period, f.start, f.end, src)
        objective = URIRef(plan + "/objective/" + slug(f.objective))
        self.out.add(objective, RDF.type, CSP.Objective, src)
        self.out.add(objective, RDFS.label, Literal(clean(f.objective).rstrip(".")), src)
        self.out.add(objective, CSP.objectiveOf, plan, src)
        if f.number:
            self.out.add(objective, CSP.number, Literal(f.number), src)

    def alignment(self, f: F.Alignment) -> None:
        src, plan = f.source, self.higher_plan(f.plan, f.plan_period)
        objective = URIRef(plan + "/objective/" + slug(f.objective))
        self.out.add(objective, RDF.type, CSP.Objective, src)
        self.out.add(objective, RDFS.label, Literal(clean(f.objective).rstrip(".")), src)
        self.out.add(objective, CSP.objectiveOf, plan, src)
        self.out.add(self.item(f.priority), CSP.alignsWith, objective, src)

    def serves(self, f: F.Serves) -> None:
        """A plan serves another plan (csp:servesPlan), an objective of one
        (csp:alignsWith) or an aim (csp:servesAim)."""
        src = f.source
        own = self.plan is not None and self.info is not None and (
            self.info.kind is not F.PlanKind.COMMITTEE_PAPER)
        subject = self.plan if f.subject_own and own else self.higher_plan(
            f.subject, f.subject_period)
        assert subject is not None
        if f.target_kind == "plan":
            self.out.add(subject, CSP.servesPlan, self.higher_plan(f.target, f.target_period),
                         src)
        elif f.target_kind == "objective" and f.target_plan:
            plan = self.higher_plan(f.target_plan, f.target_period)
            objective = URIRef(plan + "/objective/" + slug(f.target))
            self.out.add(objective, RDF.type, CSP.Objective, src)
            self.out.add(objective, RDFS.label, Literal(clean(f.target).rstrip(".")), src)
            self.out.add(objective, CSP.objectiveOf, plan, src)
            self.out.add(subject, CSP.alignsWith, objective, src)
        else:
            aim = mint("doc", self.doc_id, "aim", slug(f.target))
            self.out.add(aim, RDF.type, CSP.Aim, src)
            self.out.add(aim, RDFS.label, Literal(clean(f.target)), src)
            self.out.add(subject, CSP.servesAim, aim, src)

    def item_fact(self, f: F.Item) -> None:
        src, node = f.source, self.item(f.key)
        self.out.add(node, RDF.type, ITEM_CLASSES[f.kind], src)
        self.out.add(node, RDFS.label, Literal(clean(f.text)), src)
        optional: list[tuple[URIRef, str | None]] = [
            (CSP.themeLabel, f.theme), (CSP.number, f.number), (CSP.strandLabel, f.strand),
            (CSP.timescale, f.timescale), (CSP.response, f.response),
        ]
        for prop, value in optional:
            if value:
                self.out.add(node, prop, Literal(clean(value)), src)
        for prop, day in ((CSP.dueStart, f.due_start), (CSP.dueEnd, f.due_end)):
            if (lit := _date(day)) is not None:
                self.out.add(node, prop, lit, src)
        if f.strand and (concept := strand_concept(f.strand)) is not None:
            self.out.add(node, CSP.strand, concept, src)
        if f.parent:
            self.out.add(self.item(f.parent), CSP.hasItem, node, src)
        if self.plan is not None:
            self.out.add(node, DCTERMS.isPartOf, self.plan, src)

    def lead(self, f: F.Lead) -> None:
        src = f.source
        if f.target not in self.item_keys:  # a group's lead is a post in that group
            self.post(F.Post(src, f.target, F.Role.LEAD, f.lead if f.person else None,
                             f.title, f.organisation if f.person else f.lead))
            return
        node = self.item(f.target)
        if f.person:
            person = self.person(f.lead, src)
            self.out.add(node, CSP.leadPerson, person, src)
            self.works_for(person, f.title, f.organisation, src)
        else:
            self.out.add(node, CSP.leadAgency, self.agent(f.lead, src), src)

    def cross_reference(self, f: F.CrossReference) -> None:
        self.out.add(self.item(f.from_key), DCTERMS.references, self.item(f.to_key), f.source)

    def indicator(self, f: F.Indicator) -> None:
        node = mint("indicator", slug(f.code))
        self.out.add(node, RDF.type, CSP.Indicator, f.source)
        self.out.add(node, SKOS.notation, Literal(clean(f.code)), f.source)
        if f.description:
            self.out.add(node, DCTERMS.description, Literal(clean(f.description)), f.source)

    def indicator_owner(self, f: F.IndicatorOwner) -> None:
        owner = self.target(f.owner, f.source)
        prop = CSP.linkedIndicator if f.linked else CSP.ownsIndicator
        self.out.add(owner, prop, mint("indicator", slug(f.code)), f.source)

    def quality_note(self, f: F.QualityNote) -> None:
        node = mint("doc", self.doc_id, "note", slug(f.message, limit=40) + "-"
                    + digest(f.message, str(f.source.span), size=8))
        self.out.add(node, RDF.type, CSP.QualityNote, f.source)
        self.out.add(node, RDFS.comment, Literal(f.message), f.source)
        self.out.add(node, CSP.inDocument, document_iri(self.doc_id), f.source)


def _printed_title(f: F.DocumentInfo) -> str:
    """The title line as printed: without the issuer put before it ("<Issuer> - ") and the
    period after it, which the plan has of its own."""
    title = clean(f.title)
    if f.issuer and title.startswith(f"{clean(f.issuer)} - "):
        title = title[len(clean(f.issuer)) + 3:]
    if f.period:  # "Action Plan 2024/25 refresh"
        title = re.sub(rf"[\s,–—-]*{re.escape(f.period)}(?:\s+[a-z]\w*){{0,2}}$", "", title)
    return title or clean(f.title)


HANDLERS: dict[type, Callable[[Emitter, F.Fact], None]] = {
    F.DocumentInfo: Emitter.document_info,
    F.Alias: Emitter.alias,
    F.Body: Emitter.body,
    F.Post: Emitter.post,
    F.Membership: Emitter.membership,
    F.BodyRelation: Emitter.body_relation,
    F.Priority: Emitter.priority,
    F.HigherPlan: Emitter.higher_plan_fact,
    F.Objective: Emitter.objective,
    F.Alignment: Emitter.alignment,
    F.Serves: Emitter.serves,
    F.Item: Emitter.item_fact,
    F.Lead: Emitter.lead,
    F.CrossReference: Emitter.cross_reference,
    F.Indicator: Emitter.indicator,
    F.IndicatorOwner: Emitter.indicator_owner,
    F.QualityNote: Emitter.quality_note,
}  # Furniture has no handler: it yields coverage, not triples.


def emit_facts(graph: TripleSink, doc_id: str, facts: Iterable[F.Fact],
               locate: Callable[[Span, str], Location] | None = None) -> None:
    """Write ``facts`` of document ``doc_id`` into ``graph`` with provenance; ``locate``
    (``Document.locate``) puts their spans in the file's own coordinates."""
    Emitter(graph, doc_id, facts, locate).emit()
