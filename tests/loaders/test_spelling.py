"""Words with one letter dropped are mended from the lexicon; other words stay."""

from __future__ import annotations

import pytest

from cspgraph.loaders.parse.spelling import mend_dropped_letters


@pytest.mark.parametrize(
    ("printed", "mended"),
    [
        ("COMMUNTY SAFETY MANGER", "COMMUNITY SAFETY MANAGER"),
        ("Licensing Oficer", "Licensing Officer"),
        ("Superintendnt", "Superintendent"),
        ("Head of Service", "Head of Service"),  # already whole
        ("Manager of the Hub", "Manager of the Hub"),
        ("Strategic Analyst", "Strategic Analyst"),
        ("Reading Borough", "Reading Borough"),  # not a lexicon word with a letter dropped
    ],
)
def test_dropped_letters(printed: str, mended: str) -> None:
    assert mend_dropped_letters(printed) == mended
