"""Front ends: the command line (cli/) and the HTTP API and pages (http/). Both only
parse input, call graph/ and loaders/, and shape output.
"""
