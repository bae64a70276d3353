"""Article texts, and quotes located inside them: paragraphs, spans and checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from explorer.core.errors import ExplorerError
from explorer.resources import seeds_dir

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _read_text(path: Path) -> str:
    """The text of ``path``, cached while the file is unchanged (a text replaced on disk, say scraped
    again, is read anew: its passages are then re-anchored, see explorer.core.anchoring)."""
    try:
        stat = path.stat()
    except OSError:
        return _read_text_once(path, 0, -1)
    return _read_text_once(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _read_text_once(path: Path, _mtime_ns: int, _size: int) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ExplorerError(f"article text is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                            path=path, line=line) from None


class ArticleTexts:
    """Finds and caches article texts named by ``cx:seedFile``.

    Looks in the folders given (those of the files the user opened, and their ``seeds/``
    subfolders) before the bundled seeds.
    """

    def __init__(self, folders: Iterable[Path] = ()) -> None:
        self.folders: list[Path] = []
        for folder in [*folders, seeds_dir()]:
            for candidate in (Path(folder), Path(folder) / "seeds", Path(folder).parent / "seeds"):
                if candidate not in self.folders:
                    self.folders.append(candidate)

    def path_of(self, seed_file: str) -> Path | None:
        name = Path(seed_file).name  # never leave the seed folders
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return None

    def text(self, seed_file: str) -> str:
        path = self.path_of(seed_file)
        if path is None:
            raise ExplorerError(f"article text {seed_file!r} not found",
                                hint="searched " + ", ".join(str(f) for f in self.folders))
        return _read_text(path)


def paragraph_span(text: str, start: int, end: int) -> Span:
    """The paragraph (line) holding the span [start, end): articles put one paragraph per line."""
    para_start = text.rfind("\n", 0, max(start, 0)) + 1
    para_end = text.find("\n", max(end, start))
    return Span(para_start, len(text) if para_end < 0 else para_end)


def locate(text: str, exact: str, near: int | None = None) -> Span | None:
    """Where ``exact`` occurs in ``text``, preferring the occurrence closest to ``near``."""
    hits = []
    pos = text.find(exact)
    while pos >= 0:
        hits.append(pos)
        pos = text.find(exact, pos + 1)
    if not hits:
        return None
    best = min(hits, key=lambda p: abs(p - near)) if near is not None else hits[0]
    return Span(best, best + len(exact))


def selectors_for(text: str, start: int, end: int) -> dict[str, object]:
    """The Web Annotation selector values for text[start:end] (used when curating)."""
    return {
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS):start],
        "suffix": text[end:end + CONTEXT_CHARS],
        "start": start,
        "end": end,
    }
