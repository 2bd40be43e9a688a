"""Workspace settings and stages: `settings timezone|currency|bigdeal|riskdays|visibility`, `stages`, `stages set`."""
from __future__ import annotations

import re
from zoneinfo import ZoneInfo, available_timezones

from handlers.i18n import L_, N_, _, pgettext
from handlers.call import Call
from handlers.errors import UserError
from handlers.parsing.money import format_money, is_currency
from handlers.parsing.values import parse_amount, parse_percent
from handlers.permissions import VISIBILITIES, is_admin, require_admin
from handlers.reply import Reply, Table

STAGE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def parse_zone(text: str) -> str:
    """An IANA zone name, matched case-insensitively (`europe/lisbon` -> `Europe/Lisbon`)."""
    zones = {zone.casefold(): zone for zone in available_timezones()}
    zone = zones.get(text.casefold())
    if zone is None:
        raise UserError(_("'{text}' is not a timezone — use an IANA name like Europe/Lisbon or "
                          "America/New_York").format(text=text))
    ZoneInfo(zone)
    return zone


def set_timezone(call: Call) -> Reply:
    """`settings timezone <zone> [me]`: the workspace default (admins), or only yours with `me`."""
    call.reject_unknown_options(())
    zone = parse_zone(call.arg(0, _("the timezone")).text)
    for_me = len(call.args) > 1 and call.args[1].text.casefold() == "me"
    call.reject_extra_args(2 if for_me else 1)
    if for_me or not is_admin(call.me):
        call.ws.people.set_timezone(call.me, zone)
        return Reply(text=_("Your timezone is now {zone}.").format(zone=zone))
    call.workspace.timezone = zone
    call.ws.audit.record(call.me.id, "settings.timezone", "workspace", call.workspace.id, call.now, zone=zone)
    return Reply(text=_("The workspace timezone is now {zone}. People can set their own with "
                        "`settings timezone <zone> me`.").format(zone=zone))


def set_currency(call: Call) -> Reply:
    """`settings currency <ISO code>` (admins): the default for new deals."""
    call.reject_unknown_options(())
    code = call.arg(0, _("the currency code")).text.upper()
    call.reject_extra_args(1)
    require_admin(call, N_("change the workspace currency"))
    if not is_currency(code):
        raise UserError(_("'{code}' is not a currency I know — try USD, EUR or GBP").format(code=code), call.usage)
    call.workspace.currency = code
    call.ws.audit.record(call.me.id, "settings.currency", "workspace", call.workspace.id, call.now, currency=code)
    return Reply(text=_("New deals default to {code} now. Existing deals keep their currency.").format(code=code))


def set_big_deal(call: Call) -> Reply:
    """`settings bigdeal <amount>|off` (admins): new deals this large are announced to the team, and wins this
    large are celebrated (handlers/announce.py)."""
    call.reject_unknown_options(())
    text = call.arg(0, _("the amount, or off")).text
    call.reject_extra_args(1)
    require_admin(call, N_("change the big-deal threshold"))
    if text.casefold() == "off":
        call.workspace.big_deal_minor = None
        return Reply(text=_("Big deals are no longer announced, and wins are no longer celebrated as big."))
    money = parse_amount(text, call.workspace.currency)
    if money.currency != call.workspace.currency:
        raise UserError(_("give the threshold in the workspace currency, {currency}").format(
            currency=call.workspace.currency))
    call.workspace.big_deal_minor = money.minor
    return Reply(text=_("New deals of {amount} or more are announced in the team channel, and wins that large are "
                        "celebrated there.").format(amount=format_money(money)))


def set_risk_days(call: Call) -> Reply:
    """`settings riskdays <days>` (admins): days without activity before a deal counts as at risk."""
    call.reject_unknown_options(())
    text = call.arg(0, _("the number of days")).text
    call.reject_extra_args(1)
    require_admin(call, N_("change the at-risk rule"))
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise UserError(_("'{text}' is not a number of days between 1 and 365").format(text=text), call.usage)
    call.workspace.risk_idle_days = int(text)
    return Reply(text=_("Open deals with no activity for {days} days now count as at risk.").format(days=text))


VISIBILITY_TEXT = {"open": L_("Everyone sees everyone's numbers and deals."),
                   "team": L_("Reps see their team's numbers and their own deals; managers their team's; admins all."),
                   "own": L_("Reps see only their own numbers and deals; managers their team's; admins all.")}


def set_visibility(call: Call) -> Reply:
    """`settings visibility open|team|own` (admins): who may read whose numbers and deals."""
    call.reject_unknown_options(())
    word = call.arg(0, _("open, team or own")).text.casefold()
    call.reject_extra_args(1)
    require_admin(call, N_("change who sees what"))
    if word not in VISIBILITIES:
        choices = " | ".join(VISIBILITIES)
        raise UserError(_("'{word}' is not a visibility — try {choices}").format(word=word, choices=choices),
                        call.usage)
    call.workspace.visibility = word
    call.ws.audit.record(call.me.id, "settings.visibility", "workspace", call.workspace.id, call.now,
                         visibility=word)
    return Reply(text=_("{visibility} Leaderboards stay visible to everyone.").format(visibility=VISIBILITY_TEXT[word]))


def list_stages(call: Call) -> Reply:
    """`stages`: the pipeline in order with win probabilities."""
    call.reject_extra_args(0)
    rows = tuple((s.name, f"{s.probability}%", _OUTCOMES[s.outcome]() if s.outcome in _OUTCOMES else s.outcome)
                 for s in call.ws.stages.all())
    return Reply(text=_("Pipeline stages, in order."), title=_("Stages"),
                 table=Table((_("Stage"), _("Win %"), _("Kind")), rows, "lrl"))


# A stage's kind as the stages table names it (进行中, 赢单, 输单); stage names stay as the workspace typed them.
_OUTCOMES = {"open": lambda: pgettext("outcome", "open"), "won": lambda: pgettext("outcome", "won"),
             "lost": lambda: pgettext("outcome", "lost")}


def replace_stages(call: Call) -> Reply:
    """`stages set lead:10 qualified:25 ...` (admins): the open stages; won and lost always stay."""
    call.reject_unknown_options(())
    require_admin(call, N_("change the stages"))
    if not call.args:
        raise UserError(_("list the open stages in order, like lead:10 qualified:25 proposal:50"), call.usage)
    stages = [_stage_pair(token.text, call.usage) for token in call.args]
    names = [name for name, _probability in stages]
    if len(set(names)) != len(names):
        raise UserError(_("a stage is listed twice"), call.usage)
    in_use = [s for s, n in call.ws.deals.stage_counts().items() if n and s not in names + ["won", "lost"]]
    if in_use:
        raise UserError(_("deals are still in {stages} — move them first (`deal list stage=...`)").format(
            stages=", ".join(in_use)))
    call.ws.stages.replace_open(stages)
    call.ws.audit.record(call.me.id, "stages.set", "workspace", call.workspace.id, call.now, stages=stages)
    return list_stages(_without_args(call))


def _stage_pair(text: str, usage: str) -> tuple[str, int]:
    name, _colon, probability = text.partition(":")
    name = name.casefold()
    if not STAGE_NAME.match(name) or name in ("won", "lost"):
        raise UserError(_("'{text}' is not a stage name — use letters, like proposal:50 (won and lost are built "
                          "in)").format(text=text), usage)
    if not probability:
        raise UserError(_("'{text}' has no win probability — write it like {name}:50").format(text=text, name=name),
                        usage)
    return name, parse_percent(probability)


def _without_args(call: Call) -> Call:
    call.args = []
    return call


