"""The graph: build the RDF dataset from loaders' facts (build/), keep it (store/), answer
users' questions from it (queries/) and suggest similar items (similarity/).
"""
