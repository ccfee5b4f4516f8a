"""One error shape for the whole server: ``{"error": {"code", "message"}}``, never a traceback.

API paths (``/api/...``, ``/openapi.json``) answer in JSON; pages answer with the same code and
message in an HTML page. Messages are ours: no exception text, input value or file path leaks.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 414: "uri_too_long",
               422: "invalid_parameter", 500: "internal_error", 503: "store_unavailable"}


class ApiError(Exception):
    """An expected failure with an HTTP status, a stable code and a user-facing message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def not_found(what: str, ident: str) -> ApiError:
    # The id is echoed only when short and plain, so an error page never reflects a payload.
    shown = ident if len(ident) <= 80 and ident.replace(":", "").replace("-", "").replace("_", "").replace(".", "").isalnum() else "(given)"
    return ApiError(404, "not_found", f"no {what} with id {shown}")


def wants_json(path: str) -> bool:
    return path.startswith("/api") or path == "/openapi.json"


def error_response(path: str, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if wants_json(path):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
    from ..ui.render import render_error  # the UI renders its own page; imported late to avoid a cycle

    return HTMLResponse(render_error(status, code, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        headers = {"Retry-After": "2"} if exc.status == 503 else None
        return error_response(request.url.path, exc.status, exc.code, exc.message, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request.url.path, 422, "invalid_parameter", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = {404: "no such page", 405: "method not allowed; the server only reads"}.get(exc.status_code, code.replace("_", " "))
        return error_response(request.url.path, exc.status_code, code, message)


def internal_error(path: str, exc: BaseException) -> Response:
    log.exception("unhandled error on %s", path, exc_info=exc)
    return error_response(path, 500, "internal_error", "internal error; the server log has the details")
