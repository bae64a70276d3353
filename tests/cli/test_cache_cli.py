"""`explorer cache` and the commands that read files through the cache of large files (`--no-cache`)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.core import cache
from explorer.resources import bundled_files


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user cache folder, and a threshold of one byte: every file goes through the cache."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv(cache.ENV_FOLDER, str(folder))
    monkeypatch.setattr(cache, "THRESHOLD", 1)
    return folder


@pytest.fixture
def claims_file(tmp_path: Path) -> Path:
    source = next(p for p in bundled_files() if p.name == "claims-a000.ttl")
    return Path(shutil.copy(source, tmp_path / "claims.ttl"))


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", [["stats", "--json"], ["claims", "--json"], ["validate", "--no-shacl"],
                                     ["export", "-f", "ntriples"], ["analyze", "--balance", "--json"]])
def test_the_commands_that_read_files_use_the_cache_unless_told_not_to(user_cache, claims_file, capsys, command):
    runs = []
    for extra, entries in ((["--no-cache"], 0), ([], 1), ([], 1)):  # afresh, building the entry, reading it
        code = main([*command, str(claims_file), *extra])
        assert cache.usage(user_cache).entries == entries
        # the same output, whichever way the file was read (blank nodes are named anew by each parse)
        runs.append((code, sorted(re.sub(r"_:\w+", "_:b", line) for line in capsys.readouterr().out.splitlines())))
    assert runs[0] == runs[1] == runs[2]
    assert runs[0][1]


def test_cache_shows_the_folder_and_size_and_clears_it(user_cache, claims_file, capsys):
    assert _json(capsys, ["cache", "--json"]) == {"folder": str(user_cache), "entries": 0, "bytes": 0}
    assert main(["stats", str(claims_file)]) == 0
    capsys.readouterr()
    shown = _json(capsys, ["cache", "--json"])
    assert shown["entries"] == 1 and shown["bytes"] > 10_000
    assert main(["cache"]) == 0
    assert f"cache: {user_cache}: 1 entry, " in capsys.readouterr().out
    cleared = _json(capsys, ["cache", "--clear", "--json"])
    assert cleared["entries"] == 0 and cleared["busy"] == 0 and cleared["freed"] >= shown["bytes"] - 1000


def test_a_workspace_has_its_own_cache(user_cache, tmp_path, capsys):
    assert main(["workspace", str(tmp_path / "ws")]) == 0
    capsys.readouterr()
    shown = _json(capsys, ["cache", str(tmp_path / "ws"), "--json"])
    assert shown["folder"] == str((tmp_path / "ws").resolve() / ".cache")
    assert main(["cache", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == f"explorer: error: {tmp_path}: not a workspace (a folder holding " \
                                               "articles.ttl)"
