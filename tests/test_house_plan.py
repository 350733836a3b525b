"""The house plan (CONTRIBUTING.md, "House plan"), checked on the source: which package may import
which, the pure cores, private names kept at home, SQL only in the store, no import circles.

Every import counts: module level, inside functions and under ``TYPE_CHECKING`` alike, since each
is a dependency a reader has to follow. Migrations are left out: they carry frozen copies and
import nothing of chiso's application code (checked separately below).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import pytest

SRC: Final = Path(__file__).resolve().parents[1] / "src"
CHISO: Final = SRC / "chiso"

#: package -> the other chiso packages it may import. The layers:
#: cli, web, worker -> services -> (track, extract, catalog, ingest, store); extract and track import
#: nothing else of chiso (track reads extract's value types, declared once there); store
#: imports no service. config, errors and i18n are the ground floor every room stands on.
GROUND: Final = frozenset({"chiso", "config", "errors", "error_messages", "i18n"})
MAY_IMPORT: Final[dict[str, frozenset[str]]] = {
    "chiso": frozenset(),
    "__main__": frozenset({"cli"}),
    "cli": frozenset({"services", "web", "worker"}),  # web, worker: `chiso serve` starts both
    "web": frozenset({"services"}),
    "worker": frozenset({"services"}),  # the task queue's jobs, thin tasks over services
    "services": frozenset({"track", "extract", "catalog", "ingest", "store"}),
    "catalog": frozenset({"store", "extract"}),
    "ingest": frozenset({"extract"}),
    "store": frozenset({"extract"}),
    "extract": frozenset(),
    "track": frozenset({"extract"}),
    "config": frozenset({"errors"}),
    "errors": frozenset(),
    "error_messages": frozenset(),
    "i18n": frozenset({"extract"}),  # Lang, declared once in extract/types.py
}
#: What track (and the ground floor's i18n) may read of extract: the value types, nothing that
#: extracts (chiso.extract's ``__init__`` loads the reader only when it is used).
TRACK_FROM_EXTRACT: Final = frozenset({"chiso.extract.types"})
#: The pure cores use only these standard modules: no files, network, clock-free except datetime
#: values, no database.
PURE_STDLIB: Final = frozenset(
    {
        "__future__",
        "bisect",
        "calendar",
        "collections",
        "collections.abc",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "fractions",
        "functools",
        "itertools",
        "math",
        "operator",
        "re",
        "types",
        "typing",
        "unicodedata",
    }
)
IMPURE_CALLS: Final = frozenset({"open", "print", "input", "exec", "eval"})


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module
    target: str  # dotted module or module.name
    line: int
    names: tuple[str, ...]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for p in sorted(CHISO.rglob("*.py"))
        if "migrations" not in p.relative_to(CHISO).parts
    }


@cache
def tree(mod: str) -> ast.Module:
    return ast.parse(modules()[mod].read_text(encoding="utf-8"))


def imports(mod: str) -> Iterator[Import]:
    is_package = modules()[mod].name == "__init__.py"
    for node in ast.walk(tree(mod)):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield Import(mod, a.name, node.lineno, ())
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = mod.split(".") if is_package else mod.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield Import(mod, base, node.lineno, tuple(a.name for a in node.names))


def top(dotted: str) -> str:
    """chiso.services.reports.add -> services; chiso -> chiso."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def resolved_targets(imp: Import) -> list[str]:
    """The chiso modules an import reaches: ``from chiso.x import y`` reaches chiso.x.y when y
    is a module, else chiso.x."""
    if not imp.target.startswith("chiso") or (imp.target != "chiso" and not imp.target.startswith("chiso.")):
        return []
    found = [f"{imp.target}.{n}" for n in imp.names if f"{imp.target}.{n}" in modules()]
    if len(found) < len(imp.names) or not imp.names:
        found.append(imp.target)
    return found


def test_every_package_has_a_rule() -> None:
    packages = {top(m) for m in modules()}
    assert packages - MAY_IMPORT.keys() == set(), "a new package needs a line in MAY_IMPORT"


def test_packages_import_only_their_lower_layers() -> None:
    wrong = []
    for mod in modules():
        home = top(mod)
        allowed = MAY_IMPORT[home] | GROUND | {home}
        for imp in imports(mod):
            for target in resolved_targets(imp):
                if target == "chiso" and imp.names and set(imp.names) <= {"__version__"}:
                    continue
                if top(target) not in allowed:
                    wrong.append(f"{mod}:{imp.line} imports {target} ({home} may not use {top(target)})")
    assert wrong == []


@pytest.mark.parametrize("core", ["extract", "track"])
def test_the_pure_cores_do_no_io(core: str) -> None:
    wrong = []
    for mod in (m for m in modules() if top(m) == core):
        for imp in imports(mod):
            if imp.target.startswith("chiso"):
                ok = top(imp.target) == core or (core == "track" and imp.target in TRACK_FROM_EXTRACT)
            else:
                ok = imp.target in PURE_STDLIB
            if not ok:
                wrong.append(f"{mod}:{imp.line} imports {imp.target}")
        for node in ast.walk(tree(mod)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in IMPURE_CALLS
            ):
                wrong.append(f"{mod}:{node.lineno} calls {node.func.id}()")
            if isinstance(node, ast.Global | ast.Nonlocal):
                wrong.append(f"{mod}:{node.lineno} rebinds a global")
    assert wrong == []


def home_package(mod: str) -> str:
    """The package whose private names a module may use: chiso.services.reports for
    chiso.services.reports.add, chiso.web for chiso.web.rendering, chiso.extract for its modules."""
    parts = mod.split(".")
    path = modules()[mod]
    if path.name != "__init__.py":
        parts = parts[:-1]
    return ".".join(parts)


def test_private_names_stay_in_their_package() -> None:
    wrong = []
    for mod in modules():
        mine = home_package(mod)
        for imp in imports(mod):
            if not imp.target.startswith("chiso"):
                continue
            theirs = (
                imp.target
                if imp.target in modules() and modules()[imp.target].name == "__init__.py"
                else imp.target.rpartition(".")[0]
            )
            private_module = any(p.startswith("_") and not p.startswith("__") for p in imp.target.split("."))
            private_names = [n for n in imp.names if n.startswith("_") and not n.startswith("__")]
            outside = not (mine == theirs or mine.startswith(theirs + ".") or theirs.startswith(mine + "."))
            if outside and (private_module or private_names):
                wrong.append(
                    f"{mod}:{imp.line} takes {imp.target} {private_names or ''} from another package"
                )
    assert wrong == []


SQL: Final = re.compile(
    r"(?<![\w.])(?<!def )(?:select|update|delete|insert)\(|\btext\(\s*[\"']|\.dialect\b|\bfunc\."
)


def test_services_hold_no_sql() -> None:
    wrong = []
    for mod in (m for m in modules() if top(m) == "services"):
        for n, line in enumerate(modules()[mod].read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line.split("#")[0]):
                wrong.append(f"{mod}:{n}: {line.strip()}")
    assert wrong == [], "SQL belongs in chiso.store"


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in modules()}
    for mod in modules():
        for imp in imports(mod):
            edges[mod].update(t for t in resolved_targets(imp) if t in modules() and t != mod)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    assert cycles(graph()) == []


def test_migrations_import_no_application_code() -> None:
    wrong = []
    for path in sorted((CHISO / "store" / "migrations" / "versions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            wrong += [f"{path.name}:{node.lineno} imports {n}" for n in names if n.startswith("chiso")]
    assert wrong == []


def test_public_modules_declare_their_surface() -> None:
    missing = [
        m
        for m, path in modules().items()
        if not any(p.startswith("_") for p in m.split(".")[1:])
        and path.read_text(encoding="utf-8").strip()
        and "__all__" not in path.read_text(encoding="utf-8")
        and any(
            isinstance(n, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
            and not n.name.startswith("_")
            for n in tree(m).body
        )
    ]
    assert missing == []


def test_the_shared_value_types_are_declared_once() -> None:
    declared: dict[str, list[str]] = {}
    for mod in modules():
        for node in tree(mod).body:
            target = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in {"Precision", "Qualifier", "Lang"}:
                declared.setdefault(target.id, []).append(mod)
    assert declared == {name: ["chiso.extract.types"] for name in ("Lang", "Precision", "Qualifier")}
