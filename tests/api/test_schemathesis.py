"""Schemathesis against the app's own OpenAPI schema, in-process (ASGI, no server).

Every GET route, and every POST route sent without the API key, is called with generated
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
    assert not failures, "\n\n".join(failures)
