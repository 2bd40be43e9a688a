"""Finding the account a rhythm command names."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.records import Named
from handlers.rhythm import wording


def find_account(call: Call, name: str) -> Named:
    """The account called `name` (case and spacing ignored); an unknown one is an error, never created."""
    account = call.ws.accounts.by_name(name)
    if account is None:
        raise UserError(wording.CSAT_NO_ACCOUNT.format(name=name[:80]), call.usage)
    return account
