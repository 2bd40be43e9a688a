"""Daily at-risk nudges: one message per rep listing their at-risk deals, with buttons to act on each."""
from __future__ import annotations

from datetime import datetime

from handlers.analytics.risks import reasons
from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _
from handlers.parsing.money import Money, format_money
from handlers.permissions import require_admin
from handlers.ports import WorkspacePort
from handlers.reply import Action, Reply, Table
from handlers.schedules import wording
from handlers.schedules.jobs import Job
from handlers.schedules.parse import parse_hhmm
from handlers.schedules.risks import at_risk

MAX_DEALS = 5


def compose_nudge(ws: WorkspacePort, job: Job, now: datetime) -> Reply | None:
    """The rep's own at-risk deals as `risks mine` lists them; nothing when there are none."""
    person = ws.people.get(job.person_id)
    if person is None:
        return None
    deals = at_risk(Call.as_person(ws, person, now), frozenset({person.id}))[:MAX_DEALS]
    if not deals:
        return None
    rows = tuple((f"#{d.number}", d.name, format_money(Money(d.amount_minor, d.currency)), d.stage,
                  "; ".join(reasons(d))) for d in deals)
    actions = []
    for deal in deals[:3]:  # platforms limit buttons per message; the table lists the rest
        ref = f"#{deal.number}"
        actions += [Action(_("Log activity {ref}").format(ref=ref), f"log {ref}", "primary"),
                    Action(_("Close date +2w {ref}").format(ref=ref), f"deal update {ref} close=+2w"),
                    Action(_("Mark lost {ref}").format(ref=ref), f"deal lost {ref}", "danger")]
    return Reply(text=wording.NUDGE_INTRO.format(count=len(deals)), title=_("Deals at risk"),
                 table=Table(("#", _("Deal"), _("Amount"), _("Stage"), _("Why")), rows, "llrll"),
                 actions=tuple(actions))


def set_nudges(call: Call) -> Reply:
    """`nudges on [HH:MM]|off` (admins): the daily at-risk reminder for every rep."""
    call.reject_unknown_options(())
    word = call.arg(0, str(wording.ON_OR_OFF)).text.casefold()
    require_admin(call, _("change nudges"))
    if word not in ("on", "off"):
        raise UserError(wording.NOT_ON_OFF.format(word=word), call.usage)
    at = parse_hhmm(call.args[1].text) if len(call.args) > 1 else "09:00"
    call.reject_extra_args(2)
    setting = call.ws.schedules.nudge_setting() or call.ws.schedules.add("nudge", rule="weekdays",
                                                                          created_at=call.now)
    setting.active, setting.at_time = word == "on", at
    return Reply(text=wording.NUDGES_ON.format(at=at) if word == "on" else wording.NUDGES_OFF)
