"""Readers: one per file format, bytes -> the normalised ``Document`` (lines, headings,
tables, lists), all through the one builder.
"""
