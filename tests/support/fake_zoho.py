"""A fake Zoho CRM on loopback: the accounts server's token grant and the CRM REST API, as Zoho documents them.

Records live in memory per module; every request is recorded; failures (429, an expired token, a crash) are
injected by the test. Shapes: `{"data": [...], "info": {"page", "per_page", "count", "more_records"}}`,
304 for nothing modified since If-Modified-Since, `{"code": "INVALID_TOKEN", ...}` with 401.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from aiohttp import web

START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


@dataclass
class Call:
    method: str
    path: str
    query: dict
    headers: dict
    body: object = None


@dataclass
class FakeZoho:
    base: str = ""
    records: dict[str, dict[str, dict]] = field(default_factory=lambda: {"Deals": {}, "Accounts": {}, "Contacts": {},
                                                                          "Notes": {}, "Tasks": {}})
    deleted: dict[str, list[dict]] = field(default_factory=lambda: {"Deals": []})
    users: list[dict] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    failures: list[tuple[int, dict, dict]] = field(default_factory=list)  # (status, body, headers), next first
    now: datetime = START
    token: str = ""
    refresh_token: str = "1000.refresh"
    crash_after: int | None = None  # CRM requests served before every further one answers 500
    expire_token_after: int | None = None  # CRM requests served before the access token expires early
    lose_next_write_answer: bool = False  # the next insert/update is applied, but its answer is a 500
    _ids: itertools.count = field(default_factory=lambda: itertools.count(4876876000000300001))
    _tokens: itertools.count = field(default_factory=lambda: itertools.count(1))

    def tick(self, minutes: int = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now

    def stamp(self) -> str:
        return self.now.isoformat(timespec="seconds")

    def add(self, module: str, **fields) -> dict:
        record = {"id": str(next(self._ids)), "Modified_Time": self.stamp(), **fields}
        self.records[module][record["id"]] = record
        return record

    def change(self, module: str, record_id: str, **fields) -> dict:
        self.records[module][record_id].update(fields, Modified_Time=self.stamp())
        return self.records[module][record_id]

    def delete(self, module: str, record_id: str) -> None:
        record = self.records[module].pop(record_id)
        self.deleted[module].append({"id": record_id, "display_name": record.get("Deal_Name", ""),
                                     "type": "recycle", "deleted_time": self.stamp()})

    def user(self, name: str, email: str) -> dict:
        entry = {"id": str(next(self._ids)), "full_name": name, "email": email, "status": "active"}
        self.users.append(entry)
        return entry

    def expire_token(self) -> None:
        self.token = "expired"

    def fail_next(self, status: int, body: dict | None = None, headers: dict | None = None) -> None:
        self.failures.append((status, body or {}, headers or {}))

    def crm_calls(self, method: str | None = None, path: str | None = None) -> list[Call]:
        return [c for c in self.calls if c.path.startswith("/crm/") and (method is None or c.method == method)
                and (path is None or c.path.endswith(path))]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/oauth/v2/token", self._token)
        app.router.add_route("*", "/crm/v8/{path:.*}", self._crm)
        return app

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post()) or dict(request.query)
        self.calls.append(Call("POST", request.path, {}, dict(request.headers), form))
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") != self.refresh_token:
            return web.json_response({"error": "invalid_code"})
        self.token = f"1000.access.{next(self._tokens)}"
        return web.json_response({"access_token": self.token, "api_domain": self.base, "token_type": "Bearer",
                                  "expires_in": 3600, "scope": "ZohoCRM.modules.ALL ZohoCRM.users.READ"})

    async def _crm(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        self.calls.append(Call(request.method, request.path, dict(request.query), dict(request.headers), body))
        served = len(self.crm_calls())
        if self.expire_token_after is not None and served > self.expire_token_after:
            self.expire_token_after, self.token = None, "expired"
        if request.headers.get("Authorization") != f"Zoho-oauthtoken {self.token}":
            return web.json_response({"code": "INVALID_TOKEN", "details": {}, "message": "invalid oauth token",
                                      "status": "error"}, status=401)
        served = len(self.crm_calls())
        if self.crash_after is not None and served > self.crash_after:
            return web.json_response({"code": "INTERNAL_ERROR", "status": "error"}, status=500)
        if self.failures:
            status, failure, headers = self.failures.pop(0)
            return web.json_response(failure, status=status, headers=headers)
        return self._route(request, request.match_info["path"].split("/"), body)

    def _route(self, request: web.Request, parts: list[str], body) -> web.Response:
        if parts == ["org"]:
            return web.json_response({"org": [{"id": "4876876000000", "company_name": "Zylker Sales",
                                               "currency": "USD", "country": "US"}]})
        if parts == ["users"]:
            return web.json_response({"users": self.users, "info": {"count": len(self.users),
                                                                   "more_records": False}})
        module = parts[0]
        if len(parts) == 2 and parts[1] == "deleted":
            return self._list(request, self.deleted.get(module, []), "deleted_time")
        if len(parts) == 2 and parts[1] == "search":
            return self._search(module, request.query.get("criteria", ""))
        if request.method == "GET":
            return self._list(request, list(self.records[module].values()), "Modified_Time")
        return self._write(module, request.method, body["data"])

    def _list(self, request: web.Request, rows: list[dict], stamp: str) -> web.Response:
        since = request.headers.get("If-Modified-Since")
        if since:
            rows = [r for r in rows if datetime.fromisoformat(r[stamp]) > datetime.fromisoformat(since)]
        rows.sort(key=lambda r: (r[stamp], r["id"]))
        page, per_page = int(request.query.get("page", 1)), int(request.query.get("per_page", 200))
        chunk = rows[(page - 1) * per_page: page * per_page]
        if not chunk:
            return web.Response(status=304) if since else web.json_response({"data": [], "info": {
                "page": page, "per_page": per_page, "count": 0, "more_records": False}})
        return web.json_response({"data": chunk, "info": {"page": page, "per_page": per_page, "count": len(chunk),
                                                          "more_records": page * per_page < len(rows)}})

    def _search(self, module: str, criteria: str) -> web.Response:
        field_name, _, value = criteria.strip("()").partition(":equals:")
        value = value.replace("\\(", "(").replace("\\)", ")").replace("\\,", ",")
        found = [r for r in self.records[module].values() if r.get(field_name) == value]
        return web.json_response({"data": found, "info": {"more_records": False}}) if found \
            else web.Response(status=204)

    def _write(self, module: str, method: str, records: list[dict]) -> web.Response:
        results = []
        for record in records:
            if method == "PUT":
                stored = self.change(module, record["id"], **{k: v for k, v in record.items() if k != "id"})
                message = "record updated"
            else:
                stored = self.add(module, **record)
                message = "record added"
            results.append({"code": "SUCCESS", "status": "success", "message": message,
                            "details": {"id": stored["id"], "Modified_Time": stored["Modified_Time"],
                                        "Created_Time": stored["Modified_Time"]}})
        if self.lose_next_write_answer:
            self.lose_next_write_answer = False
            return web.json_response({"code": "INTERNAL_ERROR", "status": "error"}, status=500)
        return web.json_response({"data": results}, status=201 if method == "POST" else 200)
