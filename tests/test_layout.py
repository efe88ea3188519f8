"""The shape of the code: app/ holds the factory, settings, extensions and command line, and
packages by concern; modules stay small; module-level imports form no cycle; an import inside a
function says why it is there."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"
MAX_LINES = 400


def _modules(package: Path) -> dict[str, Path]:
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (not inside a function or `if TYPE_CHECKING`)."""
    found = []

    def visit(body):
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.append(node)
            elif isinstance(node, ast.If) and not _is_type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)

    visit(tree.body)
    return found


def _dependencies(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The app modules that must have run (at least in part) before this one can finish."""
    tree = ast.parse(path.read_text())
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    needs = set()
    for node in _module_level_imports(tree):
        if isinstance(node, ast.Import):
            needs |= {a.name for a in node.names if a.name in modules}
            continue
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + [node.module or ""]).strip(".")
        else:
            base = node.module or ""
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            if submodule in modules:
                needs.add(submodule)  # a submodule needs its package started, not finished
            elif base in modules:
                needs.add(base)  # a name defined in the module: it must have run to that name
    return {n for n in needs if n != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_app_holds_only_the_factory_settings_extensions_and_command_line():
    loose = sorted(p.name for p in APP.glob("*.py"))
    assert loose == ["__init__.py", "cli.py", "config.py", "extensions.py"]
    assert all((p / "__init__.py").exists() for p in APP.iterdir() if p.is_dir() and p.name not in ("data", "__pycache__"))


@pytest.mark.parametrize("package", ["app", "demo", "matching"])
def test_no_module_is_long(package):
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / package).rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long


def test_module_level_imports_form_no_cycle():
    modules = _modules(APP)
    graph = {name: _dependencies(name, path, modules) for name, path in modules.items()}
    assert _cycle(graph) is None


def test_the_cycle_check_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_an_import_inside_a_function_says_why():
    unexplained = []
    for path in APP.rglob("*.py"):
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines))
        top = {id(n) for n in _module_level_imports(tree)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top:
                if any(_is_type_checking(n) and node in ast.walk(n) for n in tree.body):
                    continue
                same_line = "#" in lines[node.end_lineno - 1]
                line_above = lines[node.lineno - 2].strip().startswith("#")
                if not (same_line or line_above):
                    unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not unexplained
