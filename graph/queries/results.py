"""Typed answers of the query layer. Every answer carries the sources that state it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, order=True)
class SourceRef:
    """A place in a document: file, line span, page and the quoted words."""

    document: str  # the file name, e.g. "plan-2023-24.txt"
    doc_id: str
    line_start: int
    line_end: int
    quote: str
    page: int | None = None
    curated_by: str | None = None  # for a curation file's line: who wrote it
    curated_on: str | None = None  # and when
    locator: str | None = None  # in words, where a number is not enough: "paragraph 12"

    @property
    def lines(self) -> str:
        """'12' or '12-14', with 'p3:' in front for paged documents, or the locator
        ("table 2, row 3, cell 1") where the file has one."""
        if self.locator:
            return self.locator
        where = (f"{self.line_start}" if self.line_start == self.line_end
                 else f"{self.line_start}-{self.line_end}")
        return f"p{self.page}:{where}" if self.page is not None else where

    def __str__(self) -> str:
        by = f" (curated by {self.curated_by})" if self.curated_by else ""
        return f"{self.document}:{self.lines} \u201c{self.quote}\u201d{by}"


@dataclass(frozen=True)
class Entity:
    """A node of the graph: its IRI, display label and type (a short class name)."""

    iri: str
    label: str
    type: str
    alt_labels: tuple[str, ...] = ()
    gss: str | None = None  # the ONS GSS code, where curation attached one


class _AboutEntity:
    """An answer about one entity, labelled as that entity is."""

    entity: Entity

    @property
    def label(self) -> str:
        return self.entity.label


@dataclass
class Answer(_AboutEntity):
    """One answer to a question: an entity (or a value) and the sources saying so."""

    entity: Entity
    sources: list[SourceRef] = field(default_factory=list)
    detail: dict[str, str] = field(default_factory=dict)  # e.g. {"role": "Superintendent"}


@dataclass
class ItemAnswer(_AboutEntity):
    """A priority, action, recommendation or data gap, with what is known about it."""

    entity: Entity
    kind: str  # "Priority", "Action", "Recommendation", "DataGap"
    document: str
    number: str | None = None
    theme: str | None = None
    strand: str | None = None
    timescale: str | None = None
    due_start: date | None = None
    due_end: date | None = None
    parent: Entity | None = None
    leads: list[Answer] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class Document:
    """A loaded document and the plan it sets out."""

    doc_id: str
    file_name: str
    plan: Entity | None
    kind: str | None = None
    period: str | None = None
    start: date | None = None
    end: date | None = None
    area: str | None = None
    issuer: str | None = None
    replaced_by: Entity | None = None
    sources: list[SourceRef] = field(default_factory=list)


@dataclass
class AlignmentCell:
    """A priority serving an objective, as the document asserts it."""

    priority: Entity
    objective: Entity
    sources: list[SourceRef] = field(default_factory=list)
    status: str = "asserted"  # "asserted" by a document, "curated", or "suggested"
    score: float | None = None  # for a suggestion: the model's score


@dataclass
class AlignmentMatrix:
    """A plan's priorities against a higher plan's objectives, and the gaps both ways."""

    plan: Entity
    against: Entity
    priorities: list[Entity]
    objectives: list[Entity]
    cells: list[AlignmentCell]
    unserved_objectives: list[Entity]  # objectives no priority (nor the plan itself) serves
    priorities_citing_nothing: list[Entity]  # priorities that cite no objective of it
    served_by_plan: list[AlignmentCell] = field(default_factory=list)  # the plan as a whole

    def serves(self, priority: Entity, objective: Entity) -> bool:
        """True when ``priority`` is linked to ``objective`` (asserted or curated)."""
        return any(c.priority == priority and c.objective == objective
                   and c.status != "suggested" for c in self.cells)
