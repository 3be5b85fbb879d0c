"""Routes: suggestions awaiting review, and reviews that confirm or reject them.

A review is written to the curation overlay (the server's first curation file, or
``<upload_dir>/reviews.yaml``) and the graph is rebuilt with suggestions before the answer
is sent, so the answer and every later request reflect it, and it survives rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field, model_validator

from cspgraph.api.http.deps import PagingDep, SnapshotDep, StateDep, WriteKey
from cspgraph.api.http.schemas import ERRORS, Page
from cspgraph.graph import queries as q
from cspgraph.graph.queries.review import Suggestion, reviewed

router = APIRouter(tags=["reviews"])

Status = Literal["pending", "accepted", "rejected"]
Kind = Literal["same as", "duplicate", "alignment"]


class ReviewIn(BaseModel):
    """A decision on one suggestion: by its IRI, or (identity) by the two names."""

    suggestion: str | None = Field(None, max_length=500, description=(
        "The suggestion's IRI (GET /api/reviews lists them)."))
    name: str | None = Field(None, max_length=500, description=(
        "For an identity suggestion: one name or IRI ..."))
    same_as: str | None = Field(None, max_length=500, description="... and the other.")
    status: Literal["accepted", "rejected"]
    reason: str | None = Field(None, max_length=2000)
    author: str | None = Field(None, max_length=200, description="Who decided.")

    model_config = {"json_schema_extra": {"examples": [
        {"suggestion": "https://w3id.org/cspgraph/id/suggestion/duplicate/"
                       "0123456789abcdef", "status": "rejected",
         "reason": "different client groups", "author": "A. Analyst"},
        {"name": "Office of the Police and Crime Commissioner",
         "same_as": "Police & Crime Commissioner's Office", "status": "accepted"},
    ]}}

    @model_validator(mode="after")
    def _one_form(self) -> ReviewIn:
        by_iri = self.suggestion is not None
        by_names = self.name is not None or self.same_as is not None
        if by_iri == by_names or (by_names and not (self.name and self.same_as)):
            raise ValueError("give either 'suggestion', or both 'name' and 'same_as'")
        for value in (self.suggestion, self.name, self.same_as):
            if value is not None and not value.strip():
                raise ValueError("names and IRIs must not be blank")
        return self

    def entry(self) -> dict:
        """The curation entry this review writes."""
        body: dict = ({"suggestion": self.suggestion} if self.suggestion is not None
                      else {"name": self.name, "same_as": self.same_as})
        body["status"] = self.status
        if self.reason:
            body["reason"] = self.reason
        return {"review": body}


@dataclass
class ReviewResult:
    """Where a review was recorded, and the suggestion as the rebuilt graph now has it."""

    curation_file: str
    line: int
    entry: dict[str, str]
    suggestion: Suggestion | None = None
    applied: list[str] = field(default_factory=list)


@router.get("/api/reviews", response_model=Page[Suggestion], responses=ERRORS,
            summary="Suggestions and their review status")
def list_suggestions(
    snapshot: SnapshotDep,
    paging: PagingDep,
    status: Annotated[Status | None, Query(description="Only suggestions in this state.")
                      ] = None,
    kind: Annotated[Kind | None, Query(description="Only this kind of suggestion.")] = None,
) -> dict:
    """Scored suggestions (same as, duplicate, alignment), best first, with their status."""
    found = [s for s in q.suggestions(snapshot.dataset, status) if kind in (None, s.kind)]
    return paging.page(found)


@router.post("/api/reviews", response_model=ReviewResult, status_code=201,
             responses=ERRORS, dependencies=[WriteKey],
             summary="Confirm or reject a suggestion (needs X-API-Key)")
def post_review(review: ReviewIn, state: StateDep) -> ReviewResult:
    """Record a review in the curation overlay and rebuild; the answer shows the new status."""
    result, path, lines = state.curate([review.entry()], review.author,
                                       date.today().isoformat())
    where = tuple(f"{path}:{n}:" for n in lines)
    return ReviewResult(
        path.name, lines[0], {k: str(v) for k, v in review.entry()["review"].items()},
        reviewed(result.dataset, review.status, review.suggestion, review.name,
                 review.same_as),
        [a.split(": ", 1)[-1] for a in result.curation.applied if a.startswith(where)])
