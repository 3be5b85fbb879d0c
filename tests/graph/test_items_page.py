"""A page of items is the slice of all items the full query would give."""

from __future__ import annotations


def test_a_page_of_items_is_the_same_slice_of_all_items(sample_build):
    """items_page reads only the page in full, but gives the slice items() would."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.queries.analytics import agencies_by_leadership

    ds = sample_build.dataset
    everything = q.items(ds)
    lead = agencies_by_leadership(ds)[0].entity.label
    theirs = q.items(ds, lead=lead)
    assert len(everything) > 100 and len(theirs) > 5
    for offset, limit in ((0, 7), (3, 5), (len(theirs) - 2, 10), (len(theirs) + 5, 3)):
        page, total = q.items_page(ds, offset, limit, lead=lead)
        assert total == len(theirs)
        assert page == theirs[offset:offset + limit]
    page, total = q.items_page(ds, 40, 30)
    assert (page, total) == (everything[40:70], len(everything))
    page, total = q.items_page(ds, 0, 5, theme="no such theme")
    assert (page, total) == ([], 0)
