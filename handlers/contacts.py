"""`contact add|list|show|update`: the people at customer accounts (a deal may name its main contact)."""
from __future__ import annotations

from handlers.i18n import _, pgettext
from handlers import crm_wording as say
from handlers.accounts import require_account_access
from handlers.call import Call
from handlers.deal_inputs import parse_name
from handlers.errors import UserError
from handlers.lookup import find_account, find_contact
from handlers.paging import more_actions, page_of
from handlers.parsing.contact_values import parse_email, parse_phone
from handlers.parsing.tokens import quote
from handlers.records import Contact
from handlers.reply import Action, Fact, Form, FormField, Reply, Table

FIELDS = ("title", "email", "phone")
ADD_OPTIONS = ("account",) + FIELDS
UPDATE_OPTIONS = ("name", "account") + FIELDS
FORM_ID = "contact_add"
MAX_TITLE = 200
_PARSERS = {"email": parse_email, "phone": parse_phone,
            "title": lambda text: parse_name(text, "title")[:MAX_TITLE]}


def add_contact(call: Call) -> Reply:
    """`contact add "<name>" account=<name> [title=] [email=] [phone=]`; without a name, the form."""
    call.reject_unknown_options(ADD_OPTIONS)
    if not call.args:
        return contact_form(call, {"account": call.option("account") or ""})
    name = parse_name(call.arg(0, _("the contact's name")).text, "contact's name")
    call.reject_extra_args(1)
    if not call.option("account"):
        raise UserError(_("the account is missing — add account=\"<name>\""), call.usage)
    values = _fields(call, {key: call.option(key) for key in FIELDS if key in call.options})
    return create_contact(call, name, parse_name(call.option("account"), "account name"), values)


def create_contact(call: Call, name: str, account_name: str, values: dict) -> Reply:
    existing = call.ws.accounts.by_name(account_name)
    if existing is not None:  # a new account is the sender's to start; an existing one its owner's team's
        require_account_access(call, existing)
    account = existing or call.ws.accounts.ensure(account_name)
    contact = call.ws.contacts.add(name=name, account_id=account.id, created_by=call.me.id, now=call.now,
                                   **{key: values.get(key) for key in FIELDS})
    call.ws.audit.record(call.me.id, "contact.add", "contact", contact.id, call.now, account=account.name)
    return contact_reply(call, contact, say.CONTACT_ADDED.format(name=contact.name, account=account.name))


def _fields(call: Call, raw: dict[str, str | None]) -> dict[str, str | None]:
    """Each typed field checked; an empty one clears it."""
    values = {}
    for key, text in raw.items():
        try:
            values[key] = _PARSERS[key](text) if text and text.strip() else None
        except UserError as error:
            raise UserError(error.message, call.usage) from None
    return values


def list_contacts(call: Call) -> Reply:
    """`contact list <account> [page=<n>]`."""
    call.reject_unknown_options(("page",))
    account = find_account(call, call.arg(0, _("the account's name")).text)
    call.reject_extra_args(1)
    page = page_of(call)
    total = call.ws.contacts.count_of_account(account.id)
    page.check(total, "contact")
    contacts = call.ws.contacts.of_account(account.id, page.size, page.offset)
    if not contacts:
        return Reply(text=say.NO_CONTACTS.format(account=account.name),
                     actions=(Action(_("Add contact"), f"contact add account={quote(account.name)}"),))
    rows = tuple((c.name, c.title or "—", c.email or "—", c.phone or "—") for c in contacts)
    head = say.CONTACTS_HEAD.format(account=account.name, showing=page.showing(len(contacts), total))
    return Reply(text=head, table=Table((_("Name"), _("Title"), _("Email"), _("Phone")), rows),
                 actions=more_actions(call, page, len(contacts), total))


def show_contact(call: Call) -> Reply:
    call.reject_unknown_options(())
    contact = find_contact(call, call.arg(0, _("the contact's name")).text)
    call.reject_extra_args(1)
    return contact_reply(call, contact, _("{name} at {account}.").format(
        name=contact.name, account=call.ws.accounts.get(contact.account_id).name))


def contact_reply(call: Call, contact: Contact, headline: str) -> Reply:
    account = call.ws.accounts.get(contact.account_id)
    facts = (Fact(_("Account"), account.name), Fact(_("Title"), contact.title or "—"),
             Fact(_("Email"), contact.email or "—"), Fact(_("Phone"), contact.phone or "—"))
    return Reply(text=headline, title=contact.name, facts=facts,
                 actions=(Action(_("Account"), f"account show {quote(account.name)}"),))


def update_contact(call: Call) -> Reply:
    """`contact update <name> [name=] [account=] [title=] [email=] [phone=]`."""
    call.reject_unknown_options(UPDATE_OPTIONS)
    contact = find_contact(call, call.arg(0, _("the contact's name")).text)
    call.reject_extra_args(1)
    if not call.options:
        raise UserError(say.SAY_WHAT.format(example=_("title=CFO or email=dana@example.com")), call.usage)
    require_account_access(call, call.ws.accounts.get(contact.account_id))
    name = parse_name(call.option("name"), "contact's name") if "name" in call.options else None
    account = find_account(call, call.option("account")) if "account" in call.options else None
    values = _fields(call, {key: call.option(key) for key in FIELDS if key in call.options})
    changes = _apply(call, contact, name, account, values)
    call.ws.audit.record(call.me.id, "contact.update", "contact", contact.id, call.now, **changes)
    listed = ", ".join(f"{pgettext('option', key)} → {value or '—'}" for key, value in changes.items())
    return contact_reply(call, contact, say.CONTACT_UPDATED.format(name=contact.name, changes=listed))


def _apply(call: Call, contact: Contact, name, account, values: dict) -> dict:
    changes = {}
    if name is not None:
        call.ws.contacts.rename(contact, name)
        changes["name"] = name
    if account is not None:
        contact.account_id, changes["account"] = account.id, account.name
    for key, value in values.items():
        setattr(contact, key, value)
        changes[key] = value
    return changes


def contact_form(call: Call, values: dict[str, str] | None = None, errors: dict[str, str] | None = None) -> Reply:
    values, errors = values or {}, errors or {}

    def field(name, label, required=False, placeholder=""):
        return FormField(name, label, "text", required, (), values.get(name, ""), placeholder, errors.get(name))

    form = Form(FORM_ID, _("New contact"), _("Add contact"), (
        field("name", _("Name"), True, _("Dana Reyes")), field("account", _("Account"), True, _("Acme Corp")),
        field("title", _("Title"), placeholder=_("Head of Operations")),
        field("email", _("Email"), placeholder="dana@example.com"),
        field("phone", _("Phone"), placeholder="+1 555 010 2030")))
    text = _("Please fix the fields marked below.") if errors else _("Who is the contact?")
    return Reply(text=text, title=_("New contact"), form=form, is_error=bool(errors))


def submit_contact_form(call: Call, raw: dict[str, str]) -> Reply:
    """Every field checked at once; errors come back on the form, or the contact is added."""
    raw = {key: (raw.get(key) or "").strip() for key in ("name", "account") + FIELDS}
    errors, values = {}, {}
    for key in ("name", "account"):
        if not raw[key]:
            errors[key] = _("required")
    for key in FIELDS:
        try:
            values[key] = _PARSERS[key](raw[key]) if raw[key] else None
        except UserError as error:
            errors[key] = error.message
    if errors:
        return contact_form(call, raw, errors)
    return create_contact(call, parse_name(raw["name"]), parse_name(raw["account"], "account name"), values)
