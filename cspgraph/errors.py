"""One error hierarchy for the whole tool.

Every error carries a message (what went wrong, naming the file and line where
there is one) and a hint (what to do next), plus a stable snake-case ``code``, the
``http_status`` the API answers with and the ``exit_code`` the CLI exits with. All
three are documented in ``docs/errors.md``.

CLI exit codes by family:
  0 ok; 1 done with problems (``validate`` violations, ``build`` skipped files);
  2 usage or bad input; 3 not found or ambiguous; 4 store or graph file;
  5 query refused, timed out, too large or malformed; 6 configuration.
"""

from __future__ import annotations

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_STORE, EXIT_QUERY, EXIT_CONFIG = (
    0, 1, 2, 3, 4, 5, 6)


class CspGraphError(Exception):
    """Base class: a failure the user can act on."""

    code: str = "error"
    exit_code: int = EXIT_USAGE
    http_status: int = 500

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class BadInputError(CspGraphError):
    """Options or parameters that do not go together, or a value that cannot be used."""

    code = "bad_input"
    http_status = 400


class InputError(CspGraphError):
    """A document could not be read: missing, empty, binary, badly encoded or too big."""

    code = "unreadable_input"
    http_status = 400

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"could not read {where}: {message}", hint)
        self.path = path
        self.line = line


class UnknownFormatError(InputError):
    """No registered reader handles the file's suffix."""

    code = "unknown_format"
    http_status = 415


class UnreadableUploadError(CspGraphError):
    """An uploaded document could not be loaded; the graph was left as it was."""

    code = "unreadable_upload"
    http_status = 400


class TooLargeError(CspGraphError):
    """A request body or upload is over the size limit."""

    code = "too_large"
    http_status = 413


class ConflictError(CspGraphError):
    """The request conflicts with what the graph holds (e.g. a document already loaded)."""

    code = "conflict"
    http_status = 409


class NotRebuildableError(ConflictError):
    """The served graph came from a saved file, so it cannot be rebuilt from documents."""

    code = "not_rebuildable"


class NotAcceptableError(CspGraphError):
    """No result format the client accepts can be given."""

    code = "not_acceptable"
    http_status = 406


class UnsupportedMediaTypeError(CspGraphError):
    """A request body of a type the endpoint cannot read."""

    code = "unsupported_media_type"
    http_status = 415


class WritesDisabledError(CspGraphError):
    """A write to a server that has no API key: writes are switched off."""

    code = "writes_disabled"
    http_status = 403


class WriteKeyMissingError(CspGraphError):
    """A write sent without the X-API-Key header."""

    code = "write_key_missing"
    http_status = 401


class WriteKeyWrongError(CspGraphError):
    """A write sent with an X-API-Key that is not the server's key."""

    code = "write_key_wrong"
    http_status = 401


class GraphFileError(CspGraphError):
    """A saved graph file could not be read or written."""

    code = "graph_file_error"
    exit_code = EXIT_STORE
    http_status = 400


class UnknownGraphFormatError(GraphFileError):
    """A graph format name, or a graph file suffix, that no serializer handles."""

    code = "unknown_graph_format"
    exit_code = EXIT_USAGE


class StoreError(CspGraphError):
    """The SPARQL server holding the graph could not be reached, refused a request or
    answered with something other than what was published."""

    code = "store_error"
    exit_code = EXIT_STORE
    http_status = 503


class QueryError(CspGraphError):
    """A query was malformed, refused or over a limit."""

    code = "bad_query"
    exit_code = EXIT_QUERY
    http_status = 400


class QueryRefused(QueryError):
    """The request is an update (INSERT, DELETE, LOAD, ...): this endpoint is read-only."""

    code = "query_refused"
    http_status = 403


class QueryTimeout(QueryError):
    """The query ran past the time limit and was stopped."""

    code = "query_timeout"
    http_status = 503


class QueryTooLarge(QueryError):
    """The result has more rows (or triples) than the row limit."""

    code = "query_too_large"
    http_status = 413


class NotFoundError(CspGraphError):
    """A named entity does not exist in the graph."""

    code = "not_found"
    exit_code = EXIT_NOT_FOUND
    http_status = 404


class AmbiguousNameError(CspGraphError):
    """A name matches several entities; the candidates are listed."""

    code = "ambiguous_name"
    exit_code = EXIT_NOT_FOUND
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

    code = "config_error"
    exit_code = EXIT_CONFIG


def error_classes() -> list[type[CspGraphError]]:
    """Every error class of this module, the base first."""
    return [cls for cls in globals().values()
            if isinstance(cls, type) and issubclass(cls, CspGraphError)]
