"""What the Teams adapter itself says (everything else comes from the handlers' replies)."""
from __future__ import annotations

from adapters.teams.inbound import locale_of
from handlers.i18n import N_, _, using_locale
from handlers.i18n.tags import locale_id
from handlers.reply import Reply

WELCOME = N_("Hi, I'm salesbot. Type `help` to see what I can do — for example "
             '`deal add "Acme renewal" 12k stage=proposal`.')
WELCOME_CHANNEL = N_("salesbot is here. Mention me with a command, like `@salesbot pipeline team`.")
ALREADY_DONE = N_("That was already done — each button acts once.")
CARD_EXPIRED = N_("That card is out of date — run the command again.")
CHART_TOO_BIG = N_("The chart is too large to show in Teams; the numbers above are complete.")
STARTUP_OFF = "Teams endpoint off: MICROSOFT_APP_ID is not set (set SALESBOT_TEAMS_NO_AUTH=1 for local Emulator work)"
STARTUP_NO_AUTH = ("SALESBOT_TEAMS_NO_AUTH=1: /api/messages accepts requests WITHOUT authentication. "
                   "Use this only with the Bot Framework Emulator on your own machine.")
STARTUP_ON = "Teams endpoint on at /api/messages for app id %s (%s, %s, %s SDK)"
NO_AUTH_IGNORED = "SALESBOT_TEAMS_NO_AUTH is ignored because MICROSOFT_APP_ID is set"
FILE_NOT_LINKED = N_("{name} is ready, but Teams needs a download link: set SALESBOT_PUBLIC_URL to this server's "
                     "address.")


def words(message: str, activity: dict) -> str:
    """One of the adapter's own messages in the language Teams reports for the activity (English if none)."""
    with using_locale(locale_id(locale_of(activity))):
        return _(message)


def note(message: str, activity: dict) -> Reply:
    """The message as a reply of its own, carrying its locale (so the card's own words match it)."""
    locale = locale_id(locale_of(activity)) or "en"
    with using_locale(locale):
        return Reply(text=_(message), locale=locale)
