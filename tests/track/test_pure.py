"""The tracking rules import no database, web or network library, and nothing of chiso beyond
the extraction core's types and the error tree."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = ("chiso.track", "chiso.track.status", "chiso.track.actions", "chiso.track.series")


@pytest.mark.parametrize("module", MODULES)
def test_pure(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "heavy = {'sqlalchemy', 'pydantic', 'httpx', 'fastapi', 'starlette'} & set(sys.modules); "
        "ours = {m for m in sys.modules if m.startswith('chiso.') and not m.startswith("
        "('chiso.track', 'chiso.extract', 'chiso.errors'))}; "
        "print(sorted(heavy | ours))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
