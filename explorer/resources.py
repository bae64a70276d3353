"""The one place that knows where the bundled seeds/ and resources/ live.

In a checkout they sit beside the package; in an installed wheel they are carried inside it,
under ``explorer/_bundled/`` (see ``force-include`` in pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``seeds/``."""
    from importlib import resources  # (4 ms: not on the way to the window's first frame)

    installed = Path(str(resources.files("explorer"))) / "_bundled"
    if (installed / "resources").is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "resources").is_dir():
        return checkout
    raise FileNotFoundError("explorer's bundled resources/ and seeds/ were not found")


def resources_dir() -> Path:
    return bundle_root() / "resources"


def seeds_dir() -> Path:
    return bundle_root() / "seeds"


def vocabulary_file() -> Path:
    return resources_dir() / "vocab.ttl"


def shapes_file() -> Path:
    return resources_dir() / "shapes.ttl"


def curated_files() -> list[Path]:
    """The hand-curated data files, in a stable order (articles, actors, then claims)."""
    data = resources_dir() / "data"
    return sorted(data.glob("*.ttl"), key=lambda p: (not p.name.startswith("articles"),
                                                     not p.name.startswith("actors"), p.name))


def bundled_files() -> list[Path]:
    """Everything that makes the bundled graph: vocabulary first, then the curated data."""
    return [vocabulary_file(), *curated_files()]
