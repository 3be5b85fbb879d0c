"""Typed facts: what recognisers find in a document, each with its source.

A recogniser yields facts; ``graph/`` turns them into RDF. Facts name the
things they speak of by the words the document uses (``"SCB"``, ``"WCC PH"``);
resolving those names to nodes is the graph's job, helped by the ``Alias``
facts the same document yields. Items that belong to the document itself
(priorities, actions, recommendations) are named by a ``key`` that is unique
within the document, such as ``"priority/3"`` or ``"recommendation/asb/7"``.

Every fact has a ``source``: the lines it came from and the quoted text. The
quote is a substring of the plain text of those lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cspgraph.loaders.document import Span


@dataclass(frozen=True)
class Source:
    """Where a fact came from: a span of lines and the words quoted from them."""

    span: Span
    quote: str


class PlanKind(StrEnum):
    PARTNERSHIP_PLAN = "partnership plan"
    STRATEGIC_ASSESSMENT = "strategic assessment"
    COMMUNITY_SAFETY_AGREEMENT = "community safety agreement"
    POLICE_AND_CRIME_PLAN = "police and crime plan"
    COUNCIL_PLAN = "council plan"
    COMMITTEE_PAPER = "committee paper"
    OTHER = "other"


class BodyKind(StrEnum):
    PARTNERSHIP = "partnership"  # a CSP or other collaboration of agencies
    BOARD = "board"  # a board, executive group or panel that governs others
    SUBGROUP = "subgroup"  # a sub-group, delivery group, forum or panel under a board
    OFFICE = "office"  # an office such as a Police and Crime Commissioner
    AGENCY = "agency"  # a formal organisation: council, police, probation, NHS body
    MENTIONED = "mentioned"  # named in passing; what kind of body it is, the text does not say


# The kind of body each kind of head noun in the lexicon (``bodies.yaml``) names.
BODY_KINDS = {"partnership": BodyKind.PARTNERSHIP, "board": BodyKind.BOARD,
              "committee": BodyKind.BOARD, "panel": BodyKind.BOARD, "other": BodyKind.BOARD,
              "group": BodyKind.SUBGROUP, "sub-group": BodyKind.SUBGROUP}


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice chair"
    LEAD = "lead"
    HOLDER = "holder"  # the person who is an office, e.g. a PCC
    CONTACT = "contact"


class Relation(StrEnum):
    REPORTS_TO = "reports to"
    SUB_GROUP_OF = "sub-group of"
    OVERSEES = "oversees"
    SCRUTINISES = "scrutinises"
    HOST_AUTHORITY = "host authority of"
    ALONGSIDE = "sits alongside"


class ItemKind(StrEnum):
    RECOMMENDATION = "recommendation"
    DATA_GAP = "data gap"
    ACTION = "action"


@dataclass(frozen=True)
class Fact:
    """Base of all facts. ``made_by`` names the part of the loaders that read it
    ("people parser", "section list", "prose: chair"); ``confidence`` is how sure it is.
    A fact below the ``min_confidence`` setting is a candidate: reported, not asserted."""

    source: Source
    made_by: str = field(default="", kw_only=True, compare=False)
    confidence: float = field(default=1.0, kw_only=True, compare=False)


@dataclass(frozen=True)
class DocumentInfo(Fact):
    """What the document is: title, kind, area, issuer and period."""

    title: str
    kind: PlanKind = PlanKind.OTHER
    area: str | None = None
    issuer: str | None = None
    period: str | None = None  # as printed, e.g. "2015/16"
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Alias(Fact):
    """A short form defined in the document; ``expansion`` None means unknown ("?????")."""

    short: str
    expansion: str | None


@dataclass(frozen=True)
class Body(Fact):
    """A partnership, board, sub-group, office or agency the document names."""

    name: str
    kind: BodyKind
    short: str | None = None
    area_qualifier: str | None = None  # "North" in "Chairs: A (North), B (South)"


@dataclass(frozen=True)
class Post(Fact):
    """A person (or, unnamed, an agency) holding a role in a body: chair, lead, holder."""

    body: str
    role: Role
    person: str | None = None
    title: str | None = None  # the person's job title, e.g. "Director of Public Health"
    organisation: str | None = None  # the person's employer as printed
    held_by_post: bool = False  # no person named: ``title`` is the post that holds it


@dataclass(frozen=True)
class Membership(Fact):
    """An agency (or person) that sits on a body, with its representative's role.

    A person (``person`` True) may come with a job title and organisation, and with
    how a meeting's minutes note them: ``attendance`` "present", "apologies" or "in
    attendance", at the meeting of ``meeting`` (its date as printed).
    """

    body: str
    member: str
    role: str | None = None
    person: bool = False
    title: str | None = None  # a person's job title, e.g. "Democratic Services Officer"
    organisation: str | None = None  # a person's employer as printed
    attendance: str | None = None
    meeting: str | None = None


@dataclass(frozen=True)
class BodyRelation(Fact):
    """A structural statement: subject ``relation`` object, e.g. X reports to Y."""

    subject: str
    relation: Relation
    object: str


@dataclass(frozen=True)
class Priority(Fact):
    """A priority of the document's plan, with its aim and grouping as printed."""

    key: str
    name: str
    aim: str | None = None
    number: str | None = None
    group: str | None = None  # e.g. "To reduce", "Key priorities"
    parent: str | None = None  # key of a priority this one sits under


@dataclass(frozen=True)
class HigherPlan(Fact):
    """A plan the document names. ``cited``: a higher plan it serves or answers to (a
    Police and Crime Plan, a council plan, another body's plan); otherwise a plan of its
    own family (its action plans, assessments, earlier versions). ``own`` marks the plan
    the document's title names: the plan it is, or the one a paper is about."""

    title: str
    kind: PlanKind = PlanKind.OTHER
    period: str | None = None
    start: date | None = None
    end: date | None = None
    owner: str | None = None
    own: bool = False
    cited: bool = True
    aliases: tuple[str, ...] = ()  # other names the document gives it


@dataclass(frozen=True)
class Objective(Fact):
    """An objective of a higher plan as that plan itself prints it, such as a Police and
    Crime Plan's numbered priorities; ``plan`` and ``plan_period`` are its title and
    period as a citing document gives them, so alignments meet the same objectives."""

    plan: str  # title of the plan, e.g. "Anyshire Police and Crime Plan"
    plan_period: str | None
    objective: str  # the objective as printed
    number: str | None = None
    kind: PlanKind = PlanKind.POLICE_AND_CRIME_PLAN
    start: date | None = None  # of the plan's period
    end: date | None = None


@dataclass(frozen=True)
class Alignment(Fact):
    """An asserted link: a priority serves an objective of a higher plan."""

    priority: str  # key of a Priority in this document
    plan: str  # title of a HigherPlan
    plan_period: str | None
    objective: str  # the objective as printed


@dataclass(frozen=True)
class Serves(Fact):
    """A stated link from a plan (or its priorities as a whole) to what it serves, follows
    or reflects: another plan ("The Agreement has been developed from the findings of the
    Strategic Assessment"), an objective of a plan ("support the Police and Crime Plan
    objectives 'Cutting crime' and ..."), or an aim the text names without a plan ("the
    seven national Well-being goals"). ``target_kind`` is "plan", "objective" or "aim"."""

    subject: str  # a plan's title as the document names it
    subject_period: str | None
    target: str  # a plan's title, an objective or an aim, as printed
    target_kind: str
    target_plan: str | None = None  # an objective's plan
    target_period: str | None = None
    stated_as: str = ""  # the words that state it: "developed from the findings of"
    subject_own: bool = False  # the subject is the plan the document is or is about


@dataclass(frozen=True)
class Item(Fact):
    """A recommendation, data gap or action, with its place in the document."""

    key: str
    kind: ItemKind
    text: str
    theme: str | None = None  # theme as printed, e.g. "Anti-social behaviour (ASB)"
    number: str | None = None  # number or ref as printed: "7", "3.2.1"
    parent: str | None = None  # key of the priority or group it serves
    strand: str | None = None  # strand as printed: "Prevent", "Supporting people harmed"
    timescale: str | None = None  # as printed: "June 2017 (New CTLP)"
    due_start: date | None = None
    due_end: date | None = None
    response: str | None = None  # the action column beside a data gap


@dataclass(frozen=True)
class Lead(Fact):
    """Who leads an item, priority or group. ``target`` is an item key or a body name."""

    target: str
    lead: str  # an agency, body or person, as printed
    person: bool = False  # True when ``lead`` names a person
    title: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class CrossReference(Fact):
    """One item refers to another: "This links to recommendation 7 under ASB"."""

    from_key: str
    to_key: str


@dataclass(frozen=True)
class Indicator(Fact):
    """A performance indicator: code ("NI 32") and description."""

    code: str
    description: str | None = None


@dataclass(frozen=True)
class IndicatorOwner(Fact):
    """A group or priority owns (or, ``linked``, is linked to) an indicator."""

    owner: str  # body name or priority key
    code: str
    linked: bool = False


@dataclass(frozen=True)
class QualityNote(Fact):
    """Something a careful reader flags: contradictory dates, unknown expansions."""

    message: str


@dataclass(frozen=True)
class Furniture(Fact):
    """Lines recognised as page furniture, contents or boilerplate: no facts, by design."""

    reason: str


@dataclass
class Coverage:
    """Which non-blank lines the facts account for (``loaders/coverage.py``): understood,
    furniture, or not understood; ``partly`` are the not-understood lines that facts quote
    only a little of."""

    total: int
    understood: list[int] = field(default_factory=list)
    furniture: list[int] = field(default_factory=list)
    not_understood: list[int] = field(default_factory=list)
    partly: list[int] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of non-blank lines understood (1.0 when there are none)."""
        return len(self.understood) / self.total if self.total else 1.0


ALL_FACT_TYPES: tuple[type[Fact], ...] = (
    DocumentInfo,
    Alias,
    Body,
    Post,
    Membership,
    BodyRelation,
    Priority,
    HigherPlan,
    Objective,
    Alignment,
    Serves,
    Item,
    Lead,
    CrossReference,
    Indicator,
    IndicatorOwner,
    QualityNote,
    Furniture,
)
