"""Users: accounts, passwords, roles, sign-in with its rate limits, API tokens.

The package's public surface is :mod:`~chiso.services.users.accounts`'s ``__all__``, handed on whole
(one list of names, kept beside the code it names).
"""

from __future__ import annotations

from chiso.services.users.accounts import *  # noqa: F403
from chiso.services.users.accounts import __all__ as __all__
