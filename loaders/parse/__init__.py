"""Phrase parsers shared by every recogniser: people, leads, periods, timescales, names
of bodies and plans, list markers, table column roles, spelling.
"""
