"""What the everyday CRM commands say (delete, restore, reassign, undo, history, find, accounts, contacts)."""
from __future__ import annotations

SHOWING = "showing {first}–{last} of {total}"
NO_SUCH_PAGE = "there is no page {page} — {total} make {pages}"
NOT_PAGE = "{token} is not a page number — try page=2"
MORE = "More"

DELETED = "#{number} {name} is deleted. `deal restore #{number}` brings it back within {days} days."
ALREADY_DELETED = "#{number} is already deleted — `deal restore #{number}` brings it back"
NOT_DELETED = "#{number} is not deleted — `deal list deleted` shows the deals that are"
TOO_OLD = "#{number} was deleted on {day}, more than {days} days ago — it can no longer be restored"
RESTORED = "#{number} {name} is restored."
NO_DELETED_DEAL = "there is no deleted deal #{number} — `deal list deleted` shows them"
BIN_EMPTY = "No deleted deals for {scope}."
BIN_HEAD = "Deleted deals for {scope} ({showing}); each can be restored for {days} days after it was deleted."

OWNER_CLOSED = ("#{number} is {status} — won and lost deals stay credited to whoever closed them")
OWNER_DENIED = "only a manager of both {old} and {new}, or an admin, can hand deals from one to the other"
SAME_OWNER = "{name} already owns #{number}"
REASSIGNED = "{count} {deals} moved from {old} to {new}{accounts}."
NOTHING_TO_MOVE = "{old} has no open deals{accounts} to hand over — nothing changed"
SAME_PERSON = "{name} is both the one leaving and the one receiving — name two people"
HANDOVER_TITLE = "Deals handed to you"
HANDOVER = "{actor} handed you {count} {deals} from {old}:"
HANDOVER_ACCOUNTS = "and {count} {accounts}: {names}."

NO_ACTIVITY = "there is no activity {token} — `activity list` shows the recent ones with their ids"
NOT_ACTIVITY_ID = "{token} is not an activity id — ids are numbers, as `activity list` shows them"
ACTIVITY_DENIED = "activity {id} was logged by {owner} — only they, their manager or an admin can change it"
ACTIVITY_EDITED = "Activity {id} now reads “{notes}”."
ACTIVITY_DELETED = "Activity {id} ({kind} on {where}) is deleted."
NO_ACTIVITIES = "No activities for {scope}{period}."
ACTIVITIES_HEAD = "Activities for {scope}{period} ({showing})."

NOTHING_TO_UNDO = "Nothing to undo: you have made no change in the last {minutes} minutes that undo can take back."
UNDONE = "Undone: {what}."
CHANGED_SINCE = "{what} can't be undone: {thing} has changed since — nothing was undone"

HISTORY_HEAD = "{count} {changes} to #{number} {name} ({showing})."
NO_HISTORY = "No changes to #{number} {name} are on record yet — `deal show #{number}` has its stage history."

FIND_EMPTY = "Nothing matches “{text}”."
FIND_HEAD = "{total} {matches} for “{text}” ({showing}), best first."
FIND_WHAT = "say what to look for, e.g. `find northwind`"

NO_ACCOUNT = "there is no account '{name}' — `account list all` shows them"
MANY_ACCOUNTS = "'{name}' matches several accounts: {names} — type more of the name"
ACCOUNT_TAKEN = "there is already an account called {name}"
ACCOUNT_DENIED = "{account} is looked after by {owner} — only they, their manager or an admin can change it"
ACCOUNT_OWNER_DENIED = "only {person}, their manager or an admin can make {person} an account's owner"
ACCOUNT_UPDATED = "{name} updated: {changes}."
NO_ACCOUNTS = "No accounts for {scope}."
ACCOUNTS_HEAD = "Accounts for {scope} ({showing})."

NO_CONTACT = "there is no contact '{name}' — `contact list <account>` shows an account's contacts"
MANY_CONTACTS = "'{name}' matches several contacts: {names} — type more of the name"
CONTACT_ADDED = "Contact {name} added at {account}."
CONTACT_UPDATED = "{name} updated: {changes}."
NO_CONTACTS = "{account} has no contacts yet — `contact add \"<name>\" account=\"{account}\"` adds one."
CONTACTS_HEAD = "Contacts at {account} ({showing})."
CONTACT_ELSEWHERE = "{contact} works at {other}, not at {account} — pick a contact of the deal's account"
SAY_WHAT = "say what to change, e.g. {example}"


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 deal`, `2 deals`."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def noun(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")
