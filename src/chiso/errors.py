"""chiso's one exception tree.

    ChisoError                  anything chiso raises on purpose
    ├── InputError              the user's input is unusable (bad file, bad date, bad YAML)
    │   ├── EncodingError       bytes that no known encoding turns into text
    │   └── TooLargeError       over a size limit
    ├── FetchError              a URL could not be fetched (network, status, policy)
    │   └── BlockedAddressError the URL points at a private, loopback or metadata address
    ├── NotFoundError           no such report, mention, indicator, ...
    ├── ConflictError           the action clashes with the current state (already decided, ...)
    ├── PermissionDeniedError   signed-in user lacks the role for the action
    ├── TooManyAttemptsError    too many failed sign-ins: wait and try again
    └── DatabaseError           the database is unreachable or its schema is wrong
        └── DatabaseBusyError   another writer held the lock too long: try again shortly

Each edge translates the tree once: the CLI prints a one-line message and exits 1
(usage errors exit 2), the web app answers with a 4xx and the JSON error shape.
"""

from __future__ import annotations


class ChisoError(Exception):
    """Base of every error chiso raises on purpose; ``str(err)`` is one line for a person."""

    status_code = 400

    def __init__(self, message: str) -> None:
        # Messages reach a terminal or an HTTP body: keep them on one line.
        super().__init__(" ".join(message.split()))

    @property
    def message(self) -> str:
        return str(self)


class InputError(ChisoError):
    status_code = 400


class EncodingError(InputError):
    pass


class TooLargeError(InputError):
    status_code = 413


class FetchError(ChisoError):
    status_code = 422


class BlockedAddressError(FetchError):
    status_code = 403


class NotFoundError(ChisoError):
    status_code = 404


class ConflictError(ChisoError):
    status_code = 409


class PermissionDeniedError(ChisoError):
    status_code = 403


class TooManyAttemptsError(ChisoError):
    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        #: seconds until the next attempt may succeed (the HTTP edge sends it as Retry-After)
        self.retry_after = retry_after


class DatabaseError(ChisoError):
    status_code = 503


class DatabaseBusyError(DatabaseError):
    #: Seconds a client is asked to wait before trying again (HTTP ``Retry-After``).
    retry_after = 5


__all__ = [
    "BlockedAddressError",
    "ChisoError",
    "ConflictError",
    "DatabaseBusyError",
    "DatabaseError",
    "EncodingError",
    "FetchError",
    "InputError",
    "NotFoundError",
    "PermissionDeniedError",
    "TooLargeError",
    "TooManyAttemptsError",
]
