"""The curation overlay: users' corrections in YAML, applied after loading, with provenance.

A curation file holds a list of entries, each one key naming what it does::

    author: A. Analyst            # optional defaults for every entry
    date: 2026-11-20
    entries:
      - add: {chair: "Prevent Strategy Group", person: "Jane Roe"}
      - add: {subject: "Anytown Youth Panel", relation: "reports to", object: "Anytown Safer Board"}
      - remove: {chair: "Kingsford Domestic Abuse Forum", person: "Sam Smith"}
      - same: ["Probation", "Probation Trust"]          # declare a merge
      - not_same: ["Reducing Offending Strategy Group", "Reducing Re-Offending Strategy Group"]
      - gss: {name: "Kingsford", code: "E22000001"}
      - review: {name: "A Group", same_as: "The A Group", status: accepted}
      - review: {suggestion: "https://w3id.org/cspgraph/id/suggestion/duplicate/...",
                 status: rejected, reason: "different client groups"}
      - replaces: ["Partnership Plan 2024-25", "Partnership Plan 2023-24"]   # newer, older

Every curated fact is stated by the file's line: answers name the file, the line, the
entry's text, and its author and date. An entry that matches nothing is *stale* and is
reported, never silently ignored. An empty file changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from cspgraph.errors import CspGraphError, InputError
from cspgraph.graph.build.names import iri, person_display, slug, strip_titles
from cspgraph.graph.build.provenance import ProvenanceWriter, document_iri, graph_iri
from cspgraph.graph.queries.lookup import BODIES, NAMED, PLANS, resolve
from cspgraph.loaders.document import Span
from cspgraph.loaders.facts import Source
from cspgraph.ontology.namespaces import CSP, DCTERMS, FOAF, ORG, PROV

ROLE_KEYS = {"chair": CSP.Chair, "vice_chair": CSP.ViceChair, "lead": CSP.Lead,
             "holder": CSP.Holder}
RELATIONS = {"reports to": ORG.reportsTo, "sub-group of": ORG.subOrganizationOf,
             "oversees": CSP.oversees, "scrutinises": CSP.scrutinises}
GSS = re.compile(r"^[EWSN]\d{8}$")
KINDS = ("add", "remove", "same", "not_same", "gss", "review", "replaces")


@dataclass
class Entry:
    """One curation entry: what it does, its arguments and where it is written."""

    kind: str
    args: Any
    file: Path
    line: int
    end: int
    text: str
    author: str | None = None
    date: str | None = None

    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class CurationReport:
    """What the overlay did: entries applied and stale entries, each with its place."""

    applied: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def read_entries(path: str | Path) -> list[Entry]:
    """The entries of one curation file; InputError naming the file and line if malformed."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(str(path), f"not valid YAML: {exc.problem}", line=line) from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise InputError(str(path), "expected a mapping with a list under 'entries'", line=1)
    nodes = next((v for k, v in root.value if k.value == "entries"), None)
    lines = text.splitlines()
    out = []
    for raw, node in zip(data.get("entries") or [], nodes.value if nodes else [], strict=False):
        start, end = node.start_mark.line + 1, max(node.end_mark.line, node.start_mark.line + 1)
        kinds = [k for k in KINDS if isinstance(raw, dict) and k in raw]
        if len(kinds) != 1:
            raise InputError(str(path), f"each entry needs exactly one of {', '.join(KINDS)}",
                             line=start)
        out.append(Entry(kinds[0], raw[kinds[0]], path, start, end,
                         lines[start - 1].strip().lstrip("- ").strip(),
                         str(raw.get("author", data.get("author", ""))) or None,
                         str(raw.get("date", data.get("date", ""))) or None))
    return out


def append_entries(path: str | Path, entries: list[dict], author: str | None = None,
                   when: str | None = None) -> None:
    """Append entries (e.g. ``{"review": {...}}``) to a curation file, atomically.

    The file is created if needed; what it already says, comments included, is kept.
    """
    from cspgraph.graph.store.io import write_atomic

    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if text.strip():
        read_entries(path)  # refuse to append to a file that does not parse
    if "entries:" not in text:
        text = text + ("" if not text or text.endswith("\n") else "\n") + "entries:\n"
    elif not text.endswith("\n"):
        text += "\n"
    for entry in entries:
        extra = {k: v for k, v in (("author", author), ("date", when)) if v}
        line = yaml.safe_dump([{**entry, **extra}], default_flow_style=None, width=1000,
                              allow_unicode=True, sort_keys=False)
        text += "  " + line.rstrip("\n").replace("\n", "\n  ") + "\n"
    write_atomic(path, text.encode("utf-8"))


def curation_id(path: Path) -> str:
    """The document id of a curation file: stable across machines for the same name."""
    return "curation-" + slug(path.stem, 40) + "-" + hashlib.sha1(
        path.name.encode()).hexdigest()[:6]


def _node(ds: Dataset, name: str, kinds: tuple[URIRef, ...] = NAMED) -> URIRef:
    if name.startswith(("http://", "https://")):
        return URIRef(name)
    return URIRef(resolve(ds, name, kinds, "entity").iri)


def pairs(ds: Dataset, entries: Iterable[Entry], report: CurationReport
          ) -> tuple[set[frozenset[str]], list[tuple[URIRef, URIRef]]]:
    """(refused pairs, curated merges) for resolution, from same/not_same/review entries."""
    refused: set[frozenset[str]] = set()
    merged: list[tuple[URIRef, URIRef]] = []
    for e in entries:
        if e.kind not in ("same", "not_same", "review") or _of_suggestion(e):
            continue
        try:
            a, b = (e.args if e.kind != "review"
                    else (e.args["name"], e.args["same_as"]))
            na, nb = _node(ds, str(a)), _node(ds, str(b))
        except (CspGraphError, KeyError, TypeError, ValueError) as exc:
            report.stale.append(f"{e.where()}: {_why(exc)}")
            continue
        accepted = e.kind == "same" or (e.kind == "review" and e.args.get("status") == "accepted")
        if accepted:
            merged.append((na, nb))
        else:
            refused.add(frozenset((str(na), str(nb))))
        report.applied.append(f"{e.where()}: {e.kind} {a} / {b}")
    return refused, merged


def apply(ds: Dataset, entries: list[Entry], report: CurationReport) -> None:
    """Apply add, remove and gss entries, each fact sourced at its file and line."""
    for e in entries:
        if e.kind not in ("add", "remove", "gss", "replaces"):
            continue
        out = _writer(ds, e)
        src = Source(Span(e.line, e.end), e.text)
        try:
            handler = {"add": _add, "remove": _remove, "gss": _gss, "replaces": _replaces}[e.kind]
            done = handler(ds, out, e.args, src)
        except (CspGraphError, KeyError, TypeError, ValueError) as exc:
            report.stale.append(f"{e.where()}: {_why(exc)}")
            continue
        if done:
            report.applied.append(f"{e.where()}: {e.kind} {done}")
        else:
            report.stale.append(f"{e.where()}: {e.kind} matches nothing in the graph")
    for e in entries:  # a review is kept as a reviewed suggestion, sourced at its line
        if e.kind == "review" and not _of_suggestion(e) and _resolvable(ds, e):
            out = _writer(ds, e)
            src = Source(Span(e.line, e.end), e.text)
            a, b = _node(ds, str(e.args["name"])), _node(ds, str(e.args["same_as"]))
            node = iri("suggestion", "same", hashlib.sha1(f"{a} {b}".encode()).hexdigest()[:12])
            out.add(node, RDF.type, CSP.Suggestion, src)
            out.add(node, CSP.suggestionOf, a, src)
            out.add(node, CSP.suggestedSameAs, b, src)
            out.add(node, CSP.reviewStatus, Literal(str(e.args.get("status", "pending"))), src)
    stamp(ds, entries)


def stamp(ds: Dataset, entries: list[Entry]) -> None:
    """Put each entry's author and date on the spans sourced at its lines."""
    for e in entries:
        doc_id = curation_id(e.file)
        g = ds.graph(graph_iri(doc_id))
        for span in g.subjects(CSP.lineStart, Literal(e.line)):
            if e.author:
                g.add((span, DCTERMS.creator, Literal(e.author)))
            if e.date:
                g.add((span, DCTERMS.date, Literal(e.date, datatype=XSD.date)))


def _of_suggestion(e: Entry) -> bool:
    """True for a review of a machine suggestion by its IRI (applied by the suggester)."""
    return e.kind == "review" and isinstance(e.args, dict) and "suggestion" in e.args


def _resolvable(ds: Dataset, e: Entry) -> bool:
    try:
        _node(ds, str(e.args["name"]))
        _node(ds, str(e.args["same_as"]))
    except (CspGraphError, KeyError, TypeError):
        return False
    return True


def _writer(ds: Dataset, e: Entry) -> ProvenanceWriter:
    doc_id = curation_id(e.file)
    g = ds.graph(graph_iri(doc_id))
    doc = document_iri(doc_id)
    g.add((doc, RDF.type, CSP.CurationFile))
    g.add((doc, RDF.type, CSP.SourceDocument))
    g.add((doc, CSP.fileName, Literal(e.file.name)))
    g.add((graph_iri(doc_id), PROV.wasDerivedFrom, doc))
    return ProvenanceWriter(g, doc_id)


def _post_triple(ds: Dataset, args: dict, out: ProvenanceWriter | None = None,
                 src: Source | None = None) -> tuple[URIRef, URIRef, URIRef, URIRef]:
    """(body, post, role, person) an entry names; with ``out``, a new person is created."""
    role_key = next(k for k in ROLE_KEYS if k in args)
    body = _node(ds, str(args[role_key]), BODIES)
    try:
        person = _node(ds, str(args["person"]))
    except CspGraphError:
        if out is None or src is None:
            raise
        shown = person_display(str(args["person"]))
        person = iri("person", slug(strip_titles(shown)))
        out.add(person, RDF.type, FOAF.Person, src)
        out.add(person, FOAF.name, Literal(shown), src)
    return body, URIRef(f"{body}/post/{role_key.replace('_', '-')}"), ROLE_KEYS[role_key], person


def _add(ds: Dataset, out: ProvenanceWriter, args: dict, src: Source) -> str:
    if any(k in args for k in ROLE_KEYS):
        body, post, role, person = _post_triple(ds, args, out, src)
        out.add(post, RDF.type, ORG.Post, src)
        out.add(post, ORG.postIn, body, src)
        out.add(post, ORG.role, role, src)
        out.add(post, ORG.heldBy, person, src)
        return f"{args['person']} holds a post in {args[next(k for k in ROLE_KEYS if k in args)]}"
    relation = RELATIONS[str(args["relation"])]
    s, o = _node(ds, str(args["subject"]), BODIES), _node(ds, str(args["object"]), BODIES)
    out.add(s, relation, o, src)
    return f"{args['subject']} {args['relation']} {args['object']}"


def _remove(ds: Dataset, out: ProvenanceWriter, args: dict, src: Source) -> str | None:
    if any(k in args for k in ROLE_KEYS):
        body, _post, role, person = _post_triple(ds, args)
        triples = [(p, ORG.heldBy, person) for p in ds.subjects(ORG.postIn, body)
                   if (p, ORG.role, role) in ds and (p, ORG.heldBy, person) in ds]
    else:
        relation = RELATIONS[str(args["relation"])]
        s, o = _node(ds, str(args["subject"]), BODIES), _node(ds, str(args["object"]), BODIES)
        triples = [(s, relation, o)] if (s, relation, o) in ds else []
    for triple in triples:
        for g in list(ds.graphs()):
            g.remove(triple)
            for stmt in list(g.subjects(RDF.subject, triple[0])):
                if (stmt, RDF.predicate, triple[1]) in g and (stmt, RDF.object, triple[2]) in g:
                    g.remove((stmt, None, None))
    return f"{len(triples)} statement(s)" if triples else None


def _gss(ds: Dataset, out: ProvenanceWriter, args: dict, src: Source) -> str:
    code = str(args["code"]).strip()
    if not GSS.match(code):
        raise ValueError(f"'{code}' is not a GSS code (a letter and eight digits, e.g. E22000001)")
    node = _node(ds, str(args["name"]))
    out.add(node, CSP.gssCode, Literal(code), src)
    return f"{args['name']} = {code}"


def _replaces(ds: Dataset, out: ProvenanceWriter, args: list, src: Source) -> str:
    newer, older = (_node(ds, str(name), PLANS) for name in args)
    out.add(newer, DCTERMS.replaces, older, src)
    out.add(older, DCTERMS.isReplacedBy, newer, src)
    return f"{args[0]} replaces {args[1]}"


def _why(exc: Exception) -> str:
    if isinstance(exc, CspGraphError):
        return exc.message
    if isinstance(exc, KeyError):
        return f"missing field {exc}"
    return str(exc)

