"""Feeds: following RSS and Atom feeds and adding what they announce.

The package's public surface is :mod:`~chiso.services.feeds.polling`'s ``__all__``, handed on whole
(one list of names, kept beside the code it names).
"""

from __future__ import annotations

from chiso.services.feeds.polling import *  # noqa: F403
from chiso.services.feeds.polling import __all__ as __all__
