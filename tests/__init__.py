"""The test suite; a package so that ``tests.helpers`` can be imported from any test."""
