"""Playwright steps several browser tests share."""

from __future__ import annotations

from pathlib import Path


def download(page, locator) -> tuple[str, bytes]:
    """Click ``locator`` and return the download's suggested name and bytes."""
    with page.expect_download(timeout=10_000) as info:
        locator.click()
    d = info.value
    assert d.failure() is None, d.failure()
    return d.suggested_filename, Path(d.path()).read_bytes()
