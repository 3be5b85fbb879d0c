"""Where the dataset lives, behind rdflib's Store interface.

``memory`` is rdflib's in-memory store: no server, fast for a few partnerships,
and what pySHACL works on. ``oxigraph:DIR`` is an on-disk Oxigraph store via
oxrdflib, for corpora that outgrow memory. Every other module talks to the
``rdflib.Dataset`` this returns and never to a store directly.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from cspgraph.errors import ConfigError


def new_dataset(spec: str = "memory") -> Dataset:
    """An empty dataset in the store ``spec`` names; queries see the union of graphs."""
    if spec == "memory":
        ds = Dataset(store="Memory", default_union=True)
    elif spec.startswith("oxigraph:"):
        folder = Path(spec.removeprefix("oxigraph:"))
        folder.mkdir(parents=True, exist_ok=True)
        ds = Dataset(store="Oxigraph", default_union=True)
        ds.open(str(folder))
    else:
        raise ConfigError(
            f"unknown store '{spec}'", "use 'memory' or 'oxigraph:DIR' (setting CSPGRAPH_STORE)"
        )
    bind_prefixes(ds)
    return ds


def bind_prefixes(ds: Dataset) -> None:
    """Bind the prefixes used in cspgraph's output, so exports read well."""
    from cspgraph.ontology.namespaces import CSP_IRI, ID_BASE, THEME_BASE

    for prefix, ns in (
        ("csp", CSP_IRI),
        ("id", ID_BASE),
        ("theme", THEME_BASE),
        ("org", "http://www.w3.org/ns/org#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
    ):
        ds.bind(prefix, ns, override=True)
