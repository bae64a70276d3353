"""The Qt-free core: RDF stores, the knowledge query API, evidence, networks, layout, export, validation.

Nothing under this package imports Qt (enforced by import-linter, see pyproject.toml).
"""
