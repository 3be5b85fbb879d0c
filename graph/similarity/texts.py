"""What is embedded: the text of each recommendation, action, data gap, priority and
higher-plan objective in the built graph, cleaned of numbering and bullets.

Each item keeps its theme, strand and parent priority as optional context, so that a
caller can embed ``"Domestic Abuse (DA): Improve data recording ..."`` or the bare
sentence. See docs/similarity.md for why these items and this cleaning.

>>> clean_text("  3.2.1  More accurate   recording ")
'More accurate recording'
>>> clean_text("• 1) Review the ASB witness process")
'Review the ASB witness process'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Dataset, URIRef

from cspgraph.ontology.namespaces import CSP, DCTERMS, RDF, RDFS, SKOS

KINDS: dict[str, URIRef] = {
    "recommendation": CSP.Recommendation,
    "action": CSP.Action,
    "data gap": CSP.DataGap,
    "priority": CSP.Priority,
    "objective": CSP.Objective,
}

ID_BASE = "https://w3id.org/cspgraph/id/"
_DOC_IRI = re.compile(re.escape(ID_BASE) + r"doc/([^/]+)/")
_PLAN_IRI = re.compile(re.escape(ID_BASE) + r"plan/([^/]+)")

BULLETS = "•◦▪▫■□●○➤➢►▶▸‣⁃→✓✔✗*·–—-"
# A bullet, or numbering that cannot be the start of a sentence: "1." "1)" "(1)" "3.2.1"
# "a)" "(iv)". A bare "12 events by June" keeps its number.
_LEADER = re.compile(
    rf"""^\s*(?:
        [{re.escape(BULLETS)}](?=\s|$)
      | \(?\d{{1,3}}(?:\.\d{{1,3}})+\.?(?=\s|$)
      | \(?\d{{1,3}}[.)](?=\s|$)
      | \(\d{{1,3}}\)
      | \(?(?:[a-z]|[ivx]{{1,4}})\)(?=\s|$)
    )\s*""",
    re.VERBOSE | re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """``text`` with leading bullets and numbering removed and whitespace folded."""
    out = _SPACE.sub(" ", text).strip()
    while (m := _LEADER.match(out)) and m.end() > 0:
        out = out[m.end():]
    return out.strip()


@dataclass(frozen=True)
class EmbedItem:
    """One item to embed, with the context its document gives it.

    ``doc_id`` is the document an item comes from; for an objective it is the id of the
    higher plan (``.../id/plan/<doc_id>``) and ``cited_by`` lists the documents citing it.
    """

    iri: str
    kind: str
    doc_id: str
    label: str
    number: str | None = None
    theme: str | None = None
    strand: str | None = None
    parent: str | None = None
    description: str | None = None
    cited_by: tuple[str, ...] = ()
    expansions: tuple[tuple[str, str], ...] = ()  # the document's acronyms used in the text

    @property
    def context(self) -> str | None:
        """The theme if the document gives one, else the parent priority's name."""
        return self.theme or self.parent

    def text(self, with_context: bool = False) -> str:
        """The text embedded: the cleaned label (a priority adds its aim), optionally
        prefixed with its context, e.g. ``"Domestic Abuse (DA): Improve data ..."``."""
        body = clean_text(self.label)
        if self.description:
            aim = clean_text(self.description)
            body = f"{body}: {aim}" if body else aim
        body = expand(body, self.expansions)
        if with_context and self.context:
            prefix = clean_text(self.context)
            if prefix and not body.lower().startswith(prefix.lower()):
                return f"{prefix}: {body}"
        return body


def expand(text: str, expansions: tuple[tuple[str, str], ...]) -> str:
    """The first use of each acronym spelt out: "the CSE plan" -> "the Child Sexual
    Exploitation (CSE) plan". The model knows words far better than local acronyms."""
    for short, full in expansions:
        if full.lower() in text.lower():
            continue
        text = re.sub(rf"(?<![\w&]){re.escape(short)}(?![\w&])", f"{full} ({short})", text,
                      count=1)
    return text


def alias_tables(ds: Dataset) -> dict[str, dict[str, str]]:
    """Each document's glossary: acronym -> expansion, where the expansion is known."""
    tables: dict[str, dict[str, str]] = {}
    for node in ds.subjects(RDF.type, SKOS.Concept):
        short, full = ds.value(node, SKOS.notation), ds.value(node, SKOS.prefLabel)
        doc_id = doc_id_of(str(node))
        if doc_id and short is not None and full is not None and "/glossary/" in str(node):
            tables.setdefault(doc_id, {})[str(short)] = str(full)
    return tables


def doc_id_of(iri: str) -> str | None:
    """The document (or, for higher-plan nodes, the plan) id in a minted IRI."""
    if m := _DOC_IRI.match(iri):
        return m.group(1)
    if m := _PLAN_IRI.match(iri):
        return m.group(1)
    return None


def embeddable_items(ds: Dataset, kinds: tuple[str, ...] | None = None) -> list[EmbedItem]:
    """Every item of ``kinds`` (default: all of KINDS) in the dataset, in a stable order.

    Items without a label, or whose IRI does not name a document, are skipped: there is
    nothing to embed or no document to compare across.
    """
    items: list[EmbedItem] = []
    glossaries = alias_tables(ds)
    for kind in kinds or tuple(KINDS):
        for node in set(ds.subjects(RDF.type, KINDS[kind])):
            if not isinstance(node, URIRef):
                continue
            item = _item(ds, node, kind, glossaries)
            if item is not None:
                items.append(item)
    order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda it: (order[it.kind], _natural(it.iri)))
    return items


def _item(ds: Dataset, node: URIRef, kind: str, glossaries: dict[str, dict[str, str]]
          ) -> EmbedItem | None:
    doc_id = doc_id_of(str(node))
    label = _pick(ds, node, SKOS.prefLabel) or _pick(ds, node, RDFS.label)
    if doc_id is None or not label or not clean_text(label):
        return None
    parents = sorted(_pick(ds, p, RDFS.label) or "" for p in ds.subjects(CSP.hasItem, node))
    cited: tuple[str, ...] = ()
    if kind == "objective":
        cited = tuple(sorted({
            d for s in ds.subjects(CSP.alignsWith, node) if (d := doc_id_of(str(s))) is not None
        }))
    return EmbedItem(
        iri=str(node),
        kind=kind,
        doc_id=doc_id,
        label=label,
        number=_pick(ds, node, CSP.number),
        theme=_pick(ds, node, CSP.themeLabel),
        strand=_pick(ds, node, CSP.strandLabel),
        parent=next((p for p in parents if p), None),
        description=_pick(ds, node, DCTERMS.description) if kind == "priority" else None,
        cited_by=cited,
        expansions=_used(glossaries.get(doc_id, {}), label, _pick(ds, node, DCTERMS.description)),
    )


def _used(glossary: dict[str, str], *texts: str | None) -> tuple[tuple[str, str], ...]:
    """The glossary entries whose acronym appears in ``texts``."""
    joined = " ".join(t for t in texts if t)
    return tuple(sorted((k, v) for k, v in glossary.items()
                        if re.search(rf"(?<![\w&]){re.escape(k)}(?![\w&])", joined)))


def _pick(ds: Dataset, node: URIRef, prop: URIRef) -> str | None:
    """One value of ``prop``: the longest (the fullest wording), ties alphabetical."""
    values = {str(v).strip() for v in ds.objects(node, prop)} - {""}
    return min(values, key=lambda v: (-len(v), v)) if values else None


def _natural(text: str) -> tuple:
    """Sort key that puts ``.../2`` before ``.../10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))
