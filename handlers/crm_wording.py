"""What the everyday CRM commands say (delete, restore, reassign, undo, history, find, accounts, contacts)."""
from __future__ import annotations

from datetime import date, datetime

from handlers.i18n import L_, active_locale, ngettext, pgettext
from handlers.i18n.dates import format_day

SHOWING = L_("showing {first}–{last} of {total}")
NO_SUCH_PAGE = L_("there is no page {page} — {total} make {pages}")
NOT_PAGE = L_("{token} is not a page number — try page=2")
MORE = L_("More")

DELETED = L_("#{number} {name} is deleted. `deal restore #{number}` brings it back within {days} days.")
ALREADY_DELETED = L_("#{number} is already deleted — `deal restore #{number}` brings it back")
NOT_DELETED = L_("#{number} is not deleted — `deal list deleted` shows the deals that are")
TOO_OLD = L_("#{number} was deleted on {day}, more than {days} days ago — it can no longer be restored")
RESTORED = L_("#{number} {name} is restored.")
NO_DELETED_DEAL = L_("there is no deleted deal #{number} — `deal list deleted` shows them")
BIN_EMPTY = L_("No deleted deals for {scope}.")
BIN_HEAD = L_("Deleted deals for {scope} ({showing}); each can be restored for {days} days after it was deleted.")

OWNER_CLOSED = L_("#{number} is {status} — won and lost deals stay credited to whoever closed them")
OWNER_DENIED = L_("only a manager of both {old} and {new}, or an admin, can hand deals from one to the other")
SAME_OWNER = L_("{name} already owns #{number}")
REASSIGNED = L_("{count} {deals} moved from {old} to {new}{accounts}.")
NOTHING_TO_MOVE = L_("{old} has no open deals{accounts} to hand over — nothing changed")
SAME_PERSON = L_("{name} is both the one leaving and the one receiving — name two people")
HANDOVER_TITLE = L_("Deals handed to you")
HANDOVER = L_("{actor} handed you {count} {deals} from {old}:")
HANDOVER_ACCOUNTS = L_("and {count} {accounts}: {names}.")

NO_ACTIVITY = L_("there is no activity {token} — `activity list` shows the recent ones with their ids")
NOT_ACTIVITY_ID = L_("{token} is not an activity id — ids are numbers, as `activity list` shows them")
ACTIVITY_DENIED = L_("activity {id} was logged by {owner} — only they, their manager or an admin can change it")
ACTIVITY_EDITED = L_("Activity {id} now reads “{notes}”.")
ACTIVITY_DELETED = L_("Activity {id} ({kind} on {where}) is deleted.")
NO_ACTIVITIES = L_("No activities for {scope}{period}.")
ACTIVITIES_HEAD = L_("Activities for {scope}{period} ({showing}).")

NOTHING_TO_UNDO = L_("Nothing to undo: you have made no change in the last {minutes} minutes that undo can take back.")
UNDONE = L_("Undone: {what}.")
CHANGED_SINCE = L_("{what} can't be undone: {thing} has changed since — nothing was undone")

HISTORY_HEAD = L_("{count} {changes} to #{number} {name} ({showing}).")
NO_HISTORY = L_("No changes to #{number} {name} are on record yet — `deal show #{number}` has its stage history.")

FIND_EMPTY = L_("Nothing matches “{text}”.")
FIND_HEAD = L_("{total} {matches} for “{text}” ({showing}), best first.")
FIND_WHAT = L_("say what to look for, e.g. `find northwind`")

NO_ACCOUNT = L_("there is no account '{name}' — `account list all` shows them")
MANY_ACCOUNTS = L_("'{name}' matches several accounts: {names} — type more of the name")
ACCOUNT_TAKEN = L_("there is already an account called {name}")
ACCOUNT_DENIED = L_("{account} is looked after by {owner} — only they, their manager or an admin can change it")
ACCOUNT_OWNER_DENIED = L_("only {person}, their manager or an admin can make {person} an account's owner")
ACCOUNT_UPDATED = L_("{name} updated: {changes}.")
NO_ACCOUNTS = L_("No accounts for {scope}.")
ACCOUNTS_HEAD = L_("Accounts for {scope} ({showing}).")

NO_CONTACT = L_("there is no contact '{name}' — `contact list <account>` shows an account's contacts")
MANY_CONTACTS = L_("'{name}' matches several contacts: {names} — type more of the name")
CONTACT_ADDED = L_("Contact {name} added at {account}.")
CONTACT_UPDATED = L_("{name} updated: {changes}.")
NO_CONTACTS = L_("{account} has no contacts yet — `contact add \"<name>\" account=\"{account}\"` adds one.")
CONTACTS_HEAD = L_("Contacts at {account} ({showing}).")
CONTACT_ELSEWHERE = L_("{contact} works at {other}, not at {account} — pick a contact of the deal's account")
SAY_WHAT = L_("say what to change, e.g. {example}")


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 deal`, `2 deals`: in the catalog's plural forms for the nouns lists count, else English."""
    counted = _COUNTED.get(one)
    if counted is not None:
        return counted(count).format(count=count)
    return f"{count} {one if count == 1 else (many or one + 's')}"


def noun(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")


# The nouns lists and page errors count, each a plural pair the catalog translates (`{count} 个商机`).
_COUNTED = {
    "deal": lambda n: ngettext("{count} deal", "{count} deals", n),
    "open deal": lambda n: ngettext("{count} open deal", "{count} open deals", n),
    "deleted deal": lambda n: ngettext("{count} deleted deal", "{count} deleted deals", n),
    "account": lambda n: ngettext("{count} account", "{count} accounts", n),
    "contact": lambda n: ngettext("{count} contact", "{count} contacts", n),
    "activity": lambda n: ngettext("{count} activity", "{count} activities", n),
    "change": lambda n: ngettext("{count} change", "{count} changes", n),
    "match": lambda n: ngettext("{count} match", "{count} matches", n),
    "page": lambda n: ngettext("{count} page", "{count} pages", n),
    "row": lambda n: ngettext("{count} row", "{count} rows", n),
}


def short_day(day: date) -> str:
    """A day in a list of recent things: `Dec 02` in English (as always), the locale's own form elsewhere."""
    return f"{day:%b %d}" if active_locale().startswith("en") else format_day(day)


def week_day(day: date) -> str:
    """A due day: `Wed 02 Dec` in English (as always), the locale's own form elsewhere."""
    return f"{day:%a %d %b}" if active_locale().startswith("en") else format_day(day)


def day_time(moment: datetime) -> str:
    """`2026-12-02 15:00` in English (as always), the locale's day and the time elsewhere."""
    if active_locale().startswith("en"):
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{format_day(moment.date())} {moment:%H:%M}"


def kind_name(kind: str) -> str:
    """An activity kind as a reader says it (电话 for `call`); the typed word stays `call`."""
    named = _KIND_NAMES.get(kind)
    return named() if named else kind


_KIND_NAMES = {"call": lambda: pgettext("activity", "call"), "email": lambda: pgettext("activity", "email"),
               "meeting": lambda: pgettext("activity", "meeting"), "demo": lambda: pgettext("activity", "demo"),
               "visit": lambda: pgettext("activity", "visit"), "note": lambda: pgettext("activity", "note")}
