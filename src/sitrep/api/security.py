"""Response headers and request limits, as one ASGI middleware around everything.

It sits outside FastAPI's own error handling so that every response, a 500 included, carries
the headers, and an unexpected exception becomes the shared error shape rather than a trace.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response, internal_error

# No inline script or style anywhere: our JS and CSS are files under /static.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
MAX_QUERY = 2048  # bytes of query string; our longest legitimate URL is far shorter


def drop_empty_params(scope: Scope) -> Scope:
    """An empty parameter means "no filter": HTML forms send every field, filled or not."""
    raw = scope.get("query_string", b"")
    if b"=&" not in raw + b"&":
        return scope
    kept = [part for part in raw.split(b"&") if part and part.find(b"=") != len(part) - 1]
    return {**scope, "query_string": b"&".join(kept)}


class Guard:
    def __init__(self, app: ASGIApp, allowed_hosts: set[str] | None = None) -> None:
        self.app = app
        # A loopback server is still reachable from a browser through DNS rebinding; checking
        # the Host header closes that. None (a non-loopback bind) accepts any host.
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        refusal = self._refuse(scope)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        scope = drop_empty_params(scope)
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # noqa: BLE001 -- the last line of defence: no traceback to clients
            if started:
                raise
            await internal_error(path, exc)(scope, receive, send_with_headers)

    def _refuse(self, scope: Scope) -> Any:
        path = scope.get("path", "")
        if len(scope.get("query_string", b"")) > MAX_QUERY:
            return error_response(path, 414, "uri_too_long", f"query string longer than {MAX_QUERY} bytes")
        if self.allowed_hosts is not None:
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name.lower() not in self.allowed_hosts:
                return error_response(path, 400, "bad_host", "this server answers only to its own address")
        return None
