"""The HTTP API and pages: FastAPI routes that parse a request, call graph/, shape the
response. No logic of its own; ``app.create_app`` builds the app.
"""
