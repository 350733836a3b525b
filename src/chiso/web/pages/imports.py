"""Importing and exporting in the browser, ``/imports``: indicators as catalogue YAML
(``chiso indicator import``/``export``) and observations from an export file
(``chiso import observations``: CSV, XLSX or JSON, all rows or none).

The page is open to read (it says what the files hold); the uploads need an editor
(:data:`~chiso.web.deps.Editor`, CSRF checked) and are each one audited unit of work in the
services. The JSON twins: ``POST /api/catalog/import`` (web.pages.indicators) and
``POST /api/observations/import`` (here, a multipart upload).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, ClassVar

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response
from starlette.requests import Request

from chiso.errors import ChisoError, InputError
from chiso.services import exports, indicators
from chiso.services.indicators.schemas import ImportResult as CatalogImportResult
from chiso.services.observations.schemas import ImportResult as ObservationsImportResult
from chiso.web.deps import Db, Editor
from chiso.web.rendering import PageContext, ShownError, render

router = APIRouter()


class ImportsPage(PageContext):
    template: ClassVar[str] = "imports.html"
    title: str = "Import and export"
    #: the indicators just imported
    catalogue: CatalogImportResult | None = None
    #: the observations just imported
    observations: ObservationsImportResult | None = None
    #: the refused import's error (rendered in the UI's language), and which form it was
    error: ShownError | None = None
    error_in: str | None = None


@router.get("/imports", include_in_schema=False)
def imports_page(request: Request) -> Response:
    """The import forms and the export links."""
    return render(request, ImportsPage())


def _refused(request: Request, exc: ChisoError, form: str) -> Response:
    if exc.status_code >= 500:
        raise exc
    return render(request, ImportsPage(error=ShownError.of(exc), error_in=form), status_code=exc.status_code)


@router.post("/imports/indicators", include_in_schema=False)
async def import_indicators(
    request: Request, db: Db, editor: Editor, file: Annotated[UploadFile, File()]
) -> Response:
    """Add or update indicators from an uploaded catalogue YAML file, all or nothing."""
    name = file.filename or "indicators.yaml"
    raw = await file.read()
    try:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError("catalogue_not_utf8", path=name, reason=exc.reason, byte=exc.start) from None
        result = indicators.import_catalog_text(db, text, editor.name, source=name)
    except ChisoError as exc:
        return _refused(request, exc, "indicators")
    return render(request, ImportsPage(catalogue=result))


def _observations(db: Db, actor: str, name: str, raw: bytes) -> ObservationsImportResult:
    """Import an uploaded export file through a temporary copy (the reader takes a path; its
    name's suffix says the format)."""
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="chiso-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(raw)
        return exports.import_observations(db, path, actor=actor)


@router.post("/imports/observations", include_in_schema=False)
async def import_observations(
    request: Request, db: Db, editor: Editor, file: Annotated[UploadFile, File()]
) -> Response:
    """Import observations from an uploaded CSV, XLSX or JSON export, all rows or none."""
    raw = await file.read()
    try:
        result = _observations(db, editor.name, file.filename or "upload", raw)
    except ChisoError as exc:
        return _refused(request, exc, "observations")
    return render(request, ImportsPage(observations=result))


@router.post("/api/observations/import", response_model=ObservationsImportResult, tags=["observations"])
async def api_import_observations(
    db: Db,
    editor: Editor,
    file: Annotated[
        UploadFile,
        File(description="a CSV, XLSX or JSON file made by chiso's export (its name's suffix says which)"),
    ],
) -> ObservationsImportResult:
    """Import observations from an export file (multipart/form-data), all rows or none; the
    sources' reports are recreated from the quotes the file carries."""
    return _observations(db, editor.name, file.filename or "upload", await file.read())


__all__ = [
    "ImportsPage",
    "api_import_observations",
    "import_indicators",
    "import_observations",
    "imports_page",
    "router",
]
