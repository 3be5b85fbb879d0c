"""Schemathesis against the app's own OpenAPI schema, in-process (ASGI, no server).

Every GET route, every POST route sent without the API key, and the write routes sent with
it on a state of their own, are called with generated
inputs (a bounded number of examples each, valid and invalid). No answer may be a 5xx,
and every answer must conform to the schema: a documented status code, a documented
content type, and a body that validates against the documented schema.

The operations are driven one by one with ``APIOperation.as_strategy`` rather than
``schema.parametrize``, because the app comes from a session fixture (the sample graph)
and schemathesis's fixture loader does not run under pytest 9.
"""

from __future__ import annotations

import time

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 6}  # per operation


@schemathesis.serializer("application/sparql-query")
def _sparql_query(_ctx, value) -> dict:
    """A SPARQL query body is the query text itself."""
    text = value if isinstance(value, str) else str(value)
    return {"data": text.encode("utf-8", "replace")}


def _check(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES[mode], deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        # No X-API-Key is ever sent, so no write succeeds: the shared graph stays as it is.
        case.headers = {k: v for k, v in (case.headers or {}).items()
                        if k.lower() != "x-api-key"}
        case.call_and_validate(checks=CHECKS)

    run()


def test_api_conforms_to_its_schema(client):
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    schema = schema.include(method=["GET", "POST"])
    failures, seconds, tested = [], {}, []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"operation not testable: {result}"
        operation = result.ok()
        started = time.monotonic()
        for mode in EXAMPLES:
            try:
                _check(operation, mode)
            except Unsatisfiable:  # e.g. only a string path parameter: nothing is invalid
                assert mode is GenerationMode.NEGATIVE
            except Exception as exc:  # collect every failing route, not only the first
                first = str(exc).strip().splitlines()
                failures.append(f"{operation.label} ({mode.value} data): "
                                f"{type(exc).__name__}: {' | '.join(first[:12])}")
        seconds[operation.label] = round(time.monotonic() - started, 1)
        tested.append(operation.label)
    print("seconds per operation:", seconds)
    assert "GET /sparql" in tested and "GET /graph" in tested
    assert {"GET /api/registers/{table}", "GET /api/registers/{table}.csv"} <= set(tested)
    assert not failures, "\n\n".join(failures)


WRITE_EXAMPLES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 3}
API_KEY = "test-key-not-secret"  # the key of conftest.api_settings


def test_write_routes_with_the_key_conform_to_their_schema(fresh_client):
    """The write routes, sent with the key, on a state of their own: no 5xx, and every
    answer (201, 400, 409, 413, 415, 422) as documented (issue 18)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", fresh_client.app)
    schema = schema.include(method=["POST"], path_regex="^/api/(reviews|documents)$")
    failures, tested = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.append(operation.label)
        for mode, examples in WRITE_EXAMPLES.items():
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def run(case) -> None:
                case.headers = {**(case.headers or {}), "X-API-Key": API_KEY}
                case.call_and_validate(checks=CHECKS)

            try:
                run()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE
            except Exception as exc:
                first = str(exc).strip().splitlines()
                failures.append(f"{operation.label} ({mode.value}): {' | '.join(first[:12])}")
    assert sorted(tested) == ["POST /api/documents", "POST /api/reviews"]
    assert not failures, "\n\n".join(failures)
