"""Email addresses and phone numbers, checked for shape only (salesbot never sends to them)."""
from __future__ import annotations

import re

from handlers.errors import UserError
from handlers.parsing.tokens import show_token

NOT_EMAIL = "{token} is not an email address — try ana@example.com"
NOT_PHONE = "{token} is not a phone number — use 7 to 15 digits with an optional +, spaces, dashes or brackets"
MAX_EMAIL = 254
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
_PHONE = re.compile(r"\+?[0-9 ()./-]+(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?", re.IGNORECASE)


def parse_email(text: str) -> str:
    """`Ana@Example.com` stays as typed (trimmed); the local part may not start or end with a dot."""
    typed = text.strip()
    local = typed.rsplit("@", 1)[0]
    if (len(typed) > MAX_EMAIL or not _EMAIL.fullmatch(typed) or local.startswith(".") or local.endswith(".")
            or ".." in typed):
        raise UserError(NOT_EMAIL.format(token=show_token(typed or text)))
    return typed


def parse_phone(text: str) -> str:
    """`+1 (555) 010-2030`: kept as typed, with single spaces; 7 to 15 digits before any extension."""
    typed = " ".join(text.split())
    main = re.split(r"(?i)\s*(?:x|ext\.?)\s*(?=[0-9])", typed)[0]
    digits = sum(ch.isdigit() for ch in main)
    if not _PHONE.fullmatch(typed) or not 7 <= digits <= 15 or "+" in main[1:]:
        raise UserError(NOT_PHONE.format(token=show_token(typed or text)))
    return typed
