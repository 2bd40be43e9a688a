"""The token check never blocks the server: while Microsoft's key endpoint is slow, other requests are answered."""
from __future__ import annotations

import asyncio

import pytest

from tests.teams.activities import personal_message
from tests.teams.support import deals
from tests.teams.test_teams_auth import APP
from tests.teams.token_keys import KeyEndpoint, trust


@pytest.fixture
def slow_keys(teams_sdk, monkeypatch):
    """A key endpoint that answers only when released, and then with no keys at all."""
    endpoint = KeyEndpoint(hold=True, publish=False)
    trust(endpoint, teams_sdk, monkeypatch)
    yield endpoint
    endpoint.stop()


async def test_health_is_answered_while_a_token_waits_for_slow_keys(serve, slow_keys):
    teams = await serve(APP)
    token = slow_keys.token(APP["MICROSOFT_APP_ID"], teams.connector.url)
    forged = asyncio.ensure_future(teams.post(personal_message('deal add "Acme" 1k', teams.connector.url),
                                              {"Authorization": "Bearer " + token}))
    assert await asyncio.to_thread(slow_keys.asked.wait, 5), "the token check never asked for keys"
    async with teams.http.get(f"{teams.url}/healthz") as health:
        assert health.status == 200
    assert not forged.done()  # health was answered while the token was still being checked
    slow_keys.release.set()
    status, _ = await forged
    assert status == 401
    assert deals(teams.store) == [] and teams.connector.calls == []


async def test_after_a_failed_key_fetch_tokens_are_refused_at_once(serve, slow_keys):
    teams = await serve(APP)
    slow_keys.release.set()
    token = slow_keys.token(APP["MICROSOFT_APP_ID"], teams.connector.url)
    first, _ = await teams.post(personal_message("help", teams.connector.url), {"Authorization": "Bearer " + token})
    slow_keys.asked.clear()
    second, _ = await teams.post(personal_message("help", teams.connector.url), {"Authorization": "Bearer " + token})
    assert (first, second) == (401, 401)
    assert not slow_keys.asked.is_set()  # the dead endpoint was not asked again for every token
