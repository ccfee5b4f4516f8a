"""One router per resource under ``/api``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends

from ...store import Store
from ..db import get_store
from ..models import ErrorResponse

StoreDep = Annotated[Store, Depends(get_store)]

# Documented in the OpenAPI schema so clients see the one error shape for every failure.
ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "a parameter is invalid"},
    503: {"model": ErrorResponse, "description": "the store is being written; retry"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": ErrorResponse, "description": "no such id"}}
