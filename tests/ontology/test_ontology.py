"""The ontology package: vocabulary matches ``CSP``, themes are sound, shapes catch gaps."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL

from cspgraph import ontology
from cspgraph.ontology import (
    CSP,
    CSP_IRI,
    DCTERMS,
    ORG,
    PROV,
    RDF,
    RDFS,
    SH,
    SHAPES,
    SKOS,
    THEME,
    THEME_BASE,
    ontology_graph,
    ontology_path,
    shapes_graph,
    themes_graph,
)

EX = Namespace("https://example.org/")
CSP_TERMS = sorted(CSP.__annotations__)

PREFIXES = """
@prefix csp: <https://w3id.org/cspgraph/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


# ---------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, flattened for asserts."""

    focus: URIRef | BNode
    shape: URIRef | BNode
    severity: URIRef
    message: str


def warning(focus: URIRef, shape: URIRef, message: str) -> Result:
    """The result a shape of warning severity gives ``focus``."""
    return Result(focus, shape, SH.Warning, message)


def data(turtle: str) -> Graph:
    """A data graph from a Turtle snippet using the csp/ex/org/... prefixes."""
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def results(graph: Graph, *, with_ontology: bool = True) -> list[Result]:
    """Validate ``graph`` against the shapes (no inference) and list every result."""
    conforms, report, _ = validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph() if with_ontology else None,
        inference="none",
    )
    found = [
        Result(
            focus=report.value(r, SH.focusNode),
            shape=report.value(r, SH.sourceShape),
            severity=report.value(r, SH.resultSeverity),
            message=str(report.value(r, SH.resultMessage)),
        )
        for r in report.subjects(RDF.type, SH.ValidationResult)
    ]
    assert conforms == (not found)
    return found


def from_shape(found: list[Result], shape: URIRef) -> list[Result]:
    return [r for r in found if r.shape == shape]


def message_of(shape: URIRef) -> str:
    return str(shapes_graph().value(shape, SH.message))


# ---------------------------------------------------------------- vocabulary


def test_files_parse_and_are_nonempty() -> None:
    for name in ("cspgraph.ttl", "themes.ttl", "shapes.ttl"):
        assert len(Graph().parse(source=str(ontology_path(name)), format="turtle")) > 50
    assert len(ontology_graph()) > 0 and len(themes_graph()) > 0 and len(shapes_graph()) > 0


def test_graphs_are_cached() -> None:
    assert ontology_graph() is ontology_graph()
    assert shapes_graph() is shapes_graph()
    assert themes_graph() is themes_graph()


def test_ontology_path_rejects_unknown_file() -> None:
    with pytest.raises(FileNotFoundError):
        ontology_path("nope.ttl")


def test_ontology_header() -> None:
    g = ontology_graph()
    onto = URIRef("https://w3id.org/cspgraph/def")
    assert (onto, RDF.type, OWL.Ontology) in g
    assert g.value(onto, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(onto, DCTERMS.title) is not None
    assert g.value(onto, DCTERMS.description) is not None


@pytest.mark.parametrize("term", CSP_TERMS)
def test_every_csp_term_is_defined(term: str) -> None:
    g = ontology_graph()
    iri = CSP[term]
    assert g.value(iri, RDFS.label) is not None, f"csp:{term} has no rdfs:label"
    assert g.value(iri, RDFS.comment) is not None, f"csp:{term} has no rdfs:comment"
    assert g.value(iri, RDF.type) is not None, f"csp:{term} has no rdf:type"


def test_ontology_defines_no_term_outside_csp() -> None:
    g = ontology_graph()
    defined = {
        str(s).removeprefix(CSP_IRI)
        for s in g.subjects()
        if isinstance(s, URIRef) and str(s).startswith(CSP_IRI)
    }
    assert defined == set(CSP_TERMS)


def test_classes_and_properties_are_typed() -> None:
    g = ontology_graph()
    for term in CSP_TERMS:
        iri = CSP[term]
        types = set(g.objects(iri, RDF.type))
        if term[0].islower():
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, term
        else:
            assert types & {OWL.Class, ORG.Role, SKOS.Concept, SKOS.ConceptScheme}, term


def test_plan_hierarchy_reuses_prov_and_foaf() -> None:
    g = ontology_graph()
    for kind in (
        CSP.PartnershipPlan,
        CSP.StrategicAssessment,
        CSP.CommunitySafetyAgreement,
        CSP.PoliceAndCrimePlan,
        CSP.CouncilPlan,
        CSP.CommitteePaper,
    ):
        assert (kind, RDFS.subClassOf, CSP.Plan) in g
    assert (CSP.Plan, RDFS.subClassOf, PROV.Entity) in g
    assert (CSP.SourceDocument, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Document")) in g
    assert (CSP.SourceDocument, RDFS.subClassOf, PROV.Entity) in g
    assert (CSP.SourceSpan, RDFS.subClassOf, PROV.Entity) in g
    assert (CSP.DataGap, RDFS.subClassOf, CSP.Recommendation) in g


# XSD is reached through the module: a DefinedNamespace bound at module level
# makes pytest's collection warn ("_mock_name is not defined in namespace XSD").
@pytest.mark.parametrize(
    ("prop", "range_"),
    [
        (CSP.leadAgency, ORG.Organization),
        (CSP.leadPerson, URIRef("http://xmlns.com/foaf/0.1/Person")),
        (CSP.alignsWith, CSP.Objective),
        (CSP.oversees, ORG.Organization),
        (CSP.hostAuthorityOf, ORG.Organization),
        (CSP.linkedIndicator, CSP.Indicator),
        (CSP.strand, SKOS.Concept),
        (CSP.dueEnd, ontology.XSD.date),
        (CSP.periodStart, ontology.XSD.date),
        (CSP.lineStart, ontology.XSD.integer),
        (CSP.page, ontology.XSD.integer),
        (CSP.score, ontology.XSD.decimal),
        (CSP.objectiveOf, CSP.Plan),
    ],
)
def test_property_ranges(prop: URIRef, range_: URIRef) -> None:
    assert ontology_graph().value(prop, RDFS.range) == range_


def test_roles_are_org_role_instances() -> None:
    g = ontology_graph()
    for role in (CSP.Chair, CSP.ViceChair, CSP.Lead, CSP.Holder, CSP.Contact):
        assert (role, RDF.type, ORG.Role) in g
        assert (role, RDF.type, OWL.Class) not in g


@pytest.mark.parametrize(
    ("strand", "alt"),
    [
        (CSP.Prevent, "Prevention"),
        (CSP.Pursue, "Pursuing"),
        (CSP.Protect, "Protection"),
        (CSP.Prepare, "Preparation"),
    ],
)
def test_strand_alt_labels(strand: URIRef, alt: str) -> None:
    g = ontology_graph()
    assert (strand, SKOS.inScheme, CSP.Strands) in g
    assert (strand, SKOS.topConceptOf, CSP.Strands) in g
    assert Literal(alt, lang="en") in set(g.objects(strand, SKOS.altLabel))


# ---------------------------------------------------------------- themes


def theme_concepts() -> list[URIRef]:
    return sorted(themes_graph().subjects(RDF.type, SKOS.Concept))


def labels(concept: URIRef) -> set[str]:
    g = themes_graph()
    return {str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(concept, p)}


def test_themes_scheme_is_csp_themes() -> None:
    g = themes_graph()
    assert (CSP.Themes, RDF.type, SKOS.ConceptScheme) in g
    assert len(theme_concepts()) >= 20


def test_every_theme_is_labelled_defined_and_in_scheme() -> None:
    g = themes_graph()
    for concept in theme_concepts():
        assert str(concept).startswith(THEME_BASE), concept
        pref = list(g.objects(concept, SKOS.prefLabel))
        assert len(pref) == 1 and pref[0].language == "en", concept
        assert (concept, SKOS.inScheme, CSP.Themes) in g, concept
        assert g.value(concept, SKOS.definition) is not None, concept
        assert list(g.objects(concept, SKOS.altLabel)), concept
        # each concept is either a top concept or hangs below one
        top = (concept, SKOS.topConceptOf, CSP.Themes) in g
        broader = list(g.objects(concept, SKOS.broader))
        assert top != bool(broader), concept
        assert top == ((CSP.Themes, SKOS.hasTopConcept, concept) in g), concept
        for parent in broader:
            assert (parent, RDF.type, SKOS.Concept) in g, parent


def test_theme_labels_are_unambiguous() -> None:
    owner: dict[str, URIRef] = {}
    for concept in theme_concepts():
        for label in labels(concept):
            key = label.casefold()
            assert owner.setdefault(key, concept) == concept, f"{label!r} names two themes"


@pytest.mark.parametrize(
    ("slug", "alt"),
    [
        ("domestic-abuse", "DA"),
        ("domestic-abuse", "Domestic Violence"),
        ("domestic-abuse", "Domestic Abuse and Sexual Violence"),
        ("reducing-reoffending", "Re-offending"),
        ("reducing-reoffending", "Preventing Offending"),
        ("anti-social-behaviour", "ASB"),
        ("violence-against-women-and-girls", "VAWG"),
        ("exploitation", "SOC"),
        ("drugs", "Substance misuse"),
        ("alcohol", "Alcohol Related Harm"),
        ("prevent-and-counter-terrorism", "CT"),
        ("modern-slavery", "Modern Day Slavery"),
        ("child-sexual-exploitation", "CSE"),
        ("cyber-crime", "Malicious communications"),
        ("arson", "deliberate fire-setting"),
    ],
)
def test_theme_alt_labels(slug: str, alt: str) -> None:
    concept = THEME[slug]
    assert Literal(alt, lang="en") in set(themes_graph().objects(concept, SKOS.altLabel))


def test_theme_broader_links() -> None:
    g = themes_graph()
    assert (THEME["child-sexual-exploitation"], SKOS.broader, THEME.exploitation) in g
    assert (THEME["modern-slavery"], SKOS.broader, THEME.exploitation) in g


# ---------------------------------------------------------------- shapes


def test_shapes_are_valid_shacl() -> None:
    # meta_shacl checks the shapes graph against the SHACL-for-SHACL shapes first
    conforms, _, text = validate(
        Graph(), shacl_graph=shapes_graph(), inference="none", meta_shacl=True
    )
    assert conforms, text


def test_every_constraint_shape_has_message_and_severity() -> None:
    g = shapes_graph()
    for shape in g.subjects(SH.message, None):
        assert g.value(shape, SH.severity) in {SH.Warning, SH.Violation}, shape
        assert isinstance(shape, URIRef), "shapes with messages should be named"
        assert str(shape).startswith(str(SHAPES)), shape


def test_ontology_has_no_shape_targets() -> None:
    """Mixing the ontology in (ont_graph) must not give the shapes anything to flag."""
    assert results(Graph()) == []


def test_validation_leaves_cached_graphs_alone() -> None:
    sizes = (len(ontology_graph()), len(shapes_graph()))
    results(data("ex:p1 a csp:Priority . ex:g a org:OrganizationalUnit ."))
    assert (len(ontology_graph()), len(shapes_graph())) == sizes


def test_priority_without_lead_is_flagged() -> None:
    found = results(data("ex:p1 a csp:Priority ; dcterms:title 'Reduce ASB' ."))
    assert found == [
        warning(EX.p1, SHAPES.PriorityLeadShape, message_of(SHAPES.PriorityLeadShape))
    ]
    assert "no lead" in found[0].message


@pytest.mark.parametrize(
    "lead",
    ["csp:leadAgency ex:police", "csp:leadPerson ex:alice"],
)
def test_priority_with_lead_passes(lead: str) -> None:
    found = results(data(f"ex:p1 a csp:Priority ; {lead} ."))
    assert from_shape(found, SHAPES.PriorityLeadShape) == []


def test_body_without_chair_is_flagged() -> None:
    found = results(
        data(
            """
            ex:board a org:OrganizationalUnit ; org:subOrganizationOf ex:csp .
            ex:csp a org:OrganizationalCollaboration .
            ex:vice a org:Post ; org:postIn ex:board ; org:role csp:ViceChair .
            """
        )
    )
    chairless = from_shape(found, SHAPES.BodyChairPost)
    assert {r.focus for r in chairless} == {EX.board, EX.csp}
    assert all(r.severity == SH.Warning for r in chairless)
    assert all(
        r.message == "This body has no chair: no post in it has the role of chair."
        for r in chairless
    )
    assert found == chairless


@pytest.mark.parametrize(
    "post",
    [
        "ex:chair a org:Post ; org:postIn ex:body ; org:role csp:Chair ; org:heldBy ex:alice .",
        "ex:body org:hasPost ex:chair . ex:chair org:role csp:Chair .",
        "ex:chair org:postIn ex:body ; org:role csp:ViceChair , csp:Chair .",
    ],
)
@pytest.mark.parametrize("kind", ["org:OrganizationalUnit", "org:OrganizationalCollaboration"])
def test_body_with_chair_passes(post: str, kind: str) -> None:
    found = results(data(f"ex:body a {kind} ; org:reportsTo ex:board . {post}"))
    assert from_shape(found, SHAPES.BodyChairPost) == []
    assert found == []


def test_subgroup_reporting_to_nothing_is_flagged() -> None:
    found = results(
        data(
            """
            ex:group a org:OrganizationalUnit .
            ex:csp a org:OrganizationalCollaboration .
            ex:chair1 org:postIn ex:group ; org:role csp:Chair .
            ex:chair2 org:postIn ex:csp ; org:role csp:Chair .
            """
        )
    )
    assert found == [
        Result(
            EX.group,
            SHAPES.SubGroupReportingLine,
            SH.Warning,
            "This sub-group reports to nothing: it is not part of, does not report to, "
            "and is not overseen by any other body.",
        )
    ]


@pytest.mark.parametrize(
    "line",
    [
        "ex:group org:subOrganizationOf ex:board .",
        "ex:group org:unitOf ex:board .",
        "ex:group org:reportsTo ex:board .",
        "ex:board csp:oversees ex:group .",
        "ex:board org:hasSubOrganization ex:group .",
    ],
)
def test_subgroup_with_reporting_line_passes(line: str) -> None:
    found = results(data(f"ex:group a org:OrganizationalUnit . {line}"))
    assert from_shape(found, SHAPES.SubGroupReportingLine) == []


def test_action_without_lead_or_timescale_gets_two_messages() -> None:
    found = results(data("ex:a1 a csp:Action ; rdfs:label 'Hate crime plan' ."))
    assert sorted(found, key=lambda r: str(r.shape)) == [
        warning(
            EX.a1, SHAPES.ActionLeadShape,
            "This action has no lead: no lead agency or person is named for it or its priority.",
        ),
        warning(
            EX.a1, SHAPES.ActionTimescale,
            "This action has no timescale: the plan does not say when it is due.",
        ),
    ]


def test_action_with_lead_but_no_timescale() -> None:
    found = results(data("ex:a1 a csp:Action ; csp:leadAgency ex:police ."))
    assert [(r.focus, r.shape) for r in found] == [(EX.a1, SHAPES.ActionTimescale)]


def test_complete_action_passes() -> None:
    found = results(
        data("ex:a1 a csp:Action ; csp:leadPerson ex:alice ; csp:timescale 'March 2018' .")
    )
    assert found == []


@pytest.mark.parametrize("with_ontology", [True, False])
@pytest.mark.parametrize("kind", ["csp:Plan", "csp:PartnershipPlan", "csp:PoliceAndCrimePlan"])
def test_plan_without_period_is_flagged(kind: str, with_ontology: bool) -> None:
    found = results(data(f"ex:plan a {kind} ; dcterms:title 'Plan' ."), with_ontology=with_ontology)
    assert found == [
        warning(
            EX.plan, SHAPES.PlanPeriod,
            "This plan has no period: it does not say what years it covers.",
        )
    ]


def test_plan_with_period_passes() -> None:
    found = results(data("ex:plan a csp:StrategicAssessment ; dcterms:temporal ex:y2015 ."))
    assert found == []


def test_alignment_to_objective_without_plan_is_a_violation() -> None:
    found = results(
        data(
            """
            ex:p1 a csp:Priority ; csp:leadAgency ex:police ; csp:alignsWith ex:obj .
            ex:obj a csp:Objective ; rdfs:label 'Protect vulnerable people' .
            """
        )
    )
    assert found == [
        Result(
            EX.obj,
            SHAPES.AlignmentObjectivePlan,
            SH.Violation,
            message_of(SHAPES.AlignmentObjectivePlan),
        )
    ]
    assert "belongs to no plan" in found[0].message


def test_alignment_to_objective_of_a_plan_passes() -> None:
    found = results(
        data(
            """
            ex:p1 a csp:Priority ; csp:leadAgency ex:police ; csp:alignsWith ex:obj .
            ex:obj a csp:Objective ; csp:objectiveOf ex:pcp .
            ex:pcp a csp:PoliceAndCrimePlan ; dcterms:temporal ex:y2021 .
            """
        )
    )
    assert found == []


def test_alignment_to_a_non_objective_is_a_violation() -> None:
    found = results(
        data(
            """
            ex:p1 a csp:Priority ; csp:leadAgency ex:police ; csp:alignsWith ex:pcp .
            ex:pcp a csp:PoliceAndCrimePlan ; dcterms:temporal ex:y2021 ; csp:objectiveOf ex:x .
            """
        )
    )
    assert [(r.focus, r.shape, r.severity) for r in found] == [
        (EX.pcp, SHAPES.AlignmentObjectiveShape, SH.Violation)
    ]


def test_suggested_alignment_is_not_checked_as_asserted() -> None:
    found = results(
        data("ex:p1 a csp:Priority ; csp:leadAgency ex:police ; csp:suggestedAlignment ex:obj .")
    )
    assert found == []


GOOD_SPAN = """
ex:s1 a csp:SourceSpan ; csp:inDocument ex:doc ;
    csp:lineStart 3 ; csp:lineEnd 4 ; csp:page 2 ; csp:quote "Reduce ASB" .
"""


def test_well_formed_span_passes() -> None:
    assert results(data(GOOD_SPAN)) == []


@pytest.mark.parametrize(
    ("change", "shape"),
    [
        (("csp:inDocument ex:doc ;", ""), SHAPES.SourceSpanDocument),
        (
            ("csp:inDocument ex:doc ;", "csp:inDocument ex:doc , ex:doc2 ;"),
            SHAPES.SourceSpanDocument,
        ),
        (("csp:lineStart 3 ;", ""), SHAPES.SourceSpanLineStart),
        (("csp:lineStart 3 ;", 'csp:lineStart "3" ;'), SHAPES.SourceSpanLineStart),
        (("csp:lineStart 3 ;", "csp:lineStart 5 ;"), SHAPES.SourceSpanLineStart),
        (("csp:lineStart 3 ;", "csp:lineStart 0 ;"), SHAPES.SourceSpanLineStart),
        (("csp:lineEnd 4 ;", "csp:lineEnd 4.5 ;"), SHAPES.SourceSpanLineEnd),
        (("csp:page 2 ;", "csp:page 2, 3 ;"), SHAPES.SourceSpanPage),
        (('csp:quote "Reduce ASB"', "csp:quote ex:q"), SHAPES.SourceSpanQuote),
        (('; csp:quote "Reduce ASB"', ""), SHAPES.SourceSpanQuote),
    ],
)
def test_malformed_span_is_a_violation(change: tuple[str, str], shape: URIRef) -> None:
    old, new = change
    assert old in GOOD_SPAN
    found = results(data(GOOD_SPAN.replace(old, new)))
    assert found, "malformed span passed"
    assert {(r.focus, r.shape, r.severity) for r in found} == {(EX.s1, shape, SH.Violation)}
    assert {r.message for r in found} == {message_of(shape)}


def test_complete_small_graph_conforms() -> None:
    found = results(
        data(
            """
            ex:plan a csp:PartnershipPlan ; dcterms:temporal ex:y2023 ;
                csp:hasPriority ex:p1 ; prov:wasDerivedFrom ex:s1 .
            ex:p1 a csp:Priority ; csp:leadAgency ex:council ; csp:alignsWith ex:obj ;
                csp:hasItem ex:a1 .
            ex:a1 a csp:Action ; csp:leadAgency ex:police ; csp:timescale "Ongoing" ;
                csp:strand csp:Prevent .
            ex:obj a csp:Objective ; csp:objectiveOf ex:pcp .
            ex:pcp a csp:PoliceAndCrimePlan ; dcterms:temporal ex:y2021 .
            ex:csp a org:OrganizationalCollaboration .
            ex:group a org:OrganizationalUnit ; org:subOrganizationOf ex:csp .
            ex:chair1 a org:Post ; org:postIn ex:csp ; org:role csp:Chair .
            ex:chair2 a org:Post ; org:postIn ex:group ; org:role csp:Chair .
            """
            + GOOD_SPAN
        )
    )
    assert found == []


def test_an_action_under_a_led_priority_has_a_lead():
    data = Graph().parse(data=PREFIXES + """
        ex:p a csp:Priority ; rdfs:label "P" ; csp:leadAgency ex:police ; csp:hasItem ex:a .
        ex:a a csp:Action ; rdfs:label "A" ; csp:timescale "May 2020" .
    """, format="turtle")
    _conforms, report, _ = validate(data, shacl_graph=shapes_graph(), advanced=True)
    assert "ActionLeadShape" not in report.serialize(format="turtle")
