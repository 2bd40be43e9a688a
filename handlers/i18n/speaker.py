"""Who speaks what: a person's choice, else their platform's language, else the workspace's, else English."""
from __future__ import annotations

from dataclasses import replace

from handlers.i18n.active import DEFAULT_LOCALE, active_locale
from handlers.i18n.tags import first_known
from handlers.records import Person, Workspace
from handlers.reply import Reply


def speaking_locale(workspace: Workspace, person: Person | None) -> str:
    """The locale of replies and DMs to `person` (None: a post to a channel, in the workspace's locale)."""
    if person is None:
        return channel_locale(workspace)
    return first_known(getattr(person, "locale", None), getattr(person, "platform_locale", None),
                       getattr(workspace, "locale", None)) or DEFAULT_LOCALE


def channel_locale(workspace: Workspace) -> str:
    """Posts to a channel are read by the whole team: the workspace's locale."""
    return first_known(getattr(workspace, "locale", None)) or DEFAULT_LOCALE


def spoken(reply: Reply) -> Reply:
    """The reply stamped with the locale it was written in, so adapters render their own words alike."""
    locale = active_locale()
    return reply if reply.locale == locale else replace(reply, locale=locale)
