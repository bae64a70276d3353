"""PySide's look at each imported module's source (does it use PySide6?) answered from the module's file:
the same answers as PySide's own check, which is left alone when PySide no longer has it."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import PySide6.QtCore  # noqa: F401 (PySide's import machinery, the feature module with it)

import explorer.core.errors
import explorer.gui.main_window
import explorer.gui.pyside_imports as pyside_imports
from explorer.gui.pyside_imports import CHECK, FEATURE_MODULE, read_sources_directly


def _module(folder: Path, name: str, text: str) -> types.ModuleType:
    path = folder / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType(name)
    module.__file__ = str(path)
    return module


def test_the_direct_read_answers_as_pyside_does(monkeypatch, tmp_path: Path) -> None:
    feature = sys.modules[FEATURE_MODULE]
    original = getattr(feature, CHECK)
    if getattr(original, "reads_directly", False):  # (the window of an earlier test put it in place)
        original = original.__closure__[0].cell_contents
    monkeypatch.setattr(feature, CHECK, original)
    no_file = types.ModuleType("explorer_test_no_file")
    modules = [explorer.gui.main_window, explorer.core.errors, pyside_imports, sys, no_file,
               _module(tmp_path, "with_six", "# drawn with PySide6\nx = 1\n"),
               _module(tmp_path, "with_two", "# drawn with PySide2\nx = 'é'\n")]
    expected = [original(m) for m in modules]
    assert expected[:2] == [True, False] and expected[-2:] == [True, False]

    assert read_sources_directly() and read_sources_directly()
    direct = getattr(feature, CHECK)
    assert direct is not original and direct.reads_directly
    assert direct.__closure__[0].cell_contents is original  # wrapped once, however often it is asked
    assert [direct(m) for m in modules] == expected


def test_a_pyside_without_the_check_is_left_alone(monkeypatch) -> None:
    stand_in = types.ModuleType(FEATURE_MODULE)
    monkeypatch.setitem(sys.modules, FEATURE_MODULE, stand_in)
    assert not read_sources_directly()
    assert not hasattr(stand_in, CHECK)
