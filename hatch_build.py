"""Compiles the gettext catalogues (``.po`` -> ``.mo``) whenever chiso is built or installed.

The ``.mo`` files are build output and are not committed; they are written beside their ``.po``
in the source tree, so an editable install (``pip install -e .``) reads them from there and a
wheel carries them as artifacts (git ignores them, which would otherwise leave them out).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "chiso" / "locale"


def compile_catalogues(root: Path) -> list[Path]:
    """Every ``<lang>/LC_MESSAGES/*.po`` under the locale directory compiled to its ``.mo``;
    the ``.mo`` paths, relative to ``root``."""
    written: list[Path] = []
    for po in sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as fp:
            catalogue = read_po(fp, locale=po.parts[-3])
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fp:
            write_mo(fp, catalogue)  # fuzzy entries are left out, as msgfmt does
        written.append(mo.relative_to(root))
    return written


class CataloguesHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        written = compile_catalogues(Path(self.root))
        build_data.setdefault("artifacts", []).extend(p.as_posix() for p in written)
