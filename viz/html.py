"""The HTML shell every served page shares: head, navigation, styles, and escaped helpers.

Pages are plain server-rendered HTML with nothing loaded from another host. Every helper
escapes the text it is given; ``Markup`` marks HTML that is already safe (built here).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from urllib.parse import quote, urlencode

from cspgraph import __version__


class Markup(str):
    """HTML that is already escaped: the helpers pass it through unchanged."""


def esc(value: object) -> Markup:
    """``value`` as HTML text: escaped, unless it is already ``Markup``."""
    if isinstance(value, Markup):
        return value
    return Markup(escape("" if value is None else str(value)))


def join(parts: Iterable[object], sep: str = "") -> Markup:
    """Escaped parts joined by ``sep`` (itself HTML)."""
    return Markup(sep.join(esc(p) for p in parts))


def link(href: str, text: object, **attrs: str) -> Markup:
    """``<a href=...>text</a>`` with the href and text escaped."""
    extra = "".join(f' {k.rstrip("_")}="{escape(v)}"' for k, v in attrs.items())
    return Markup(f'<a href="{escape(href)}"{extra}>{esc(text)}</a>')


def href(path: str, **params: object) -> str:
    """A local URL: ``path`` with the non-empty ``params`` as its query string."""
    kept = {k: str(v) for k, v in params.items() if v not in (None, "", False)}
    return f"{path}?{urlencode(kept)}" if kept else path


def segment_href(prefix: str, ident: str) -> str:
    """``prefix/ident`` with ``ident`` percent-encoded as one path segment."""
    return f"{prefix}/{quote(ident, safe='')}"


def table(headers: Iterable[str], rows: Iterable[Iterable[object]], *, cls: str = "") -> Markup:
    """A table; cells are escaped text unless they are ``Markup``."""
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    klass = f' class="{escape(cls)}"' if cls else ""
    return Markup(f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def bullets(items: Iterable[object], empty: str = "none stated") -> Markup:
    """An unordered list, or an "empty" note when there is nothing in it."""
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    return Markup(f"<ul>{lis}</ul>" if lis else f'<p class="empty">{escape(empty)}</p>')


NAV = (("/", "Home"), ("/search", "Search"), ("/bodies", "Bodies"), ("/people", "People"),
       ("/agencies", "Agencies"), ("/plans", "Plans"), ("/alignment", "Alignment"),
       ("/registers", "Registers"), ("/maps/governance", "Governance map"),
       ("/maps/duplicates", "Duplicates"), ("/sparql", "SPARQL"), ("/docs", "API docs"))

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:0 1rem 3rem;
line-height:1.45;color:#1b1b1b}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem;padding:.6rem 0;border-bottom:1px solid #ccc;
margin-bottom:1rem}
nav a{text-decoration:none}nav a:hover{text-decoration:underline}
table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
.kind{display:inline-block;font-size:.8em;background:#eef;border-radius:.3rem;
padding:0 .4rem;margin-left:.3rem;color:#224}
.source{font-size:.85em;color:#555}.quote{font-style:italic}
.empty{color:#777}.note{background:#fff8e0;border-left:4px solid #e0b000;padding:.4rem .8rem}
.working{display:none;color:#555}.busy .working{display:inline}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}
label{display:block;font-size:.9em}
pre.lines{background:#f7f7f7;padding:.5rem;overflow-x:auto}
pre.lines .hit{background:#fff3a0;display:block}
footer{margin-top:2rem;font-size:.8em;color:#777}
"""

# Forms marked data-working show "working…" while the next page loads.
WORKING_JS = """document.querySelectorAll('form[data-working]').forEach(function(f){
f.addEventListener('submit',function(){document.body.classList.add('busy');});});"""


def page(title: str, body: object, *, json_href: str | None = None, head: str = "") -> str:
    """A whole HTML page: ``title``, the navigation, ``body`` (Markup or text), a footer.

    ``json_href`` links the page's JSON twin; ``head`` is extra (trusted) head markup.
    """
    nav = "".join(link(h, t) for h, t in NAV)
    full = title if title == "cspgraph" else f"{title} · cspgraph"
    twin = (f' · <a href="{escape(json_href)}" rel="alternate" type="application/json">'
            f"this page as JSON</a>" if json_href else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(full)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{STYLE}</style>{head}</head><body>
<nav aria-label="site">{nav}</nav>
<main><h1>{escape(title)}</h1>
{esc(body)}
</main>
<footer>cspgraph {escape(__version__)}{twin}</footer>
<script>{WORKING_JS}</script>
</body></html>"""
