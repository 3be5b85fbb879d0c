"""cspgraph: community safety governance documents as one RDF knowledge graph.

The code lives in the sibling packages ``graph``, ``loaders``, ``ontology``,
``api`` and ``viz``, installed as ``cspgraph.graph`` and so on. This package
holds only what they all share: the version, the settings and the errors.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cspgraph")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = ["__version__"]
