"""PySide6 looks at the source of every module imported after it, to learn whether the module uses
PySide6 (for its optional ``from __feature__ import`` switches): ``shibokensupport.feature``'s
``_mod_uses_pyside`` gets the whole text through ``inspect.getsource`` (linecache, tokenize's encoding
detection) and looks for "PySide6" in it. For the hundred-odd modules the window imports before its
first frame that reading was 3% of the process's instructions to that frame (callgrind, issue 19).

:func:`read_sources_directly` gives PySide the same answer from a plain read of the module's ``.py``
file; a module without one goes to PySide's own function. When PySide no longer has the function
(another version), nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def read_sources_directly() -> bool:
    """Replace PySide's check by the direct read (once; PySide6 must be imported). Whether it is in place."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_directly", False):
        return True
    setattr(feature, CHECK, _direct(original))
    return True


def _direct(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        """Whether the module's source names PySide6 (PySide's question, answered from its file)."""
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.reads_directly = True  # type: ignore[attr-defined]
    return uses_pyside
