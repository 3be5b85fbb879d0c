"""HTTP routes, one module per resource, each exposing ``router``; a route parses the
request, calls graph/, and shapes the response.
"""
