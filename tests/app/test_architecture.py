"""The shape of the code, checked: no import circle anywhere in explorer/, type-only imports included
(a circle that only typing closes still ties two modules together)."""

from __future__ import annotations

import grimp
import networkx as nx


def test_no_import_circle_in_explorer() -> None:
    graph = grimp.build_graph("explorer", exclude_type_checking_imports=False)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("explorer"):
                imports.add_edge(module, imported)
    # a package's __init__ importing its own modules is how packages work: not a circle of modules
    circles = [sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1]
    circles = [c for c in circles if not _package_and_its_modules(c)]
    assert circles == [], f"import circles: {circles}"


def _package_and_its_modules(modules: list[str]) -> bool:
    shortest = min(modules, key=len)
    return all(m == shortest or m.startswith(shortest + ".") for m in modules)
