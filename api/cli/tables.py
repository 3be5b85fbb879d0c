"""Tables that fit the terminal without cutting words.

A ``FitTable`` is drawn, at print time, in the first of three forms that fits the width:

1. the table as given;
2. the table with document names (the "document" and "id" columns, and the places in
   source cells) shortened to keys ``[1]``, ``[2]`` ..., with a legend under it;
3. one record per row ("column  value" lines), values wrapped at spaces, with document
   names in full where they fit, else by key with the legend.

A form fits when every column is at least as wide as its longest word (rich wraps cells
at spaces, and only cuts a word longer than its column).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from cspgraph.graph.queries.results import SourceRef

QUOTE_CHARS = 60
DOC_COLUMNS = {"document", "id"}  # columns whose cells are document names


def shorten(quote: str, limit: int = QUOTE_CHARS) -> str:
    """``quote`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    cut = quote[: limit - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


class Legend:
    """Short keys for document names, in order of first use, and the list of them."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def key(self, ref: str, name: str | None = None) -> str:
        """The key of the document ``ref`` (an id or file name), shown as ``name``."""
        if ref not in self.keys:
            self.keys[ref] = f"[{len(self.keys) + 1}]"
        if name and (ref not in self.names or self.names[ref] == ref):
            self.names[ref] = name
        self.names.setdefault(ref, ref)
        return self.keys[ref]

    def text(self) -> Text:
        """One line per key: ``[1] plan-2023-24.txt``."""
        return Text("\n".join(f"{k} {self.names[ref]}" for ref, k in self.keys.items()))


class SourceCell(Text):
    """``file:lines “quote”`` per place, quotes from the same lines sharing one location;
    it keeps its sources so a narrow table can name the files by legend key."""

    def __init__(self, sources: Iterable[SourceRef], limit: int = QUOTE_CHARS,
                 legend: Legend | None = None) -> None:
        self.refs, self.limit = sorted(sources), limit
        places: dict[tuple[str, str, str | None], list[str]] = {}
        for s in self.refs:
            doc = legend.key(s.doc_id, s.document) if legend else s.document
            quotes = places.setdefault((doc, s.lines, s.curated_by), [])
            if (quote := f"\u201c{shorten(s.quote, limit)}\u201d") not in quotes:
                quotes.append(quote)
        parts = [f"{doc}:{lines} {' '.join(quotes)}" + (f" (curated by {by})" if by else "")
                 for (doc, lines, by), quotes in places.items()]
        super().__init__("; ".join(parts))

    def keyed(self, legend: Legend) -> SourceCell:
        """The same sources with files named by their legend keys."""
        return SourceCell(self.refs, self.limit, legend)


class FitTable:
    """A table of plain-text cells printed in the first form that fits the width."""

    def __init__(self, title: str, columns: Sequence[str], rows: Iterable[Sequence[Text]],
                 no_wrap: Iterable[str] = ()) -> None:
        self.title, self.columns = title, list(columns)
        self.rows = [list(r) for r in rows]
        self.no_wrap = set(no_wrap)

    def _cells(self, legend: Legend | None) -> list[list[Text]]:
        if legend is None:
            return self.rows
        out = []
        for row in self.rows:
            out.append([
                cell.keyed(legend) if isinstance(cell, SourceCell)
                else Text(legend.key(cell.plain)) if col in DOC_COLUMNS and cell.plain
                else cell for col, cell in zip(self.columns, row, strict=True)])
        return out

    def _ranges(self, cells: list[list[Text]]) -> list[tuple[int, int]]:
        """(longest word, longest cell) of each column, its header included."""
        out = []
        for n, col in enumerate(self.columns):
            texts = [col, *(row[n].plain for row in cells)]
            widest = max(cell_len(line) for t in texts for line in t.splitlines() or [""])
            longest = widest if col in self.no_wrap else max(
                (cell_len(w) for t in texts for w in t.split()), default=0)
            out.append((longest, widest))
        return out

    def _room(self, width: int) -> int:
        """The width left for cells once rules and padding are drawn."""
        return width - (len(self.columns) + 1) - 2 * len(self.columns)

    def _fits(self, cells: list[list[Text]], width: int) -> bool:
        """Every column can be at least as wide as its longest word."""
        return sum(low for low, _ in self._ranges(cells)) <= self._room(width)

    def _widths(self, cells: list[list[Text]], width: int) -> list[int]:
        """Column widths: each its longest word, the room left shared out by what each
        column would still take (rich's own sharing may go below a longest word)."""
        ranges = self._ranges(cells)
        widths = [low for low, _ in ranges]
        spare = self._room(width) - sum(widths)
        wants = [high - low for low, high in ranges]
        if sum(wants) <= spare:
            return [high for _, high in ranges]
        shares = [spare * want // sum(wants) for want in wants]
        for n in sorted(range(len(wants)), key=lambda n: -(wants[n] - shares[n]))[
                :spare - sum(shares)]:
            shares[n] += 1
        return [w + extra for w, extra in zip(widths, shares, strict=True)]

    def _table(self, cells: list[list[Text]], width: int) -> Table:
        t = Table(title=Text(self.title), title_justify="left")
        for col, w in zip(self.columns, self._widths(cells, width), strict=True):
            t.add_column(col, overflow="fold", no_wrap=col in self.no_wrap, width=max(w, 1))
        for row in cells:
            t.add_row(*row)
        return t

    def _records_fit(self, cells: list[list[Text]], width: int) -> bool:
        """Every value's longest word fits beside the longest column name."""
        room = width - max(cell_len(c or "-") for c in self.columns) - 2
        return all(cell_len(w) <= room for row in cells for cell in row
                   for w in cell.plain.split())

    def _records(self, cells: list[list[Text]]) -> RenderResult:
        yield Text(self.title)
        for row in cells:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True, style="bold")
            grid.add_column(overflow="fold")
            for col, cell in zip(self.columns, row, strict=True):
                if cell.plain:
                    grid.add_row(col or "-", cell)
            yield Text("")
            yield grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if self._fits(self.rows, width):
            yield self._table(self.rows, width)
            return
        legend = Legend()
        cells = self._cells(legend)
        if self._fits(cells, width):
            yield self._table(cells, width)
        elif self._records_fit(self.rows, width):
            yield from self._records(self.rows)
            return
        else:
            yield from self._records(cells)
        if legend.keys:
            yield legend.text()
