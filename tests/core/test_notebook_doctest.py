"""The README's notebook examples run, as written, against the bundled graph."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_notebook_examples_run() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("### From a notebook")
    section = text[start:text.index("\n## ", start)]
    assert section.count(">>>") >= 10
    test = doctest.DocTestParser().get_doctest(section, {}, "README: From a notebook", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted >= 10
