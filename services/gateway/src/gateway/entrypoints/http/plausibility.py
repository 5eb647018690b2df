"""Edge check of plausible input, driven by the published OpenAPI contract (issue 9).

Runs as a dependency of every ``/api/v1`` route, after authentication and before the route:
* a route that requires a token answers 401 first, whatever the input;
* no text (query, path or JSON body) may hold control characters;
* every value the contract declares as ``format: date`` must be a ``YYYY-MM-DD`` string within
  1900–2099 (pydantic would otherwise read ``birth_date=0`` as 1 Jan 1970).
The services check the same again in their domain (``ansinh_common.plausibility``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute

from ansinh_common.errors import FieldError, InvalidInput
from ansinh_common.plausibility import CODE_DATE_RANGE, date_error, text_error
from gateway.entrypoints.http.dependencies import Credentials, GatewayDep, authenticate

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MSG_DATE_FORMAT = "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
MSG_INVALID = "Yêu cầu có dữ liệu không hợp lệ, xem danh sách lỗi theo trường."
Schema = Mapping[str, Any]


async def plausible_input(request: Request, gateway: GatewayDep, creds: Credentials) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    openapi = request.app.openapi()
    operation = openapi.get("paths", {}).get(route.path_format, {}).get(request.method.lower())
    if operation is None:
        return
    if operation.get("security"):
        await authenticate(request, gateway, creds)
    errors: list[FieldError] = []
    components = openapi.get("components", {}).get("schemas", {})
    for param in operation.get("parameters", ()):
        where, name = param.get("in"), param.get("name", "")
        if where == "query":
            for raw in request.query_params.getlist(name):
                _check(raw, param.get("schema", {}), f"query.{name}", components, errors)
        elif where == "path" and name in request.path_params:
            raw = str(request.path_params[name])
            _check(raw, param.get("schema", {}), f"path.{name}", components, errors)
    body_schema = (
        operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    ).get("schema")
    if body_schema is not None and "json" in request.headers.get("content-type", ""):
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            body = None  # FastAPI reports invalid JSON itself
        _check(body, body_schema, "", components, errors)
    if errors:
        raise InvalidInput(MSG_INVALID, errors=errors)


def _resolve(schema: Schema, components: Schema) -> Schema:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        resolved: Schema = components.get(ref.rsplit("/", 1)[1], {})
        return resolved
    return schema


def _is_date(schema: Schema, components: Schema) -> bool:
    schema = _resolve(schema, components)
    if schema.get("format") == "date":
        return True
    return any(_is_date(alt, components) for alt in schema.get("anyOf", ()))


def _check(
    value: Any, schema: Schema, path: str, components: Schema, out: list[FieldError]
) -> None:
    schema = _resolve(schema, components)
    if value is None:
        return
    if _is_date(schema, components):
        _check_date(value, path, out)
        return
    if isinstance(value, str):
        found = text_error(value, path)
        if found is not None:
            out.append(found)
    elif isinstance(value, dict):
        properties: Schema = _merged_properties(schema, components)
        for key, item in value.items():
            key_error = text_error(str(key), _join(path, "<key>"))
            if key_error is not None:
                out.append(key_error)
                continue
            _check(item, properties.get(key, {}), _join(path, str(key)), components, out)
    elif isinstance(value, list):
        items = _merged_items(schema, components)
        for index, item in enumerate(value):
            _check(item, items, f"{path}[{index}]", components, out)


def _merged_properties(schema: Schema, components: Schema) -> Schema:
    merged: dict[str, Any] = dict(schema.get("properties", {}))
    for alt in [*schema.get("anyOf", ()), *schema.get("allOf", ())]:
        merged.update(_resolve(alt, components).get("properties", {}))
    return merged


def _merged_items(schema: Schema, components: Schema) -> Schema:
    if "items" in schema:
        items: Schema = schema["items"]
        return items
    for alt in schema.get("anyOf", ()):
        resolved = _resolve(alt, components)
        if "items" in resolved:
            found: Schema = resolved["items"]
            return found
    return {}


def _check_date(value: Any, path: str, out: list[FieldError]) -> None:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        out.append(FieldError(path, MSG_DATE_FORMAT, "date_format"))
        return
    try:
        day = date.fromisoformat(value)
    except ValueError:
        out.append(FieldError(path, MSG_DATE_FORMAT, "date_format"))
        return
    found = date_error(day, path)
    if found is not None:
        out.append(FieldError(found.field, found.message, CODE_DATE_RANGE))


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
