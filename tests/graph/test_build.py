"""Building the sample corpus: one named graph per document, provenance everywhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from cspgraph.graph.build.dataset import build
from cspgraph.graph.build.provenance import document_iri, graph_iri
from cspgraph.loaders import load_document
from cspgraph.loaders.document import Span
from cspgraph.ontology.namespaces import CSP


def extracted_triples(g, doc_id: str):
    """The triples of a document graph that state facts: not provenance, not load metadata."""
    from rdflib.namespace import DCTERMS

    prov_nodes = set(g.subjects(RDF.type, RDF.Statement))
    prov_nodes |= set(g.subjects(RDF.type, CSP.SourceSpan))
    meta_nodes = {graph_iri(doc_id), URIRef(str(graph_iri(doc_id)) + "/load")}
    doc_meta = {RDF.type, CSP.fileName, CSP.sha256, DCTERMS.format, DCTERMS.source}
    for s, p, o in g:
        if s in prov_nodes or s in meta_nodes:
            continue
        if s == document_iri(doc_id) and p in doc_meta:
            continue
        yield s, p, o


def test_one_named_graph_per_document_with_load_metadata(sample_build, samples):
    ds = sample_build.dataset
    assert not sample_build.failed
    for report, path in zip(sample_build.reports, samples, strict=True):
        g = ds.graph(graph_iri(report.doc_id))
        assert len(g) > 0, report.path
        doc = document_iri(report.doc_id)
        assert g.value(doc, CSP.sha256) == Literal(hashlib.sha256(path.read_bytes()).hexdigest())
        assert g.value(doc, CSP.fileName) == Literal(path.name)
        activity = g.value(graph_iri(report.doc_id), PROV.wasGeneratedBy)
        assert "reader:text" in str(g.value(activity, CSP.loaderVersion))
        assert g.value(graph_iri(report.doc_id), PROV.generatedAtTime) is not None


def test_every_extracted_triple_is_reified_with_a_real_quote(sample_build):
    ds = sample_build.dataset
    checked = 0
    for report in sample_build.loaded:
        g = ds.graph(graph_iri(report.doc_id))
        document = report.result.document
        for s, p, o in extracted_triples(g, report.doc_id):
            stmts = list(g.subjects(RDF.subject, s))
            spans = [
                span for st in stmts
                if g.value(st, RDF.predicate) == p and g.value(st, RDF.object) == o
                for span in g.objects(st, PROV.wasDerivedFrom)
            ]
            assert spans, f"no provenance for {s} {p} {o} in {report.path}"
            for span in spans:
                start = int(g.value(span, CSP.lineStart))
                end = int(g.value(span, CSP.lineEnd))
                quote = str(g.value(span, CSP.quote))
                assert quote and " ".join(quote.split()) in document.plain(Span(start, end)), (
                    f"{report.path}:{start}-{end} does not contain {quote!r}")
            checked += 1
    assert checked > 100


def test_building_twice_gives_the_same_fact_triples(samples):
    first, second = build(samples[:1]), build(samples[:1])
    def facts(result):
        return {(s, p, o) for s, p, o, _ in result.dataset.quads((None, None, None, None))
                if p not in (PROV.generatedAtTime, PROV.endedAtTime)}
    assert facts(first) == facts(second)


def test_bad_files_are_skipped_with_a_message_and_the_rest_load(tmp_path, samples):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02 PDF-ish")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Chair: Jos\xe9 Roe\n".encode("latin-1"))
    unknown = tmp_path / "plan.xyz"
    unknown.write_text("Chair: someone")
    missing = tmp_path / "missing.txt"
    result = build([empty, binary, latin, unknown, missing, samples[0]])
    assert sorted(Path(r.path).name for r in result.loaded) == sorted(["latin1.txt",
                                                                       samples[0].name])
    errors = {Path(r.path).name: r.error for r in result.failed}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    latin_report = next(r for r in result.loaded if r.path.endswith("latin1.txt"))
    assert any("not UTF-8; read as Windows-1252" in p for p in latin_report.problems)
    assert "unknown format '.xyz'" in errors["plan.xyz"] and ".txt" in errors["plan.xyz"]
    assert "no such file" in errors["missing.txt"]
    for name, message in errors.items():
        assert name in message


def test_a_folder_loads_recursively_and_lists_unsupported_files(tmp_path, samples):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (sub / samples[0].name).write_bytes(samples[0].read_bytes())
    (tmp_path / "notes.xyz").write_text("x")
    result = build([tmp_path])
    assert [Path(r.path).name for r in result.loaded] == [samples[0].name]
    assert any("unsupported format '.xyz'" in (r.error or "") for r in result.failed)


def test_coverage_accounts_for_every_nonblank_line(samples):
    for path in samples:
        result = load_document(path)
        cov = result.coverage
        assert cov.total == len(result.document.nonblank_lines())
        accounted = set(cov.understood) | set(cov.furniture) | set(cov.not_understood)
        assert accounted == set(result.document.nonblank_lines())


def test_the_oxigraph_store_holds_the_same_graph_as_memory(tmp_path, sample_build):
    from cspgraph.settings import Settings

    disk = build(settings=Settings(store=f"oxigraph:{tmp_path / 'store'}"))
    assert len(disk.dataset) == len(sample_build.dataset)
    query = "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/cspgraph/def#Recommendation> }"
    in_memory = next(iter(sample_build.dataset.query(query))).n
    assert next(iter(disk.dataset.query(query))).n == in_memory
    assert int(in_memory) > 0
