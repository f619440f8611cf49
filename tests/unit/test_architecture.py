"""Dependencies point inward (STYLE §1) and time is a parameter (STYLE §2).

The rule is on package names, so a new module is classified by where it stands:

    core  ←  store, mail  ←  services  ←  faces (cli, web, lsp, org)

Every `naitei.X` that is not named below is core (the flat modules and the core packages
compose/, check/, export/). The core imports nothing outward; the adapters (store: the case
record, mail: the SMTP server) import the core only; `naitei.services` (the use cases) imports
the core and the adapters; a face imports the core, the services and its own package, and
another package only along an edge named in OUTWARD_EDGES with its reason.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "naitei"
ADAPTERS = frozenset({"store", "mail"})
FACES = frozenset({"cli", "web", "lsp", "org"})
SERVICES = "services"
ENTRY = "__main__"  # `python -m naitei`: runs the CLI

# Deliberate imports from a face into another face or an adapter, each with its reason. The
# test below fails when one of them is no longer used, so this table cannot go stale.
OUTWARD_EDGES = {
    ("cli", "web"): "`naitei serve` starts the web app",
    ("cli", "lsp"): "`naitei lsp` starts the language server",
    ("cli", "mail"): "`naitei decline --send` reads the SMTP settings and connects",
    ("cli", "org"): "`naitei org`, `naitei audit`, `naitei worker`, `serve --org`",
    ("org", "mail"): "the org worker sends queued mail with the same SMTP client",
    ("org", "web"): "org mode reuses the local app's case form, checks and templates",
}


def package_of(module: str) -> str:
    """`naitei.cli.case` -> `cli`, `naitei.assess` -> `assess`, `naitei` -> ``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(package: str) -> str:
    if package in FACES:
        return "face"
    if package in ADAPTERS:
        return "adapter"
    if package in (SERVICES, ENTRY):
        return package
    return "core"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def core_files() -> list[Path]:
    return [p for p in source_files() if layer(package_of(module_name(p))) == "core"]


def imports(path: Path, *, top_level_only: bool = False) -> Iterator[str]:
    """The naitei names a file imports, dotted in full (`from naitei.web import script` names
    naitei.web.script; `module_graph` trims a name that is not a module to its module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("naitei"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("naitei"):
            yield from (f"{node.module}.{a.name}" for a in node.names)


def package_edges() -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package) -> the files that make the edge."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in source_files():
        mine = package_of(module_name(path))
        for name in imports(path):
            theirs = package_of(name)
            if theirs and theirs != mine and not theirs.startswith("__"):
                edges.setdefault((mine, theirs), []).append(str(path.relative_to(SRC)))
    return edges


def edges_where(keep: Callable[[str, str], bool]) -> dict[tuple[str, str], list[str]]:
    """The package edges (importer, imported) that `keep` selects, with their files."""
    return {edge: files for edge, files in package_edges().items() if keep(*edge)}


def test_every_face_named_exists() -> None:
    present = {p.stem if p.is_file() else p.name for p in SRC.iterdir()}
    named = FACES | ADAPTERS | {SERVICES}
    assert present >= named, f"named packages with no module: {sorted(named - present)}"


def test_core_imports_nothing_outward() -> None:
    wrong = edges_where(lambda a, b: layer(a) == "core" and layer(b) != "core")
    assert not wrong, f"the core reaches outward: {wrong}"


def test_an_adapter_imports_the_core_only() -> None:
    wrong = edges_where(lambda a, b: layer(a) == "adapter" and layer(b) != "core")
    assert not wrong, f"an adapter reaches outward: {wrong}"


def test_the_services_import_no_face() -> None:
    wrong = edges_where(lambda a, b: a == SERVICES and layer(b) == "face")
    assert not wrong, f"naitei.services reaches into a face: {wrong}"


def test_a_face_goes_through_the_services_but_along_a_named_edge() -> None:
    outward = edges_where(lambda a, b: layer(a) == "face" and layer(b) in ("face", "adapter"))
    unnamed = {edge: files for edge, files in outward.items() if edge not in OUTWARD_EDGES}
    assert not unnamed, f"a face bypasses the services: {unnamed}"
    unused = set(OUTWARD_EDGES) - set(outward)
    assert not unused, f"OUTWARD_EDGES names edges no longer used: {sorted(unused)}"


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return cycles


def module_graph(*, top_level_only: bool, same_package: bool) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in source_files()}

    def known(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {known(target) for target in imports(path, top_level_only=top_level_only)}
        graph[name] = {
            t
            for t in targets
            if t and t != name and (not same_package or package_of(t) == package_of(name))
        }
    return graph


def test_no_import_cycle_at_module_level() -> None:
    assert import_cycles(module_graph(top_level_only=True, same_package=False)) == []


def test_no_import_cycle_inside_a_package_even_through_imports_in_functions() -> None:
    """An import inside a function can hide a cycle (export/pdf.py ↔ pdf_vertical.py was one)."""
    assert import_cycles(module_graph(top_level_only=False, same_package=True)) == []


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_never_reads_the_clock(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
        assert call not in text, f"{path.name} reads the clock ({call})"
