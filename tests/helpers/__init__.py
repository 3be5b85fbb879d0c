"""Helpers shared by several test modules: one copy each, imported as ``tests.helpers.*``."""
