"""Teams has no upload for bots in channels: an export becomes a signed link, served here, valid for an hour."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from aiohttp import web

from handlers.reply import Reply
from storage.io.file_store import keep_file, kept_file

ROUTE = "/api/files/{token}"
LIFETIME = timedelta(hours=1)


class FileLinks:
    """Keeps a reply's file and puts a signed, expiring download link on it."""

    def __init__(self, engine, base_url: str, secret: str | None) -> None:
        self.engine, self.base_url = engine, base_url.rstrip("/")
        # Without a configured secret the links hold only while this process runs (a restart voids them).
        self.secret = (secret or secrets.token_hex(32)).encode()

    def sign(self, token: str, expires: int) -> str:
        return hmac.new(self.secret, f"{token}.{expires}".encode(), hashlib.sha256).hexdigest()

    async def link(self, reply: Reply, workspace: tuple[str, str]) -> Reply:
        """The reply with its attachment's `url` set (unchanged when it has no attachment)."""
        file = reply.attachment
        if file is None or not self.base_url:
            return reply
        now = datetime.now(timezone.utc)
        token, expires = secrets.token_urlsafe(24), now + LIFETIME
        await asyncio.to_thread(keep_file, self.engine, token, workspace, file.filename, file.mime,
                                file.content, expires, now)
        stamp = int(expires.timestamp())
        url = f"{self.base_url}/api/files/{token}?exp={stamp}&sig={self.sign(token, stamp)}"
        return replace(reply, attachment=replace(file, url=url))

    async def serve(self, request: web.Request) -> web.Response:
        """The file, for a link whose signature holds and whose hour has not run out; 403/404 otherwise."""
        token, stamp, sig = request.match_info["token"], request.query.get("exp", ""), request.query.get("sig", "")
        if not stamp.isdigit() or not hmac.compare_digest(self.sign(token, int(stamp)), sig):
            return web.Response(status=403, text="this link is not valid")
        now = datetime.now(timezone.utc)
        if int(stamp) <= now.timestamp():
            return web.Response(status=403, text="this link has expired; run the export again")
        row = await asyncio.to_thread(kept_file, self.engine, token, now)
        if row is None:
            return web.Response(status=404, text="this file is gone; run the export again")
        return web.Response(body=row.content, content_type=row.mime.split(";")[0], headers={
            "Content-Disposition": f'attachment; filename="{row.filename}"', "Cache-Control": "no-store"})
