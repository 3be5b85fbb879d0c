"""Response models. The query layer's dataclasses are the item types; pages wrap lists."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path
from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, how many there are in all, and where this page starts."""

    items: list[T]
    total: int = Field(description="How many items the whole list has.")
    limit: int
    offset: int


class Error(BaseModel):
    """The body of every error response."""

    error: str = Field(description="A stable snake-case code; all are listed in "
                       "docs/errors.md.", examples=["not_found"])
    detail: str = Field(description="What went wrong.",
                        examples=["no body named 'Nowhere Board'"])
    hint: str = Field(description="What to do next; empty when there is nothing to add.",
                      examples=["try a shorter name"])
    status: int = Field(description="The HTTP status, as in the response.", examples=[404])


ERRORS = {code: {"model": Error}
          for code in (400, 401, 403, 404, 406, 409, 413, 415, 422, 503)}
NOT_ACCEPTABLE = {406: {"model": Error, "description": "No acceptable result format."},
                  415: {"model": Error, "description": "Body type is not a SPARQL request."}}


def ref_path(description: str, example: str) -> Any:
    """The path parameter naming one entity (resolved by graph/queries/entities.get)."""
    return Annotated[str, Path(description=description, examples=[example])]
