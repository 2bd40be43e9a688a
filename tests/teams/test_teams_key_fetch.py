"""The token check never blocks the server: while Microsoft's key endpoint is slow, other requests are answered."""
from __future__ import annotations

import asyncio
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from botframework.connector.auth import AuthenticationConstants
from botframework.connector.auth import jwt_token_extractor
from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor

from tests.teams.activities import personal_message
from tests.teams.support import deals
from tests.teams.test_teams_auth import APP

CHANNEL_KEYS = AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL


class SlowKeyEndpoint:
    """Microsoft's OpenID metadata and key set on loopback, in its own thread, answering only when released."""

    def __init__(self) -> None:
        self.asked, self.release = threading.Event(), threading.Event()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                endpoint.asked.set()
                endpoint.release.wait(10)
                body = {"jwks_uri": endpoint.url + "/keys"} if self.path == "/openid" else {"keys": []}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()


@pytest.fixture
def slow_keys():
    endpoint = SlowKeyEndpoint()
    before = JwtTokenExtractor.metadataCache.get(CHANNEL_KEYS)
    yield endpoint
    endpoint.stop()
    JwtTokenExtractor.metadataCache.pop(CHANNEL_KEYS, None)
    if before is not None:
        JwtTokenExtractor.metadataCache[CHANNEL_KEYS] = before


def forged_token() -> str:
    """Shaped like the Bot Connector's RS256 token, so checking it needs the signing keys."""
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    claims = {"iss": "https://api.botframework.com", "aud": APP["MICROSOFT_APP_ID"], "exp": 4102444800}
    return f"{part({'alg': 'RS256', 'kid': 'forged-key', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


async def test_health_is_answered_while_a_token_waits_for_slow_keys(serve, slow_keys):
    teams = await serve(APP)
    # The key cache entry botbuilder would make for the Bot Connector, fetching from loopback instead.
    JwtTokenExtractor.metadataCache[CHANNEL_KEYS] = jwt_token_extractor._OpenIdMetadata(slow_keys.url + "/openid")
    forged = asyncio.ensure_future(teams.post(personal_message('deal add "Acme" 1k', teams.connector.url),
                                              {"Authorization": "Bearer " + forged_token()}))
    assert await asyncio.to_thread(slow_keys.asked.wait, 5), "the token check never asked for keys"
    async with teams.http.get(f"{teams.url}/healthz") as health:
        assert health.status == 200
    assert not forged.done()  # health was answered while the token was still being checked
    slow_keys.release.set()
    status, _ = await forged
    assert status == 401
    assert deals(teams.store) == [] and teams.connector.calls == []
