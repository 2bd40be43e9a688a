"""The app manifest a user pastes into Slack matches what the code serves and asks for."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import yaml

from adapters.slack.config import BOT_SCOPES
from adapters.slack.interactions import COMMAND
from adapters.slack.web import EVENTS_PATH

MANIFEST = Path(__file__).resolve().parents[2] / "manifests" / "slack.yaml"
# Each event the bot listens to, and the scope Slack requires before it will send it.
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message.im": "im:history", "team_join": "users:read",
                "app_home_opened": None}


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text())


def test_every_request_url_points_at_the_one_events_endpoint():
    data = manifest()
    (command,) = data["features"]["slash_commands"]
    urls = [command["url"], data["settings"]["event_subscriptions"]["request_url"],
            data["settings"]["interactivity"]["request_url"]]
    assert command["command"] == COMMAND and command["should_escape"] is True
    assert {urlparse(url).path for url in urls} == {EVENTS_PATH}
    assert all(url.startswith("https://") for url in urls)
    assert data["settings"]["interactivity"]["is_enabled"] is True


def test_oauth_redirect_matches_the_served_path():
    (redirect,) = manifest()["oauth_config"]["redirect_urls"]
    assert urlparse(redirect).path == "/slack/oauth_redirect"


def test_scopes_are_exactly_what_the_install_asks_for():
    assert sorted(manifest()["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)


def test_subscribed_events_are_the_handled_ones_and_their_scopes_are_granted():
    data = manifest()
    events = data["settings"]["event_subscriptions"]["bot_events"]
    assert sorted(events) == sorted(EVENT_SCOPES)
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    assert {scope for scope in EVENT_SCOPES.values() if scope} <= scopes
    assert data["features"]["app_home"]["home_tab_enabled"] is True
