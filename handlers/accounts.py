"""`account list`, `account show` and `account update`: the customers, who looks after them, what is going on."""
from __future__ import annotations

from dataclasses import replace

from handlers.i18n import _, pgettext
from handlers.i18n.dates import format_day
from handlers import crm_wording as say
from handlers.call import Call
from handlers.deal_card import deal_money
from handlers.deal_inputs import parse_name
from handlers.errors import PermissionDenied, UserError
from handlers.lookup import find_account, find_person
from handlers.paging import more_actions, page_of
from handlers.parsing.tokens import quote
from handlers.permissions import DEALS, may_act_for, may_read, require_read
from handlers.records import Account, DealFilter
from handlers.reply import Action, Fact, Reply, Table
from handlers.rhythm.account_care import csat_trend_fact, key_facts, list_key_accounts
from handlers.scope import resolve_scope

UPDATE_OPTIONS = ("name", "industry", "owner")
MAX_INDUSTRY = 100
SHOWN = 10


def list_accounts(call: Call) -> Reply:
    """`account list [key] [mine|team|@person|all] [page=<n>]`: accounts looked after by, or with deals of, the
    scope; `key`: only the key accounts, with their cadence."""
    if call.args and call.args[0].text.casefold() == "key":
        return list_key_accounts(replace(call, args=call.args[1:]))
    call.reject_unknown_options(("page",))
    scope = resolve_scope(call, call.args[0] if call.args else None)
    call.reject_extra_args(1)
    require_read(call, scope.owner_ids, DEALS)
    page = page_of(call)
    total = call.ws.accounts.count(scope.owner_ids)
    page.check(total, "account")
    rows = call.ws.accounts.listing(scope.owner_ids, page.size, page.offset)
    if not rows:
        return Reply(text=say.NO_ACCOUNTS.format(scope=scope.label))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    table = Table((_("Account"), _("Industry"), _("Owner"), _("Open"), _("Won"), _("Last activity")),
                  tuple((r.name, r.industry or "—", names.get(r.owner_id, "—"), str(r.open_deals), str(r.won_deals),
                         format_day(r.last_activity_at.astimezone(call.zone).date()) if r.last_activity_at else "—")
                        for r in rows), "lllrrl")
    head = say.ACCOUNTS_HEAD.format(scope=scope.label, showing=page.showing(len(rows), total))
    return Reply(text=head, table=table, actions=more_actions(call, page, len(rows), total))


def show_account(call: Call) -> Reply:
    """`account show <name>`: open and closed deals, contacts, the last activities, the CSAT trend, open tasks
    and, for a key account, its cadence and next follow-up."""
    call.reject_unknown_options(())
    account = find_account(call, call.arg(0, _("the account's name")).text)
    call.reject_extra_args(1)
    deals = [d for d in call.ws.deals.matching(DealFilter(open_only=False, account_id=account.id), limit=2 * SHOWN)
             if may_read(call, {d.owner_id}, DEALS)]  # visibility: the deals this reader may see
    rows = tuple((f"#{d.number}", d.name, deal_money(d), d.stage) for d in deals if d.status == "open")
    rows += tuple((f"#{d.number}", d.name, deal_money(d), d.stage) for d in deals if d.status != "open")
    facts = [*_account_facts(call, account), *key_facts(call, account), *_contacts_fact(call, account),
             *_activity_facts(call, account), csat_trend_fact(call, account), *_tasks_fact(call, account)]
    named = quote(account.name)
    actions = (Action(pgettext("button", "Deals"), f"deal list all account={named}"),
               Action(_("Contacts"), f"contact list {named}"),
               Action(_("Add contact"), f"contact add account={named}"))
    text = _("{deals} with {account}.").format(deals=say.plural(len(rows), "deal"), account=account.name)
    return Reply(text=text, title=account.name,
                 facts=tuple(facts), table=Table(("#", _("Deal"), _("Amount"), _("Stage")), rows[:SHOWN * 2], "llrl")
                 if rows else None, actions=actions)


def _account_facts(call: Call, account: Account) -> list[Fact]:
    owner = call.ws.people.get(account.owner_id) if account.owner_id else None
    return [Fact(_("Industry"), account.industry or "—"), Fact(_("Owner"), owner.display_name if owner else "—")]


def _tasks_fact(call: Call, account: Account) -> list[Fact]:
    tasks = call.ws.tasks.open_for_account(account.id, limit=SHOWN)
    listed = "; ".join(_("{task} (due {day})").format(task=t.title, day=say.week_day(t.due_at.astimezone(call.zone)))
                       for t in tasks)
    return [Fact(_("Open tasks"), listed or _("none"))]


def _contacts_fact(call: Call, account: Account) -> list[Fact]:
    contacts = call.ws.contacts.of_account(account.id, limit=SHOWN)
    listed = "; ".join(c.name + (f" ({c.title})" if c.title else "") for c in contacts)
    return [Fact(_("Contacts"), listed or _("none yet"))]


def _activity_facts(call: Call, account: Account) -> list[Fact]:
    recent = call.ws.activities.for_account(account.id, limit=5)
    return [Fact(_("Last activities"), "; ".join(
        f"{say.short_day(a.occurred_at.astimezone(call.zone))} {say.kind_name(a.kind)}" + (
            f": {a.notes[:60]}" if a.notes else "")
        for a in recent) or _("none yet"))]


def update_account(call: Call) -> Reply:
    """`account update <name> [name=] [industry=] [owner=@person]`."""
    call.reject_unknown_options(UPDATE_OPTIONS)
    account = find_account(call, call.arg(0, _("the account's name")).text)
    call.reject_extra_args(1)
    if not call.options:
        raise UserError(say.SAY_WHAT.format(example=_("industry=Retail or owner=@ana")), call.usage)
    require_account_access(call, account)
    name, industry, owner = _read_update(call, account)
    changes = {}
    if name is not None and name != account.name:
        call.ws.accounts.rename(account, name)
        changes["name"] = name
    if industry is not None:
        account.industry, changes["industry"] = industry or None, industry or "—"
    if owner is not None:
        account.owner_id, changes["owner"] = owner.id, owner.display_name
    call.ws.audit.record(call.me.id, "account.update", "account", account.id, call.now, **changes)
    listed = ", ".join(f"{pgettext('option', key)} → {value}" for key, value in changes.items()) or _("nothing new")
    return Reply(text=say.ACCOUNT_UPDATED.format(name=account.name, changes=listed), title=account.name,
                 facts=tuple(_account_facts(call, account)))


def _read_update(call: Call, account: Account):
    """Every option checked before anything is written."""
    name = parse_name(call.option("name"), "account name") if "name" in call.options else None
    if name is not None:
        other = call.ws.accounts.by_name(name)
        if other is not None and other.id != account.id:
            raise UserError(say.ACCOUNT_TAKEN.format(name=other.name), call.usage)
    industry = " ".join((call.option("industry") or "").split()) if "industry" in call.options else None
    if industry is not None and len(industry) > MAX_INDUSTRY:
        raise UserError(_("the industry is longer than {limit} characters").format(limit=MAX_INDUSTRY), call.usage)
    owner = find_person(call, call.options["owner"]) if "owner" in call.options else None
    if owner is not None and not may_act_for(call, owner.id):
        raise PermissionDenied(say.ACCOUNT_OWNER_DENIED.format(person=owner.display_name))
    return name, industry, owner


def require_account_access(call: Call, account: Account) -> None:
    """An account someone looks after is changed by them, their manager or an admin; others by anyone."""
    if account.owner_id and not may_act_for(call, account.owner_id):
        owner = call.ws.people.get(account.owner_id)
        raise PermissionDenied(say.ACCOUNT_DENIED.format(account=account.name, owner=owner.display_name))
