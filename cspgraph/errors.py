"""One error hierarchy for the whole tool.

Every error carries a message (what went wrong, naming the file and line where
there is one) and a hint (what to do next). The CLI maps each class to an exit
code; the API maps each to an HTTP status. Both are documented in
``docs/errors.md``.
"""

from __future__ import annotations


class CspGraphError(Exception):
    """Base class: a failure the user can act on."""

    exit_code: int = 2
    http_status: int = 500

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputError(CspGraphError):
    """A document could not be read: missing, empty, binary, badly encoded or too big."""

    http_status = 400

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"could not read {where}: {message}", hint)
        self.path = path
        self.line = line


class UnknownFormatError(InputError):
    """No registered reader handles the file's suffix."""

    http_status = 415


class GraphFileError(CspGraphError):
    """A saved graph file could not be read or written."""

    http_status = 400


class StoreError(CspGraphError):
    """The SPARQL server holding the graph could not be reached, refused a request or
    answered with something other than what was published."""

    http_status = 503


class QueryError(CspGraphError):
    """A query was malformed, refused or over a limit."""

    http_status = 400


class QueryRefused(QueryError):
    """The request is an update (INSERT, DELETE, LOAD, ...): this endpoint is read-only."""

    http_status = 403


class QueryTimeout(QueryError):
    """The query ran past the time limit and was stopped."""

    http_status = 503


class QueryTooLarge(QueryError):
    """The result has more rows (or triples) than the row limit."""

    http_status = 413


class NotFoundError(CspGraphError):
    """A named entity does not exist in the graph."""

    http_status = 404


class AmbiguousNameError(CspGraphError):
    """A name matches several entities; the candidates are listed."""

    http_status = 409

    def __init__(self, name: str, candidates: list[str]) -> None:
        listed = "; ".join(candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(
            f"'{name}' matches {len(candidates)} entities: {listed}{more}",
            "use a fuller name, as printed in one of these",
        )
        self.candidates = candidates


class ConfigError(CspGraphError):
    """A setting has a value that cannot be used."""
