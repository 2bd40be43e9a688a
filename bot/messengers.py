"""Messengers by platform: how the scheduler posts on each chat platform. One line per platform."""
from __future__ import annotations

import importlib
from typing import Callable

from bot.bootstrap import App
from handlers.messaging import Messenger

MessengerFactory = Callable[[App], Messenger | None]


def lazy(module: str, name: str) -> MessengerFactory:
    """A factory imported only when used, so platform SDKs load only where configured."""
    def build(app: App) -> Messenger | None:
        return getattr(importlib.import_module(module), name)(app)
    return build


# Each factory returns None when its platform is not configured; a new platform adds one line.
MESSENGERS: dict[str, MessengerFactory] = {
    "console": lazy("adapters.console.messenger", "messenger_for"),
    "slack": lazy("adapters.slack.app", "slack_messenger"),
    "teams": lazy("adapters.teams.web", "teams_messenger"),
}


def build_messengers(app: App, overrides: dict[str, Messenger] | None = None) -> dict[str, Messenger]:
    """Every configured platform's Messenger, keyed by platform name; `overrides` replace or add some."""
    built = {}
    for platform, factory in MESSENGERS.items():
        messenger = factory(app)
        if messenger is not None:
            built[platform] = messenger
    built.update(overrides or {})
    return built
