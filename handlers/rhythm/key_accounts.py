"""`account key <account> [every=30d] [owner=@person] | off`: marking a key account and its touch cadence."""
from __future__ import annotations

from handlers import crm_wording
from handlers.accounts import require_account_access
from handlers.call import Call
from handlers.errors import PermissionDenied, UserError
from handlers.i18n import _
from handlers.lookup import find_account, find_person
from handlers.parsing.tokens import quote
from handlers.parsing.values import parse_duration
from handlers.permissions import may_act_for
from handlers.records import Account
from handlers.reply import Reply
from handlers.rhythm import wording
from handlers.rhythm.account_care import day, key_facts
from handlers.rhythm.key_care import idle_days, is_lapsed, next_due

DEFAULT_EVERY = "30d"
DAY_MINUTES = 24 * 60


def mark_key(call: Call) -> Reply:
    """Mark (or re-pace) a key account; `off` unmarks it. Checked whole before anything is written."""
    call.reject_unknown_options(("every", "owner"))
    account = find_account(call, call.arg(0, _("the account's name")).text)
    word = call.args[1].text if len(call.args) > 1 else None
    if word is not None and word.casefold() != "off":
        raise UserError(wording.KEY_BAD_WORD.format(token=word[:40]), call.usage)
    call.reject_extra_args(2)
    require_account_access(call, account)
    if word is not None:
        return _unmark(call, account)
    days = parse_cadence(call.option("every") or DEFAULT_EVERY, call.usage)
    owner = _owner(call, account)
    account.owner_id = owner.id
    was_key = call.ws.rhythm.key_accounts.mark(account.id, days, call.me.id, call.now)
    call.ws.audit.record(call.me.id, "account.key", "account", account.id, call.now, every_days=days,
                         owner=owner.id)
    [state] = call.ws.rhythm.key_accounts.states(account_id=account.id)
    upcoming = (wording.KEY_NEXT_LAPSED.format(idle=idle_days(state, call.now), owner=owner.display_name)
                if is_lapsed(state, call.now) else wording.KEY_NEXT_DUE.format(due=day(call, next_due(state))))
    text = (wording.KEY_CHANGED if was_key else wording.KEY_MARKED).format(
        account=account.name, owner=owner.display_name, days=days, next=upcoming)
    return Reply(text=text, title=account.name, facts=tuple(key_facts(call, account)))


def parse_cadence(text: str, usage: str) -> int:
    """`30d`, `2w`, `6w`: a cadence in whole days, from one day to a year."""
    minutes = int(parse_duration(text).total_seconds()) // 60
    if minutes % DAY_MINUTES:
        raise UserError(wording.KEY_BAD_CADENCE.format(token=text.strip()[:40]), usage)
    return minutes // DAY_MINUTES


def _owner(call: Call, account: Account):
    """owner=@person, else whoever looks after the account, else the sender."""
    if "owner" not in call.options:
        return call.ws.people.get(account.owner_id) if account.owner_id else call.me
    owner = find_person(call, call.options["owner"])
    if owner.id != account.owner_id and not may_act_for(call, owner.id):
        raise PermissionDenied(crm_wording.ACCOUNT_OWNER_DENIED.format(person=owner.display_name))
    return owner


def _unmark(call: Call, account: Account) -> Reply:
    if call.options:
        raise UserError(wording.KEY_OFF_OPTIONS.format(token=next(iter(call.options)) + "="), call.usage)
    if not call.ws.rhythm.key_accounts.unmark(account.id):
        raise UserError(wording.KEY_NOT_KEY.format(account=account.name, quoted=quote(account.name)))
    call.ws.audit.record(call.me.id, "account.key", "account", account.id, call.now, every_days=None)
    return Reply(text=wording.KEY_UNMARKED.format(account=account.name))
