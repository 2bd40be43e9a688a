"""Authentication: off without an app id (404), explicit no-auth for the Emulator, 401 without a valid token."""
import base64
import json
import logging

import pytest

from adapters.teams import texts
from tests.teams.activities import personal_message
from tests.teams.support import deals
from tests.teams.token_keys import KeyEndpoint, trust

APP = {"MICROSOFT_APP_ID": "0b5f6a52-6a4e-4a8e-9c55-3c6f3d0e2a11", "MICROSOFT_APP_PASSWORD": "not-a-real-secret",
       "MICROSOFT_APP_TENANT_ID": "a0e78124-8cd4-4887-a704-1d4c829cf888"}


def unsigned_token(issuer: str) -> str:
    """A JWT shaped like the Bot Connector's, but unsigned and from the wrong issuer."""
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part({'iss': issuer, 'aud': APP['MICROSOFT_APP_ID']})}."


async def test_without_app_id_the_endpoint_is_off(serve, caplog):
    caplog.set_level(logging.INFO, logger="adapters.teams.web")
    teams = await serve({})
    status, _ = await teams.post(personal_message('deal add "Acme" 1k', teams.connector.url))
    assert status == 404
    assert [r.getMessage() for r in caplog.records] == [texts.STARTUP_OFF]
    assert deals(teams.store) == [] and teams.connector.calls == []


async def test_no_auth_mode_warns_at_start_up(serve, caplog):
    caplog.set_level(logging.INFO, logger="adapters.teams.web")
    await serve({"SALESBOT_TEAMS_NO_AUTH": "1"})
    [record] = caplog.records
    assert record.levelno == logging.WARNING and "WITHOUT authentication" in record.getMessage()


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic dXNlcjpwYXNz",
                                            "Bearer " + unsigned_token("https://attacker.example")])
async def test_with_app_id_a_request_without_a_valid_token_gets_401(serve, authorization):
    teams = await serve(APP)
    headers = {"Authorization": authorization} if authorization else None
    status, _ = await teams.post(personal_message('deal add "Acme" 1k', teams.connector.url), headers)
    assert status == 401
    assert deals(teams.store) == [] and teams.connector.calls == []


async def test_app_id_wins_over_no_auth(serve, caplog):
    caplog.set_level(logging.INFO, logger="adapters.teams.web")
    teams = await serve(APP | {"SALESBOT_TEAMS_NO_AUTH": "1"})
    status, _ = await teams.post(personal_message("help", teams.connector.url))
    assert status == 401
    assert texts.NO_AUTH_IGNORED in [r.getMessage() for r in caplog.records]


async def test_only_post_is_served(teams):
    async with teams.http.get(f"{teams.url}/api/messages") as response:
        assert response.status == 405


async def test_an_expired_token_signed_by_the_bot_framework_key_gets_401(serve, teams_sdk, monkeypatch):
    keys = KeyEndpoint()
    trust(keys, teams_sdk, monkeypatch)
    try:
        teams = await serve(APP)
        expired = keys.token(APP["MICROSOFT_APP_ID"], teams.connector.url, expires_in=-3600)
        status, _ = await teams.post(personal_message('deal add "Acme" 1k', teams.connector.url),
                                     {"Authorization": "Bearer " + expired})
    finally:
        keys.stop()
    assert status == 401
    assert keys.asked.is_set()  # refused for its age, after the signature check fetched the key
    assert deals(teams.store) == [] and teams.connector.calls == []


async def test_the_same_token_unexpired_passes_the_check(serve, teams_sdk, monkeypatch):
    """What makes the 401 above about expiry: the SDK accepts the very same token while it is current."""
    keys = KeyEndpoint()
    trust(keys, teams_sdk, monkeypatch)
    try:
        teams = await serve(APP)
        activity = personal_message("help", teams.connector.url)
        current = keys.token(APP["MICROSOFT_APP_ID"], teams.connector.url)
        identity = await teams.runtime.sdk.authenticate(teams.runtime.sdk.parse(activity), "Bearer " + current)
    finally:
        keys.stop()
    claims = getattr(identity, "claims_identity", identity)  # botbuilder wraps the identity in a result
    assert claims.get_claim_value("aud") == APP["MICROSOFT_APP_ID"]


async def test_a_token_for_another_bot_gets_401(serve, teams_sdk, monkeypatch):
    keys = KeyEndpoint()
    trust(keys, teams_sdk, monkeypatch)
    try:
        teams = await serve(APP)
        other = keys.token("11111111-2222-3333-4444-555555555555", teams.connector.url)
        status, _ = await teams.post(personal_message("help", teams.connector.url),
                                     {"Authorization": "Bearer " + other})
    finally:
        keys.stop()
    assert status == 401 and teams.connector.calls == []
