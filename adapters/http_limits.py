"""Limits every platform endpoint applies before trusting a request body: size, encoding, JSON depth."""
from __future__ import annotations

import json

from aiohttp import web

# Slack's largest payloads (a modal's full state) and Bot Framework activities stay far below this.
BODY_LIMIT = 512 * 1024
# Real payloads nest about a dozen levels; anything deeper is an attack on the parser, not a message.
MAX_DEPTH = 32


class Refused(Exception):
    """A request refused before it reaches the platform SDK: the status and a short reason for the caller."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason

    def response(self) -> web.Response:
        return web.json_response({"error": self.reason}, status=self.status)


async def read_body(request: web.Request, limit: int = BODY_LIMIT) -> bytes:
    """The raw body, or Refused(413) as soon as it is known to exceed `limit` (read no further than that)."""
    if request.content_length is not None and request.content_length > limit:
        raise Refused(413, f"request body over {limit} bytes")
    body = bytearray()
    while True:  # a chunked body has no Content-Length: count as it arrives
        try:
            chunk = await request.content.read(64 * 1024)
        except (ValueError, ConnectionError) as error:  # a malformed chunked body, or the client went away
            raise Refused(400, f"unreadable request body: {error}") from None
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"request body over {limit} bytes")


def utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(400, f"request body is not UTF-8 (byte {error.start})") from None


def media_type(request: web.Request, allowed: tuple[str, ...]) -> str:
    """The request's media type when it is one of `allowed` and any charset is UTF-8; else Refused(400)."""
    charset = (request.charset or "utf-8").lower()
    if request.content_type not in allowed or charset not in ("utf-8", "utf8"):
        raise Refused(400, f"unsupported content type {request.headers.get('Content-Type', '')[:80]!r}")
    return request.content_type


def load_json(text: str) -> object:
    """Parsed JSON no deeper than MAX_DEPTH; malformed, too deep or absurd numbers are Refused(400)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:  # ValueError covers integers past Python's digit limit
        raise Refused(400, f"malformed JSON: {str(error)[:80]}") from None
    if too_deep(value):
        raise Refused(400, f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """Iterative, so checking a hostile structure cannot itself exhaust the stack."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False
