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

An error is a *code* and its *parameters*, not a sentence::

    raise InputError("binary_file", name=name)
    raise NotFoundError("no_such_id", what="report", id=12)

The scheme: one code per message, named after what went wrong (``binary_file``,
``mention_already_pending``), snake_case, registered once in :mod:`chiso.error_messages`
with its English template (named slots: ``"{name}: binary file (not text, HTML or PDF)"``).
The class says how bad it is (the HTTP status); the code says which message. A code may be
raised by several classes' sites only if they mean the same thing. The first argument is
always a string literal (a test walks every raise site); the parameters are plain values
(str, int, float, bool, None, lists and dicts of them: anything else is kept as ``str(value)``)
so the JSON API can return them as they are.

``str(err)`` and ``err.message`` are the English rendering, one line, with the CLI's hint
when the code has one (``(see `chiso indicator list`)``). ``err.render(lang)`` renders in
another language through the gettext catalogue of the ``errors`` domain; the web renders
with ``hint=False`` (a reader in a browser has no command line).

Each edge translates the tree once: the CLI prints a one-line message in its language and
exits 1 (usage errors exit 2), the web app answers with a 4xx and the JSON error shape
(English ``error``, plus ``code`` and ``params``) or a page in the reader's language.
"""

from __future__ import annotations

from typing import Any

from chiso.error_messages import Param, render, validation_problems


def _plain(value: object) -> Param:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _restore(cls: type[ChisoError], code: str, params: dict[str, Param], state: dict[str, Any]) -> ChisoError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, render(code, params, "en"))
    return err


class ChisoError(Exception):
    """Base of every error chiso raises on purpose: a registered ``code`` and its ``params``."""

    status_code = 400

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params: dict[str, Param] = {k: _plain(v) for k, v in params.items()}
        super().__init__(render(code, self.params, "en"))

    @property
    def message(self) -> str:
        """The English rendering (the CLI's hint included): one line."""
        return str(self)

    def render(self, lang: str, *, hint: bool = True) -> str:
        """The message in ``lang`` (``vi``, ``en``); ``hint=False`` leaves out the CLI's hint."""
        return render(self.code, self.params, lang, hint=hint)

    def __reduce__(self) -> tuple[Any, ...]:
        # The constructor's signature is not (message,): rebuild from code, params and fields.
        return (_restore, (type(self), self.code, self.params, dict(self.__dict__)))


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

    def __init__(self, code: str, /, *, retry_after: int, **params: object) -> None:
        super().__init__(code, **params)
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
    "validation_problems",
]
