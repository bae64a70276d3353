"""The graph: its items, the scene that holds them, the view that shows it, and pictures of it.

- :mod:`.host`: ``SceneHost``, what the items need from their scene, and ``Row``, a visible actor's place
- :mod:`.bundles`: ``Bundle``, the claims between two actors in one category, and its geometry
- :mod:`.items`: what every item shares: level of detail, label text and label slots
- :mod:`.edges`: ``EdgeLayer`` and ``OverlayLayer``, every bundle of a category stroked in a few batches
- :mod:`.nodes`: ``NodeItem``, one per actor, and ``NodeLayer``, which stamps a large scene's plain actors
- :mod:`.labels`: which labels show, and where, after every zoom or pan
- :mod:`.scene`: ``GraphScene``, built from core records, in steps for a large graph
- :mod:`.legend`: ``LegendWidget``, what shapes and colours mean
- :mod:`.view`: ``GraphView``: pan, zoom, picking, and snapshots of a large scene while it moves
- :mod:`.picture`: the graph as shown, written to a PNG or SVG file

The items never import the scene or the view (an import-linter contract): they are typed against
``SceneHost``. Nothing is re-exported here, so importing one part does not load the others.
"""
