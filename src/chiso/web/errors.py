"""The web's own errors, apart from the handlers that render them (:mod:`chiso.web.error_pages`),
so that the code raising them (dependencies, CSRF checks, pages) does not import the renderer.

Two web-only errors join the tree of :mod:`chiso.errors`::

    ChisoError
    ├── SignInRequiredError       401: the action needs an editor's session or an API token
    └── PermissionDeniedError
        └── CsrfError        403: a form or htmx request without the page's CSRF token
"""

from __future__ import annotations

from chiso.errors import ChisoError, PermissionDeniedError


class SignInRequiredError(ChisoError):
    status_code = 401


class CsrfError(PermissionDeniedError):
    pass


__all__ = ["CsrfError", "SignInRequiredError"]
