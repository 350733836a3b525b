"""Posting a signed JSON body to a subscriber's webhook, with the fetch guard's address checks.

The URL is the subscriber's: only ``http``/``https``, its host resolved here and every address
public unless ``allow_private`` (:func:`chiso.ingest.fetch.check_host`), the connection pinned to
the address checked (no DNS rebinding), no redirects followed, no environment proxy. The body is
signed with HMAC-SHA256 over its exact bytes: ``X-Chiso-Signature: sha256=<hex>``.
"""

from __future__ import annotations

import hashlib
import hmac

import httpx

from chiso.errors import FetchError, InputError
from chiso.ingest.fetch import check_host

SIGNATURE_HEADER = "X-Chiso-Signature"


def signature(secret: str, body: bytes) -> str:
    """The value of :data:`SIGNATURE_HEADER` for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def check_url(url: str, *, allow_private: bool) -> httpx.URL:
    """``url`` parsed, refused when it is not http(s), has no host or (unless ``allow_private``)
    resolves to a private address."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise InputError("url_invalid", url=url[:200]) from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError("fetch_scheme_refused", url=url[:200], scheme=parsed.scheme or "-")
    if not parsed.host:
        raise InputError("url_no_host", url=url[:200])
    if not allow_private:
        check_host(parsed.raw_host.decode("ascii"), parsed.port or (443 if parsed.scheme == "https" else 80))
    return parsed


def post(
    url: str,
    body: bytes,
    *,
    secret: str | None,
    headers: dict[str, str],
    allow_private: bool,
    timeout: float,
    client: httpx.Client | None = None,
) -> int:
    """POST ``body`` (JSON) to ``url``; the response's status code. Network failures raise
    :class:`httpx.HTTPError`, refused addresses :class:`FetchError`."""
    parsed = check_url(url, allow_private=True)  # parsed here; the address is checked below
    sent = {"Content-Type": "application/json; charset=utf-8", "User-Agent": "chiso-alerts", **headers}
    if secret:
        sent[SIGNATURE_HEADER] = signature(secret, body)
    target = parsed
    extensions: dict[str, object] = {}
    if not allow_private:
        host = parsed.raw_host.decode("ascii")
        ip = check_host(host, parsed.port or (443 if parsed.scheme == "https" else 80))
        target = parsed.copy_with(host=str(ip))
        sent["Host"] = parsed.netloc.decode("ascii")
        if parsed.scheme == "https" and str(ip) != host:
            extensions["sni_hostname"] = host
    own = client is None
    c = client or httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False)
    try:
        request = c.build_request("POST", target, content=body, headers=sent, extensions=extensions)
        response = c.send(request, follow_redirects=False)
        response.close()
        return response.status_code
    finally:
        if own:
            c.close()


__all__ = ["SIGNATURE_HEADER", "check_url", "post", "signature"]
