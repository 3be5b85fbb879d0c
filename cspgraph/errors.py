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

    def __init_subclass__(cls, code: str = "", status: int | None = None,
                          exit_code: int | None = None, **kwargs: object) -> None:
        """Each class names its stable code, HTTP status and exit code in its header."""
        super().__init_subclass__(**kwargs)
        if code:
            cls.code = code
        if status is not None:
            cls.http_status = status
        if exit_code is not None:
            cls.exit_code = exit_code

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class BadInputError(CspGraphError, code="bad_input", status=400):
    """Options or parameters that do not go together, or a value that cannot be used."""


class InputError(CspGraphError, code="unreadable_input", status=400):
    """A document could not be read: missing, empty, binary, badly encoded or too big."""

    def __init__(self, path: str, message: str, hint: str = "", line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"could not read {where}: {message}", hint)
        self.path = path
        self.line = line


class UnknownFormatError(InputError, code="unknown_format", status=415):
    """No registered reader handles the file's suffix."""


class UnreadableUploadError(CspGraphError, code="unreadable_upload", status=400):
    """An uploaded document could not be loaded; the graph was left as it was."""


class TooLargeError(CspGraphError, code="too_large", status=413):
    """A request body or upload is over the size limit."""


class ConflictError(CspGraphError, code="conflict", status=409):
    """The request conflicts with what the graph holds (e.g. a document already loaded)."""


class NotRebuildableError(ConflictError, code="not_rebuildable"):
    """The served graph came from a saved file, so it cannot be rebuilt from documents."""


class NotAcceptableError(CspGraphError, code="not_acceptable", status=406):
    """No result format the client accepts can be given."""


class UnsupportedMediaTypeError(CspGraphError, code="unsupported_media_type", status=415):
    """A request body of a type the endpoint cannot read."""


class WritesDisabledError(CspGraphError, code="writes_disabled", status=403):
    """A write to a server that has no API key: writes are switched off."""


class WriteKeyMissingError(CspGraphError, code="write_key_missing", status=401):
    """A write sent without the X-API-Key header."""


class WriteKeyWrongError(CspGraphError, code="write_key_wrong", status=401):
    """A write sent with an X-API-Key that is not the server's key."""


class GraphFileError(CspGraphError, code="graph_file_error", status=400, exit_code=EXIT_STORE):
    """A saved graph file could not be read or written."""


class UnknownGraphFormatError(GraphFileError, code="unknown_graph_format", exit_code=EXIT_USAGE):
    """A graph format name, or a graph file suffix, that no serializer handles."""


class StoreError(CspGraphError, code="store_error", status=503, exit_code=EXIT_STORE):
    """The SPARQL server holding the graph could not be reached, refused a request or
    answered with something other than what was published."""


class QueryError(CspGraphError, code="bad_query", status=400, exit_code=EXIT_QUERY):
    """A query was malformed, refused or over a limit."""


class QueryRefused(QueryError, code="query_refused", status=403):
    """The request is an update (INSERT, DELETE, LOAD, ...): this endpoint is read-only."""


class QueryTimeout(QueryError, code="query_timeout", status=503):
    """The query ran past the time limit and was stopped."""


class QueryTooLarge(QueryError, code="query_too_large", status=413):
    """The result has more rows (or triples) than the row limit."""


class NotFoundError(CspGraphError, code="not_found", status=404, exit_code=EXIT_NOT_FOUND):
    """A named entity does not exist in the graph."""


class AmbiguousNameError(CspGraphError,
                         code="ambiguous_name", status=409, exit_code=EXIT_NOT_FOUND):
    """A name matches several entities; the candidates are listed."""

    def __init__(self, name: str, candidates: list[str]) -> None:
        listed = "; ".join(candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(
            f"'{name}' matches {len(candidates)} entities: {listed}{more}",
            "use a fuller name, as printed in one of these",
        )
        self.candidates = candidates


class ConfigError(CspGraphError, code="config_error", exit_code=EXIT_CONFIG):
    """A setting has a value that cannot be used."""


def error_classes() -> list[type[CspGraphError]]:
    """Every error class of this module, the base first."""
    return [cls for cls in globals().values()
            if isinstance(cls, type) and issubclass(cls, CspGraphError)]
