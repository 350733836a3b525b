"""Modules the CLI imports only when a command uses them.

Typer must import every command module to build ``chiso --help``, and the services pull in
SQLAlchemy, httpx and friends: importing them up front cost ``chiso --version`` about 0.9 s of
a 1.0 s start (``python -X importtime``). Each command module binds its services through
:func:`lazy`, under ``if TYPE_CHECKING`` an ordinary import, so mypy still sees the module.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule:
    """Stands for a module and imports it on the first attribute read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy(name: str) -> Any:
    """A stand-in for ``import name`` that imports it when first used."""
    return _LazyModule(name)


__all__ = ["lazy"]
