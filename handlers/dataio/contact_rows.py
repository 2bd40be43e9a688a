"""Importing one contact row: a name (or first and last name) at an account, with title, email and phone."""
from __future__ import annotations

from handlers.dataio.cells import CellError
from handlers.dataio.deal_rows import RowError, collect
from handlers.dataio.kinds import SOURCE, link
from handlers.dataio.run import ImportRun
from handlers.errors import UserError
from handlers.parsing.contact_values import parse_email, parse_phone

FIELDS = ("title", "email", "phone")


def _name(run: ImportRun, values: dict[str, str]) -> str:
    """`Full Name`, else `First Name` + `Last Name` as the CRMs split it."""
    whole = run.text(values, "name")
    if whole:
        return whole
    parts = [run.text(values, "first_name"), run.text(values, "last_name")]
    joined = " ".join(part for part in parts if part)
    if not joined:
        raise CellError("missing name")
    return run.text({"name": joined}, "name")


def _checked(parse, what: str, text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    try:
        return parse(text)
    except UserError:
        raise CellError(f"bad {what} '{text}'") from None


def _owner(run: ImportRun, values: dict[str, str]) -> int | None:
    return run.owner(values["owner"], values.get("owner_name", "")) if values.get("owner", "").strip() else None


def read_contact(run: ImportRun, values: dict[str, str]) -> dict:
    """The row's fields, parsed; RowError lists all that is wrong with it."""
    problems: list[str] = []
    fields = {
        "name": collect(problems, _name, run, values),
        "account": collect(problems, run.text, values, "account", True),
        "title": collect(problems, run.text, values, "title") or None,
        "email": collect(problems, _checked, parse_email, "email", values.get("email", "")),
        "phone": collect(problems, _checked, parse_phone, "phone",
                         values.get("phone", "").strip() or values.get("mobile", "")),
        "owner_id": collect(problems, _owner, run, values),
    }
    if problems:
        raise RowError("; ".join(problems))
    return fields


def apply_contact(run: ImportRun, line: int, values: dict[str, str]) -> str:
    """Create the contact, or update the one it matches: by external id, else email, else name at the account."""
    fields = read_contact(run, values)
    if run.errors:  # the import will be refused: keep checking rows, stop writing
        return "checked"
    account_id = run.account_id(fields["account"])
    external = values.get("external_id", "").strip()
    known = run.port.ref(SOURCE, "contact", external) if external else None
    contact = run.port.contact_matching(known, fields["email"], fields["name"], account_id)
    if contact is None:
        contact = run.ws.contacts.add(name=fields["name"], account_id=account_id, created_by=fields["owner_id"],
                                      now=run.now, **{key: fields[key] for key in FIELDS})
        link(run, "contact", external, contact.id)
        return "created"
    link(run, "contact", external, contact.id)
    return _update(run, contact, fields, account_id)


def _update(run: ImportRun, contact, fields: dict, account_id: int) -> str:
    # A blank cell keeps what we know (as the CRMs' own imports do); a filled one replaces it.
    wanted = {key: fields[key] for key in FIELDS if fields[key] is not None}
    wanted["account_id"] = account_id
    changed = [key for key, value in wanted.items() if getattr(contact, key) != value]
    for key in changed:
        setattr(contact, key, wanted[key])
    if contact.name != fields["name"]:
        run.ws.contacts.rename(contact, fields["name"])
        changed.append("name")
    return "updated" if changed else "unchanged"
