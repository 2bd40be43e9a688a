"""`deal add`: open a deal from a command line or from the deal form."""
from __future__ import annotations

from handlers.announce import announce_deal, announce_win, is_big
from handlers import crm_wording as say
from handlers.call import Call
from handlers.i18n import _
from handlers.deal_card import deal_reply
from handlers.deal_inputs import DealDraft, parse_fields, parse_name
from handlers.errors import UserError
from handlers.parsing.money import format_money
from handlers.parsing.values import parse_amount, parse_amount_tokens
from handlers.records import Deal
from handlers.reply import Form, FormField, Reply

ADD_OPTIONS = ("stage", "close", "account", "partner", "contact")
FORM_ID = "deal_add"


def add_deal(call: Call) -> Reply:
    """`deal add "<name>" <amount> [stage=] [close=] [account=] [partner=]`; no arguments opens the form."""
    if not call.args and not call.options:
        return deal_form(call)
    call.reject_unknown_options(ADD_OPTIONS + ("force",))
    first = call.arg(0, _("the deal's name"))
    if len(call.args) == 1 and not first.quoted and looks_like_amount(first.text, call.workspace.currency):
        raise UserError(_('the name is missing — put it first, in quotes, like deal add "Acme renewal" 12k'),
                        call.usage)
    name = parse_name(first.text)
    if len(call.args) < 2:
        raise UserError(_("the amount is missing — try 12000, 12k or 1.5m"), call.usage)
    money, used = parse_amount_tokens([t.text for t in call.args[1:]], call.workspace.currency)
    call.reject_extra_args(1 + used)
    values, errors = parse_fields(call, {key: call.option(key) for key in ADD_OPTIONS})
    if errors:
        raise UserError(next(iter(errors.values())), call.usage)
    refuse_past_close(call, values.get("close"), call.option("close"), forced=call.option("force") == "yes")
    return create_deal(call, _draft(call, name, money, values))


def refuse_past_close(call: Call, close, typed: str | None, forced: bool = False) -> None:
    """A new deal closing in the past is almost always a typo (2020 for 2026); `force=yes` keeps it."""
    if close is not None and close < call.today and not forced:
        raise UserError(_("'{typed}' is in the past — a new deal's close date is today or later "
                          "(add force=yes to keep it)").format(typed=typed), call.usage)


def looks_like_amount(text: str, currency: str) -> bool:
    try:
        parse_amount(text, currency)
    except UserError:
        return False
    return True


def _draft(call: Call, name: str, money, values: dict) -> DealDraft:
    stage = values.get("stage") or next(s for s in call.ws.stages.all() if s.outcome == "open")
    contact = values.get("contact")
    if contact is not None:
        account = call.ws.accounts.get(contact.account_id)
        if values.get("account") and call.ws.accounts.by_name(values["account"]) is not account:
            raise UserError(say.CONTACT_ELSEWHERE.format(contact=contact.name, account=values["account"],
                                                         other=account.name), call.usage)
        values = {**values, "account": account.name}
    return DealDraft(name=name, money=money, stage=stage, close=values.get("close"),
                     account=values.get("account"), partner=values.get("partner"), contact=contact)


def create_deal(call: Call, draft: DealDraft) -> Reply:
    """Write the deal (creating its account and partner on first use) and answer with its card."""
    account = call.ws.accounts.ensure(draft.account) if draft.account else None
    partner = call.ws.partners.ensure(draft.partner) if draft.partner else None
    contact = draft.contact
    deal = call.ws.deals.add(
        name=draft.name, owner_id=call.me.id, amount_minor=draft.money.minor, currency=draft.money.currency,
        stage=draft.stage.name, status=draft.stage.outcome, expected_close=draft.close,
        account_id=account.id if account else None, partner_id=partner.id if partner else None,
        contact_id=contact.id if contact else None, actor_id=call.me.id, now=call.now, audited=True,
        shows=tuple(row.name if row else None for row in (account, partner, contact)), kept=False)
    reply = deal_reply(call, deal, _("Deal #{number} added: {name}, {amount}, {stage}.").format(
        number=deal.number, name=deal.name, amount=format_money(draft.money), stage=deal.stage))
    return reply.with_announcements(*_announcements(call, deal))


def _announcements(call: Call, deal: Deal):
    owner = call.me.display_name
    if deal.status == "won":
        return announce_win(call, deal)
    if is_big(call, deal):
        return announce_deal(call, deal, lambda: _("💰 Big deal: {owner} opened {deal}.").format(owner=owner,
                                                                                                 deal=deal.name))
    return ()


def deal_form(call: Call, values: dict[str, str] | None = None, errors: dict[str, str] | None = None) -> Reply:
    """The empty (or re-filled, with errors) new-deal form."""
    values, errors = values or {}, errors or {}
    stages = tuple(s.name for s in call.ws.stages.all() if s.outcome == "open")

    def field(name, label, kind="text", required=False, choices=(), placeholder=""):
        return FormField(name, label, kind, required, choices, values.get(name, ""), placeholder, errors.get(name))

    form = Form(FORM_ID, _("New deal"), _("Add deal"), (
        field("name", _("Deal name"), required=True, placeholder=_("Acme renewal")),
        field("amount", _("Amount"), "amount", True,
              placeholder=_("12k or 12000 {currency}").format(currency=call.workspace.currency)),
        field("stage", _("Stage"), "choice", choices=stages),
        field("close", _("Expected close"), "date", placeholder=_("2026-12-15, +30d or fri")),
        field("account", _("Account"), placeholder=_("Acme Corp")),
        field("partner", _("Partner"), placeholder=_("optional reseller or distributor"))))
    text = _("Please fix the fields marked below.") if errors else _("Fill in the deal and press Add deal.")
    return Reply(text=text, title=_("New deal"), form=form, is_error=bool(errors))


def submit_deal_form(call: Call, raw: dict[str, str]) -> Reply:
    """Validate every field of a submitted form; all errors come back at once, or the deal is created."""
    raw = {key: (raw.get(key) or "").strip() for key in ("name", "amount", "stage", "close", "account", "partner")}
    values, errors = parse_fields(call, raw)
    for key in ("name", "amount"):
        if not raw[key]:
            errors[key] = _("required")
    if values.get("close") is not None and values["close"] < call.today:
        errors["close"] = _("'{typed}' is in the past — a new deal's close date is today or later").format(
            typed=raw["close"])
    if errors:
        return deal_form(call, raw, errors)
    return create_deal(call, _draft(call, values["name"], values["amount"], values))
