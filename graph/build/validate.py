"""SHACL governance checks: run the shipped shapes and return a readable report."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS

from cspgraph.ontology.namespaces import FOAF, SH


@dataclass(frozen=True)
class Finding:
    """One SHACL result: which node, what is wrong, how serious, which shape."""

    focus: str
    label: str
    message: str
    severity: str
    shape: str


@dataclass
class ValidationReport:
    """The outcome of validation: conforms or not, with each finding."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Findings per message, most common first."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.message] = out.get(f.message, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))

    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]


def union_graph(ds: Dataset) -> Graph:
    """All triples of every named graph in one plain graph."""
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def validate(ds: Dataset) -> ValidationReport:
    """Run the governance shapes over the union of the dataset's graphs."""
    from pyshacl import validate as shacl_validate

    from cspgraph.ontology import ontology_graph, shapes_graph

    data = union_graph(ds)
    conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        advanced=True, allow_warnings=True,
    )
    findings = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        findings.append(Finding(
            focus=str(focus),
            label=_label(data, focus),
            message=str(results.value(result, SH.resultMessage) or ""),
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=str(results.value(result, SH.sourceShape) or ""),
        ))
    findings.sort(key=lambda f: (f.severity != "Violation", f.message, f.label))
    return ValidationReport(bool(conforms), findings)


def _label(g: Graph, node) -> str:
    if not isinstance(node, URIRef):
        return str(node)
    for prop in (RDFS.label, FOAF.name, DCTERMS.title):
        value = g.value(node, prop)
        if value is not None:
            return str(value)
    return str(node).rsplit("/", 1)[-1]
