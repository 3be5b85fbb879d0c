"""A document full of markup, loaded and shown in a real browser: none of it runs.

A priority, a lead agency, an objective and an action hold ``<script>``,
``<img onerror=...>`` and ``javascript:`` links. Every page that shows them is opened,
every node hovered and clicked, and the list entries searched into the detail panel;
no dialog opens, no script from the document exists in the DOM, and no link to
``javascript:`` is created.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# Markup put into a copy of the 2023-24 partnership plan (its text holds HTML-like tags, so
# the payloads are entity-escaped as such a file would hold them): a priority, a lead
# agency, an objective and an action.
PAYLOADS = {
    "Prevent and Reduce Reoffending For partners":
        "Prevent &lt;script&gt;alert(1)&lt;/script&gt; Reoffending For partners",
    "<p>Probation</p>": "<p>&lt;img src=x onerror=alert(2)&gt; Probation</p>",
    "Make our neighbourhoods an even better place to call home.</p> <p>Enable":
        'Make our &lt;a href="javascript:alert(3)"&gt;neighbourhoods&lt;/a&gt; better.</p> '
        "<p>Enable",
    "Explore how probation and partners":
        "&lt;script&gt;alert(4)&lt;/script&gt; Explore how probation and partners",
}

INJECTED = """() => ({
    scripts: [...document.scripts].filter(
        s => /^\\s*alert\\(\\d\\)\\s*$/.test(s.textContent)).length,
    images: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].filter(
        el => [...el.attributes].some(a => a.name.startsWith('on'))).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter(
        a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length,
})"""


@pytest.fixture(scope="module")
def evil_server(browser, server_kit, tmp_path_factory) -> Iterator[str]:
    from cspgraph.api.http.state import GraphState
    from cspgraph.settings import Settings

    _, serving = server_kit
    from cspgraph.loaders import sample_paths

    (plan,) = [p for p in sample_paths() if "2023-24" in p.name]
    text = plan.read_text(encoding="utf-8")
    for clean, evil in PAYLOADS.items():
        assert clean in text
        text = text.replace(clean, evil, 1)
    doc = tmp_path_factory.mktemp("evil") / "evil.txt"
    doc.write_text(text, encoding="utf-8")
    settings = Settings(cache_dir=str(tmp_path_factory.mktemp("evil-emb")),
                        upload_dir=str(tmp_path_factory.mktemp("evil-up")))
    with serving(GraphState(settings, [doc])) as url:
        yield url


@pytest.mark.parametrize("path", ["/maps/governance", "/maps/alignment"])
def test_document_markup_never_runs(evil_server, watched, shoot, path):
    page = watched.page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(evil_server + path, wait_until="load")
    assert response is not None and response.status == 200
    assert "alert(" in page.content()  # the markup is on the page, as text
    page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=20_000)
    spots = page.evaluate("""() => {
        const net = window.network, box = document.querySelector('canvas')
            .getBoundingClientRect();
        return Object.entries(net.getPositions()).map(([id, p]) => {
            const d = net.canvasToDOM(p);
            return [id, box.left + d.x, box.top + d.y];
        });
    }""")
    assert spots
    for _, x, y in spots:  # hover shows each tooltip; click opens its list entry
        page.mouse.move(x, y)
        page.wait_for_timeout(250)
        page.mouse.click(x, y)
    page.fill("input#q", "alert(")  # a drawn label: its list entry goes to the detail panel
    page.press("input#q", "Enter")
    page.wait_for_function("() => document.getElementById('detail').textContent"
                           ".includes('alert(')", timeout=5_000)
    shoot(page, "evil" + path.replace("/", "-"))
    assert dialogs == []
    assert page.evaluate(INJECTED) == {"scripts": 0, "images": 0, "handlers": 0, "jsLinks": 0}
    watched.assert_clean()
