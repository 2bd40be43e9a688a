"""Hostile input never gets a 5xx, never fails inside, and the server keeps answering its health check."""
from __future__ import annotations

import time

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.requests_strategies import authorizations, sign, slack_bodies, slack_headers, teams_bodies
from tests.fuzz.server import BackgroundServer
from tests.teams.test_teams_auth import APP

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@pytest.fixture
def server(engine, store, processor):
    running = BackgroundServer(engine, store, processor, {"SALESBOT_TEAMS_NO_AUTH": "1"})
    yield running
    running.stop()


@pytest.fixture
def authenticated_server(engine, store, processor):
    running = BackgroundServer(engine, store, processor, APP)
    yield running
    running.stop()


def post(url: str, body: bytes, content_type: str, headers: dict) -> int:
    """One hostile request, as raw bytes with exactly these headers."""
    headers = headers | ({"Content-Type": content_type} if content_type else {})
    return requests.post(url, data=body, headers=headers, timeout=30).status_code


def still_healthy(server: BackgroundServer) -> None:
    assert requests.get(server.url + "/healthz", timeout=10).status_code == 200
    assert server.failures.messages() == []


@FUZZ
@given(request=slack_bodies(), signed=st.booleans(), data=st.data())
def test_slack_events_refuse_hostile_input_politely(server, request, signed, data):
    body, content_type = request
    status = post(server.url + "/slack/events", body, content_type, data.draw(slack_headers(body, signed)))
    assert status < 500
    if not signed:
        assert status == 401
    still_healthy(server)


@FUZZ
@given(data=st.data())
def test_teams_without_auth_refuses_hostile_input_politely(server, data):
    body, content_type = data.draw(teams_bodies(server.connector_url))
    assert post(server.url + "/api/messages", body, content_type, {}) < 500
    still_healthy(server)


@FUZZ
@given(data=st.data(), authorization=authorizations)
def test_teams_with_an_app_id_runs_nothing_without_a_valid_token(authenticated_server, data, authorization):
    server = authenticated_server
    body, content_type = data.draw(teams_bodies(server.connector_url))
    status = post(server.url + "/api/messages", body, content_type, {"Authorization": authorization})
    assert status in (400, 401, 413)
    assert server.connector.calls == []
    still_healthy(server)


@pytest.mark.parametrize("body, status", [
    (b"[" * 100_000 + b"]" * 100_000, 400),  # large enough to arrive in several chunks, still signed correctly
    (b'{"type": "event_callback", "event": {"type": "app_mention", "text": "' + b"x" * 400_000 + b'"}}', 200),
    (b"x" * 600_000, 413),
])
def test_a_large_signed_body_is_read_whole_before_it_is_judged(server, body, status):
    timestamp = str(int(time.time()))
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": sign(body, timestamp)}
    assert post(server.url + "/slack/events", body, "application/json", headers) == status
    still_healthy(server)
