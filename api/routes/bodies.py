"""Routes: bodies (boards, partnerships, groups, agencies) and how they are governed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from cspgraph.api.deps import GraphDep, PagingDep
from cspgraph.api.routes.search import lookup
from cspgraph.api.schemas import ERRORS, Page
from cspgraph.errors import AmbiguousNameError, CspGraphError
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Answer, Document, Entity
from cspgraph.graph.queries.analytics import unaccountable_bodies
from cspgraph.graph.queries.bodies import ROLES
from cspgraph.graph.queries.lookup import BODIES

router = APIRouter(prefix="/api", tags=["bodies"])

BodyId = Annotated[str, Path(
    description="The body's IRI (URL-encoded), its id (the IRI's last segment) or its name, "
                "loosely matched.",
    examples=["kingsford-prevent-strategy-group"])]


class Body(BaseModel):
    """Everything the graph says about one body's governance, each answer with sources."""

    body: Entity
    chair: list[Answer] = Field(description="Who chairs it (people or agencies).")
    posts: list[Answer] = Field(description="Every post in it (chair, vice chair, lead, "
                                            "holder, contact); detail.role names the post.")
    members: list[Answer] = Field(description="Agencies and people on it.")
    sub_groups: list[Answer]
    part_of: list[Answer] = Field(description="The bodies it is a sub-group of.")
    reports_to: list[Answer]
    accountability_chain: list[Answer] = Field(
        description="Every body above it, nearest first; detail.via names the lower body.")
    oversees: list[Answer]
    overseen_by: list[Answer]
    scrutinises: list[Answer]
    scrutinised_by: list[Answer]
    plans_issued: list[Document] = Field(description="Documents whose plan it publishes.")
    indicators: list[Answer] = Field(description="Performance indicators it owns or is "
                                                 "linked to; detail.linked says which.")


def all_bodies(ds) -> list[Entity]:
    """Governed bodies: the tops of the accountability trees, orphans, and all below them."""
    tops = unaccountable_bodies(ds)
    found = {e.iri: e for e in tops}
    for top in tops:
        try:
            found.update((a.entity.iri, a.entity) for a in q.below(ds, top.label))
        except CspGraphError:  # a top whose label is shared: it is listed, not expanded
            continue
    return sorted(found.values(), key=lambda e: (e.label.lower(), e.iri))


@router.get("/bodies", response_model=Page[Entity], responses=ERRORS,
            summary="List boards, partnerships and groups")
def list_bodies(
    ds: GraphDep,
    paging: PagingDep,
    type_: Annotated[str | None, Query(
        alias="type", pattern="^[A-Za-z]+$",
        description="Only bodies of this type, e.g. OrganizationalUnit.",
        examples=["OrganizationalUnit"])] = None,
) -> dict:
    """Boards, partnerships and sub-groups in the accountability structure, by label."""
    found = all_bodies(ds)
    if type_:
        found = [e for e in found if e.type == type_]
    return paging.page(found)


@router.get("/bodies/{ref:path}", response_model=Body, responses=ERRORS,
            summary="One body: chair, posts, members, sub-groups, accountability")
def get_body(ds: GraphDep, ref: BodyId) -> Body:
    """A body's chair and posts, members, sub-groups, chain of accountability and plans."""
    body = lookup(ds, ref, BODIES, "body")
    name = body.label
    posts = [a for role in ROLES for a in q.post_holders(ds, name, role)]
    return Body(
        body=body,
        chair=[a for a in posts if a.detail.get("role") == "chair"],
        posts=posts,
        members=q.members(ds, name),
        sub_groups=q.sub_groups(ds, name),
        part_of=q.parent_bodies(ds, name),
        reports_to=q.reports_to(ds, name),
        accountability_chain=q.accountability_chain(ds, name),
        oversees=q.oversees(ds, name),
        overseen_by=q.overseen_by(ds, name),
        scrutinises=q.scrutinises(ds, name),
        scrutinised_by=q.scrutinised_by(ds, name),
        plans_issued=[d for d in q.documents(ds) if d.issuer == name],
        indicators=_indicators(ds, name),
    )


def _indicators(ds, name: str) -> list[Answer]:
    """The indicators a body owns; by owner label when its name also names a priority."""
    try:
        return q.indicators(ds, name)
    except AmbiguousNameError:
        return [a for a in q.indicators(ds) if a.detail.get("owner") == name]
