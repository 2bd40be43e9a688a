"""Each chat platform built once per process: one Messenger, shared by its web endpoint and the scheduler."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable

from handlers.messaging import Messenger
from handlers.processor import CommandProcessor
from storage.store import Store

if TYPE_CHECKING:
    from aiohttp import web

    from bot.settings import Settings

Mount = Callable[["web.Application"], None]


@dataclass(frozen=True)
class Parts:
    """What every platform is built from: the settings it reads, the store and the command processor."""

    settings: "Settings"
    store: Store
    processor: CommandProcessor


@dataclass(frozen=True)
class Platform:
    """A platform as this process runs it: the Messenger it posts through, and how it joins the web server."""

    messenger: Messenger | None = None
    mount: Mount | None = None


def console_platform(parts: Parts) -> Platform:
    from adapters.console.messenger import ConsoleMessenger

    return Platform(ConsoleMessenger())


def slack_platform(parts: Parts) -> Platform | None:
    """None when no Slack variable is set; a bad Slack configuration raises SettingsError here, at start-up."""
    from adapters.slack.config import load_slack_config, slack_configured

    if not slack_configured(parts.settings):
        return None
    config = load_slack_config(parts.settings)
    from adapters.slack.app import build_messenger  # slack_sdk loads only where Slack is configured

    messenger = build_messenger(config, parts.store.engine)

    def mount(web_app: "web.Application") -> None:
        from adapters.slack.web import mount_slack

        mount_slack(web_app, config, parts.processor, parts.store, messenger)
    return Platform(messenger, mount)


def teams_platform(parts: Parts) -> Platform:
    """Off without an app id (unless no-auth was asked for); its runtime is built once either way it is on."""
    from adapters.teams.config import TeamsConfig

    config = TeamsConfig.from_settings(parts.settings)
    if not config.enabled:
        return Platform(mount=_teams_off)
    from adapters.teams.web import build_runtime, mount_teams  # the Teams SDK loads only where Teams is on

    runtime = build_runtime(config, parts.processor, parts.store)
    return Platform(runtime.messenger, partial(mount_teams, runtime=runtime))


def _teams_off(web_app: "web.Application") -> None:
    from adapters.teams.web import report_off

    report_off(web_app)


# A new platform adds one line; each builder returns None (or a Platform without a Messenger) when it is off.
PLATFORMS: dict[str, Callable[[Parts], Platform | None]] = {
    "console": console_platform,
    "slack": slack_platform,
    "teams": teams_platform,
}


def build_platforms(parts: Parts) -> dict[str, Platform]:
    """Every platform of this configuration, each built exactly once, keyed by platform name."""
    built = {name: builder(parts) for name, builder in PLATFORMS.items()}
    return {name: platform for name, platform in built.items() if platform is not None}
