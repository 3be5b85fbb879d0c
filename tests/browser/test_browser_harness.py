"""The browser checks bite: a console error and a request to another host are both caught."""

from __future__ import annotations

import pytest


def test_harness_catches_console_errors_and_foreign_requests(live_server, watched):
    page = watched.page
    page.goto(live_server.url + "/", wait_until="load")
    page.evaluate("""() => {
        console.error('deliberate test error');
        const s = document.createElement('script');
        s.src = 'https://cdn.example.invalid/lib.js';
        document.head.appendChild(s);
    }""")
    page.wait_for_timeout(300)
    assert watched.foreign_requests == ["https://cdn.example.invalid/lib.js"]
    assert any("deliberate test error" in e for e in watched.console_errors)
    with pytest.raises(AssertionError):
        watched.assert_clean()
