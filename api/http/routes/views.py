"""The one route shape of every one-entity view: ``GET <path>/{ref}`` -> ``view(ds, ref)``.

The reference (an IRI, an id or a name) is resolved by the view, through
graph/queries/entities.get, as every front end resolves it. No ``from __future__ import
annotations`` here: each endpoint's parameter types are built per resource and must be
objects, not strings, when FastAPI reads them.
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from cspgraph.api.http.deps import GraphDep
from cspgraph.api.http.schemas import ERRORS, ref_path
from cspgraph.graph.queries import entities as en

# name -> (path, view, model, summary, description, what {ref} may be, an example)
VIEWS: dict[str, tuple[str, Callable[[Any, str], Any], type, str, str, str, str]] = {
    "get_body": (
        "/bodies", en.body_view, en.BodyView,
        "One body: chair, posts, members, sub-groups, accountability",
        "A body's chair and posts, members, sub-groups, chain of accountability and plans.",
        "The body's IRI (URL-encoded), its id (the IRI's last segment) or its name, loosely "
        "matched.", "kingsford-prevent-strategy-group"),
    "get_person": (
        "/people", en.person_view, en.PersonView,
        "One person: the posts held, with bodies and periods",
        "The posts a person holds, with the bodies, the sources and the plans' periods.",
        "The person's IRI (URL-encoded), id (the IRI's last segment) or name, loosely matched "
        "(titles such as Dr are ignored).", "jane-roe"),
    "get_plan": (
        "/plans", en.plan_view, en.PlanView,
        "One plan: priorities with leads, actions, period, higher plans",
        "A plan's period, its priorities with leads and actions, and the higher plans cited.",
        "The plan's IRI (URL-encoded), its document id or file name, or words of its title "
        "and period.", "kingsford-csp-plan-2024-25"),
}


def view_route(router: APIRouter, name: str) -> Callable[..., Any]:
    """Add the view ``name`` of VIEWS to ``router``: ``GET {path}/{ref}`` answering
    ``view(ds, ref)`` as its model; ``name`` is the endpoint's operation id."""
    path, view, model, summary, doc, ref_help, example = VIEWS[name]
    ref_type = ref_path(ref_help, example)

    def endpoint(ds: GraphDep, ref: ref_type) -> Any:  # type: ignore[valid-type]
        return view(ds, ref)

    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc
    return router.get(f"{path}/{{ref:path}}", response_model=model, responses=ERRORS,
                      summary=summary)(endpoint)
