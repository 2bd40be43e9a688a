"""Bot Framework signing keys on loopback: a key endpoint the bot's SDK is pointed at, and tokens signed for it."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

ISSUER = "https://api.botframework.com"
KID = "loopback-key"


class KeyEndpoint:
    """Microsoft's OpenID metadata and key set on 127.0.0.1 in its own thread; `hold` answers only when released."""

    def __init__(self, hold: bool = False, publish: bool = True) -> None:
        self.asked, self.release = threading.Event(), threading.Event()
        if not hold:
            self.release.set()
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        self.keys = [public | {"kid": KID, "use": "sig", "endorsements": ["msteams"]}] if publish else []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                endpoint.asked.set()
                endpoint.release.wait(10)
                body = {"jwks_uri": endpoint.url + "/keys"} if self.path == "/openid" else {"keys": endpoint.keys}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass
        return Handler

    def token(self, audience: str, service_url: str, expires_in: float = 3600) -> str:
        """A token shaped and signed as the Bot Connector's, by this endpoint's key."""
        now = time.time()
        claims = {"iss": ISSUER, "aud": audience, "serviceurl": service_url, "nbf": now - 60,
                  "exp": now + expires_in}
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": KID})

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()


def trust(endpoint: KeyEndpoint, sdk: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the SDK's Bot Framework key lookup at `endpoint` (both SDKs otherwise ask Microsoft)."""
    if sdk == "agents":
        from microsoft_agents.hosting.core import JwtTokenValidator
        from microsoft_agents.hosting.core.authorization import _entra_issuers

        from adapters.teams.agents_sdk.keys import AsyncKeyManager

        monkeypatch.setitem(_entra_issuers.BOTFRAMEWORK_JWKS_URIS, ISSUER, endpoint.url + "/keys")
        monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", AsyncKeyManager())
        return
    from botframework.connector.auth import AuthenticationConstants
    from botframework.connector.auth.jwt_token_extractor import JwtTokenExtractor

    from adapters.teams.botbuilder_sdk.keys import AsyncOpenIdMetadata

    url = AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
    monkeypatch.setitem(JwtTokenExtractor.metadataCache, url, AsyncOpenIdMetadata(endpoint.url + "/openid"))
