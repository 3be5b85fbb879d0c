"""Routes: people and the posts they hold in bodies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from cspgraph.api.deps import GraphDep, PagingDep
from cspgraph.api.routes.search import lookup
from cspgraph.api.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.queries import Answer, Entity
from cspgraph.graph.queries.analytics import Ranked, people_by_posts
from cspgraph.graph.queries.lookup import AGENTS

router = APIRouter(prefix="/api", tags=["people"])

PERSON = (AGENTS[-1],)  # foaf:Person

PersonId = Annotated[str, Path(
    description="The person's IRI (URL-encoded), id (the IRI's last segment) or name, "
                "loosely matched (titles such as Dr are ignored).",
    examples=["jane-roe"])]


class Person(BaseModel):
    """A person and the posts they hold, each with the body and its source."""

    person: Entity
    posts: list[Answer] = Field(
        description="Bodies in which they hold a post; detail.role is chair, vice chair, "
                    "lead, holder or contact.")
    chairs: list[Answer] = Field(description="The bodies they chair.")
    periods: dict[str, str] = Field(
        default_factory=dict,
        description="For each document a post is stated in, the period of its plan.")


@router.get("/people", response_model=Page[Ranked], responses=ERRORS,
            summary="List people by the posts they hold")
def list_people(ds: GraphDep, paging: PagingDep) -> dict:
    """People ranked by how many posts (chair, lead, holder, ...) they hold."""
    return paging.page(people_by_posts(ds))


@router.get("/people/{ref:path}", response_model=Person, responses=ERRORS,
            summary="One person: the posts held, with bodies and periods")
def get_person(ds: GraphDep, ref: PersonId) -> Person:
    """The posts a person holds, with the bodies, the sources and the plans' periods."""
    person = lookup(ds, ref, PERSON, "person")
    posts = q.posts_held(ds, person.label)
    stated = {s.doc_id for a in posts for s in a.sources}
    periods = {d.doc_id: d.period for d in q.documents(ds) if d.doc_id in stated and d.period}
    return Person(person=person, posts=posts,
                  chairs=[a for a in posts if a.detail.get("role") == "chair"], periods=periods)
