"""Free text people type into the rhythm commands: control characters out, length bounded."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from handlers.errors import UserError
from handlers.i18n import _

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str, limit: int, what: str, usage: str) -> str:
    """`text` without control characters and outer spaces; longer than `limit` is an error naming `what`."""
    cleaned = _CONTROL.sub("", text).strip()
    if len(cleaned) > limit:
        raise UserError(_("{what} is longer than {limit} characters").format(what=what, limit=limit), usage)
    return cleaned


def one_decimal(value: float) -> str:
    """3.25 -> 3.3: averages are shown rounded half up, as people round, not half to even."""
    return str(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
