"""Visualisation: HTML pages and interactive maps drawn from what graph/queries returns.
Every document text is escaped; nothing loads from another host.
"""
