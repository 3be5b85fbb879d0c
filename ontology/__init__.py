"""The cspgraph ontology: vocabulary, themes and SHACL shapes, shipped as Turtle.

- ``cspgraph.ttl``: the OWL/RDFS vocabulary defining every term of ``CSP``.
- ``themes.ttl``: the SKOS scheme ``csp:Themes`` of community safety themes.
- ``shapes.ttl``: SHACL shapes for governance gaps (warnings) and structural
  errors (violations). They need no inference; validate with
  ``pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none")``.

Each graph is parsed once and cached: treat it as read-only, and copy it
(``g + Graph()``) before changing it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from rdflib import Graph, Namespace

from cspgraph.ontology import namespaces
from cspgraph.ontology.namespaces import *  # noqa: F403 - re-exported, as namespaces.__all__

SHAPES_IRI = "https://w3id.org/cspgraph/shapes#"
SHAPES = Namespace(SHAPES_IRI)
"""Namespace of the shapes in ``shapes.ttl``, e.g. ``SHAPES.PriorityLeadShape``."""

ONTOLOGY_FILES = ("cspgraph.ttl", "themes.ttl", "shapes.ttl")


def ontology_path(name: str) -> Traversable:
    """The packaged file ``name`` (e.g. ``"shapes.ttl"``); FileNotFoundError if absent."""
    path = files("cspgraph.ontology").joinpath(name)
    if not path.is_file():
        raise FileNotFoundError(f"no ontology file {name!r}; have {', '.join(ONTOLOGY_FILES)}")
    return path


def _parse(name: str) -> Graph:
    graph = Graph()
    graph.parse(data=ontology_path(name).read_text(encoding="utf-8"), format="turtle")
    return graph


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The vocabulary (``cspgraph.ttl``), parsed once."""
    return _parse("cspgraph.ttl")


@lru_cache(maxsize=1)
def themes_graph() -> Graph:
    """The theme scheme (``themes.ttl``), parsed once."""
    return _parse("themes.ttl")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes.ttl``), parsed once."""
    return _parse("shapes.ttl")


__all__ = [
    *namespaces.__all__,
    "ONTOLOGY_FILES",
    "SHAPES",
    "SHAPES_IRI",
    "ontology_graph",
    "ontology_path",
    "shapes_graph",
    "themes_graph",
]
