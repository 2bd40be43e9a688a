"""`intel`: what reps hear in the field about the market and competitors, grouped for the weekly review."""
from __future__ import annotations

from dataclasses import replace

from handlers.analytics.args import read_arguments, workspace_today
from handlers.analytics.wording import describe_period
from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _, ngettext
from handlers.i18n.dates import shown_day
from handlers.reply import Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.accounts import find_account
from handlers.rhythm.text import clean_text

MAX_NOTE = 2000
MAX_NAME = 200


def add_intel(call: Call) -> Reply:
    """`intel "<note>" [competitor=<name>] [account=<name>]`."""
    call.reject_unknown_options(("competitor", "account"))
    note = clean_text(" ".join(t.text for t in call.args), MAX_NOTE, _("the note"), call.usage)
    if not note:
        raise UserError(wording.INTEL_NOTE_MISSING, call.usage)
    competitor = clean_text(call.option("competitor") or "", MAX_NAME, _("the competitor's name"),
                            call.usage) or None
    account = find_account(call, call.option("account")) if call.option("account") else None
    call.ws.rhythm.intel.add(call.me.id, note, competitor, account.id if account else None, call.now)
    about = _(" and ").join(name for name in (competitor, account.name if account else None) if name)
    return Reply(text=wording.INTEL_ADDED.format(about=wording.INTEL_ABOUT.format(what=about) if about else ""))


def list_intel(call: Call) -> Reply:
    """`intel list [team|all|@person] [competitor=<name>] [period]`: grouped by competitor, newest first."""
    competitor = call.option("competitor")
    reading = read_arguments(replace(call, options={k: v for k, v in call.options.items() if k != "competitor"}),
                             "30d", default_scope="team")
    scope, period = reading.scope, reading.period
    notes = call.ws.rhythm.intel.listing(set(scope.owner_ids) if scope.owner_ids is not None else None,
                                         period.start, period.end, competitor)
    when = describe_period(period, workspace_today(call))
    label = _("{scope} on {competitor}").format(scope=scope.label, competitor=competitor) if competitor \
        else scope.label
    if not notes:
        return Reply(text=wording.INTEL_LIST_EMPTY.format(scope=label, period=when))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((n.competitor or wording.INTEL_NO_COMPETITOR, shown_day(n.noted_at.astimezone(call.zone), "%d %b"),
                  names.get(n.person_id, "?"), _account_name(call, n.account_id), n.note) for n in notes)
    return Reply(text=wording.INTEL_LIST_TEXT.format(scope=label, period=when, count=len(notes),
                                                     notes=ngettext("note", "notes", len(notes))),
                 table=Table(wording.INTEL_HEADERS, rows))


def _account_name(call: Call, account_id: int | None) -> str:
    account = call.ws.accounts.get(account_id) if account_id else None
    return account.name if account else "—"
