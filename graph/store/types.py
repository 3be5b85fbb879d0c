"""The types a graph is handled by, for front ends that must not import rdflib themselves."""

from __future__ import annotations

from rdflib import Dataset

KnowledgeGraph = Dataset  # the loaded dataset: one named graph per document, plus provenance

__all__ = ["KnowledgeGraph"]
