"""Build: documents' facts -> RDF named graphs, with provenance, entity resolution,
curation and SHACL validation. Reads loaders/, writes into a store.
"""
