"""`csat link <account>`, and the one-question page a customer answers through it (once, before it expires)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _, using_locale
from handlers.i18n.speaker import channel_locale
from handlers.i18n.dates import shown_day
from handlers.ports import StorePort
from handlers.reply import Reply
from handlers.rhythm import wording
from handlers.rhythm.accounts import find_account
from handlers.rhythm.csat import LOW, MAX_COMMENT, SCORES, alert_managers, open_owner_follow_up
from handlers.rhythm.text import clean_text

LINK_LIFETIME = timedelta(days=14)
ASK, THANKS, USED, EXPIRED, UNKNOWN = "ask", "thanks", "used", "expired", "unknown"


@dataclass(frozen=True)
class LinkPage:
    """What the customer's page shows: the question (`ask`) or one of the closing states."""

    state: str
    workspace: str = ""
    account: str = ""
    error: str | None = None
    locale: str = "en"  # the workspace's: the customer reads the language of the team that sent the link


class _Spent(Exception):
    """Another answer spent the link first; the unit of work rolls back."""


def make_link(call: Call) -> Reply:
    """`csat link <account>`: a link to send the customer."""
    call.reject_unknown_options(())
    call.reject_extra_args(1)
    account = find_account(call, call.arg(0, _("the account")).text)
    if not call.public_url:
        raise UserError(wording.CSAT_NO_PUBLIC_URL)
    expires = call.now + LINK_LIFETIME
    link = call.ws.rhythm.csat.new_link(account.id, call.me.id, call.now, expires)
    return Reply(text=wording.CSAT_LINK_TEXT.format(account=account.name, url=f"{call.public_url}/csat/{link.token}",
                                                    expires=shown_day(expires.astimezone(call.zone), "%a %d %b",
                                                                      weekday=True)))


def open_page(store: StorePort, token: str, now: datetime) -> LinkPage:
    return store.run_csat_link(token, lambda ws, link: _state(ws, link, now))


def answer_page(store: StorePort, token: str, score_text: str, comment: str, now: datetime) -> LinkPage:
    """Record the customer's answer once; a bad score shows the question again with the error."""
    def unit(ws, link) -> LinkPage:
        page = _state(ws, link, now)
        if page.state != ASK:
            return page
        score = score_text.strip()
        if score not in SCORES:
            return LinkPage(ASK, page.workspace, page.account, wording.PAGE_PICK, page.locale)
        row = ws.rhythm.csat.answer_link(link, int(score), _comment(comment), now)
        if row is None:
            raise _Spent()
        if row.score <= LOW:
            alert_managers(ws, link.account_id, row.id, now)
            open_owner_follow_up(ws, link.account_id, row.score, now)
        return LinkPage(THANKS, page.workspace, page.account, locale=page.locale)
    try:
        return store.run_csat_link(token, unit)
    except _Spent:
        return LinkPage(USED)


def _comment(text: str) -> str | None:
    try:
        return clean_text(text, MAX_COMMENT, _("the comment"), "") or None
    except UserError:
        return clean_text(text[:MAX_COMMENT], MAX_COMMENT, _("the comment"), "") or None


def _state(ws, link, now: datetime) -> LinkPage:
    if link is None:
        return LinkPage(UNKNOWN)
    account = ws.accounts.get(link.account_id)
    locale = channel_locale(ws.workspace)
    with using_locale(locale):
        names = (ws.workspace.name or _("our team"), account.name if account else "")
    if link.score_id is not None:
        return LinkPage(USED, *names, locale=locale)
    if now >= link.expires_at:
        return LinkPage(EXPIRED, *names, locale=locale)
    return LinkPage(ASK, *names, locale=locale)
