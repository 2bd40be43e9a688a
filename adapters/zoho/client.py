"""The Zoho CRM REST API over aiohttp: access tokens from the refresh-token grant, records, users, the org."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime

import aiohttp

from adapters.zoho.config import API_VERSION, ZohoConfig

log = logging.getLogger(__name__)
# Sources (docs/zoho.md, "Sources"): Zoho's API-limits page (credits per rolling 24-hour window, 200 records
# a page, 100 a write) and its "Handling API limits and error responses" post (TOO_MANY_REQUESTS for too many
# concurrent calls). Zoho answers a bad or expired access token with the code INVALID_TOKEN, not always with a
# 401 status, so the code is what triggers one fresh token.
PER_PAGE = 200  # the most a page may hold
PER_WRITE = 100  # the most records one insert or update may carry
TOKEN_CODES = frozenset({"INVALID_TOKEN", "AUTHENTICATION_FAILURE"})
RATE_CODES = frozenset({"TOO_MANY_REQUESTS"})
# The stored docs name no one code for spent credits; these are the names seen for it (kept as a set).
CREDIT_CODES = frozenset({"LIMIT_EXCEEDED", "LIMIT_REACHED", "API_LIMIT_EXCEEDED"})


class ZohoPaused(Exception):
    """Zoho refused for a while (a bad token, 429, credits spent): the sync waits; `kind` says why."""

    def __init__(self, kind: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.retry_after = kind, message, retry_after


@dataclass
class Page:
    records: list[dict]
    more: bool


class ZohoClient:
    """One org's API; the access token is refreshed on expiry and once on a 401."""

    def __init__(self, config: ZohoConfig, session: aiohttp.ClientSession) -> None:
        self.config, self.session = config, session
        self.api_domain = config.api_domain
        self._token, self._expires = "", 0.0

    async def _refresh(self) -> None:
        params = {"refresh_token": self.config.refresh_token, "client_id": self.config.client_id,
                  "client_secret": self.config.client_secret, "grant_type": "refresh_token"}
        try:
            async with self.session.post(f"{self.config.accounts_url}/oauth/v2/token", data=params) as response:
                body = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise ZohoPaused("network", f"the Zoho accounts server did not answer ({error})") from None
        if "access_token" not in body:
            raise ZohoPaused("auth", f"Zoho refused the refresh token ({body.get('error', 'no access_token')})")
        self._token = body["access_token"]
        self._expires = time.monotonic() + float(body.get("expires_in", 3600)) - 60
        self.api_domain = self.config.api_domain or body.get("api_domain", "https://www.zohoapis.com").rstrip("/")

    async def call(self, method: str, path: str, *, since: datetime | None = None, **kwargs) -> dict:
        """One API call; `since` becomes If-Modified-Since. A 304 is an empty answer."""
        for attempt in (1, 2):
            if not self._token or time.monotonic() >= self._expires:
                await self._refresh()
            headers = {"Authorization": f"Zoho-oauthtoken {self._token}"}
            if since is not None:
                headers["If-Modified-Since"] = since.isoformat(timespec="seconds")
            url = f"{self.api_domain}/crm/{API_VERSION}/{path}"
            try:
                async with self.session.request(method, url, headers=headers, **kwargs) as response:
                    status = response.status
                    body = await response.json(content_type=None) if status not in (204, 304) else {}
                    retry = response.headers.get("Retry-After")
            except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                raise ZohoPaused("network", f"Zoho CRM did not answer ({error})") from None
            if (status == 401 or _code(body) in TOKEN_CODES) and attempt == 1:
                self._token = ""  # expired or revoked early: one fresh token, then give up
                continue
            return _checked(status, body or {}, retry)
        raise AssertionError("unreachable")

    async def page(self, module: str, page: int, since: datetime | None) -> Page:
        body = await self.call("GET", module, since=since, params={"page": page, "per_page": PER_PAGE,
                                                                     "sort_by": "Modified_Time", "sort_order": "asc"})
        return Page(body.get("data", []), bool(body.get("info", {}).get("more_records")))

    async def deleted(self, module: str, page: int, since: datetime | None) -> Page:
        body = await self.call("GET", f"{module}/deleted", since=since,
                               params={"type": "all", "page": page, "per_page": PER_PAGE})
        return Page(body.get("data", []), bool(body.get("info", {}).get("more_records")))

    async def users(self) -> list[dict]:
        return (await self.call("GET", "users", params={"type": "ActiveUsers", "per_page": PER_PAGE})).get("users", [])

    async def org(self) -> dict:
        return ((await self.call("GET", "org")).get("org") or [{}])[0]

    async def search(self, module: str, field: str, value: str) -> list[dict]:
        escaped = value.replace("(", "\\(").replace(")", "\\)").replace(",", "\\,")
        body = await self.call("GET", f"{module}/search", params={"criteria": f"({field}:equals:{escaped})"})
        return body.get("data", [])

    async def write(self, method: str, module: str, records: list[dict]) -> list[dict]:
        """Insert (POST) or update (PUT) up to PER_WRITE records; one result per record, in order."""
        body = await self.call(method, module, json={"data": records})
        return body.get("data", [])


def _code(body) -> str:
    return str(body.get("code", "")) if isinstance(body, dict) else ""


def _checked(status: int, body: dict, retry_after: str | None) -> dict:
    code = _code(body)
    if code in CREDIT_CODES:
        raise ZohoPaused("credits", "the Zoho CRM API credits of the last 24 hours are spent")
    if status == 429 or code in RATE_CODES:
        wait = float(retry_after) if retry_after and retry_after.isdigit() else None
        raise ZohoPaused("rate", f"Zoho CRM asked us to slow down ({code or status})", wait)
    if status == 401 or code in TOKEN_CODES:
        raise ZohoPaused("auth", f"Zoho CRM refused the access token ({code or 401})")
    if status >= 500:
        raise ZohoPaused("server", f"Zoho CRM answered {status}")
    if status >= 400:
        raise ZohoPaused("request", f"Zoho CRM refused a request ({status} {code})")
    return body
