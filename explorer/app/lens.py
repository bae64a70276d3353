"""The lens the session holds: what sizes actors and colours them and their edges (explorer.app.lenses
works out what it means for the visible graph)."""

from __future__ import annotations

from dataclasses import dataclass

NODE_SIZES = ("degree", "claims", "betweenness", "pagerank", "eigenvector")
NODE_COLOURS = ("type", "community", "bloc")
EDGE_COLOURS = ("category", "quad", "intensity", "event")
#: The metrics table's columns: (key of the row dict, header).
COLUMNS = (("label", "actor"), ("claims", "claims"), ("degree", "degree"), ("betweenness", "betweenness"),
           ("pagerank", "PageRank"), ("eigenvector", "eigenvector"), ("core", "core"),
           ("community", "community"), ("bloc", "bloc"), ("local_balance", "local balance"))


@dataclass(frozen=True)
class Lens:
    """What sizes actors, what colours them, what colours edges; and the community method."""

    node_size: str = "degree"
    node_colour: str = "type"
    edge_colour: str = "category"
    method: str = "louvain"

    def __post_init__(self) -> None:
        for value, allowed in ((self.node_size, NODE_SIZES), (self.node_colour, NODE_COLOURS),
                               (self.edge_colour, EDGE_COLOURS), (self.method, ("louvain", "leiden"))):
            if value not in allowed:
                raise ValueError(f"unknown lens setting {value!r} (one of {', '.join(allowed)})")

    @property
    def plain(self) -> bool:
        """The usual drawing: size by degree, colour by type and category (needs no analysis)."""
        return self == Lens(method=self.method)

    @property
    def plain_actors(self) -> bool:
        """Actors drawn as usual (by degree and type), whatever colours the edges."""
        return self.node_size == "degree" and self.node_colour == "type"
