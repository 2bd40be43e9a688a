"""`deal stage`, `deal won`, `deal lost`: moving a deal through the pipeline, with history."""
from __future__ import annotations

from handlers.i18n import _
from handlers.announce import announce_deal, announce_win
from handlers.call import Call
from handlers.deal_card import deal_reply
from handlers.errors import UserError
from handlers.lookup import find_deal, find_stage
from handlers.permissions import require_deal_access
from handlers.records import Deal, Stage
from handlers.reply import Reply
from handlers.schedules import winloss

MAX_REASON = 500


def move_stage(call: Call) -> Reply:
    """`deal stage <ref> <stage>`."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    stage = find_stage(call, call.arg(1, _("the stage")).text)
    call.reject_extra_args(2)
    return _move(call, deal, stage)


def mark_won(call: Call) -> Reply:
    """`deal won <ref>`."""
    call.reject_unknown_options(())
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    call.reject_extra_args(1)
    return _move(call, deal, _outcome_stage(call, "won"))


def mark_lost(call: Call) -> Reply:
    """`deal lost <ref> [reason="..."]` (a quoted reason without `reason=` is accepted too)."""
    call.reject_unknown_options(("reason",))
    deal = find_deal(call, call.arg(0, _("the deal (#12 or a name)")))
    reason = call.option("reason") or (call.args[1].text if len(call.args) > 1 else None)
    call.reject_extra_args(2 if reason and not call.option("reason") else 1)
    if reason is not None:
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            raise UserError(_("the reason is longer than {limit} characters").format(limit=MAX_REASON), call.usage)
    return _move(call, deal, _outcome_stage(call, "lost"), reason or None)


def _outcome_stage(call: Call, outcome: str) -> Stage:
    return next(s for s in call.ws.stages.all() if s.outcome == outcome)


def _move(call: Call, deal: Deal, stage: Stage, reason: str | None = None) -> Reply:
    require_deal_access(call, deal)
    if deal.stage == stage.name and not (reason and stage.outcome == "lost"):
        raise UserError(_("#{number} is already in {stage}").format(number=deal.number, stage=stage.name))
    before, was = deal.stage, move_state(deal)
    change = None
    if deal.stage != stage.name:
        change = call.ws.deals.move(deal, stage.name, stage.outcome, call.me.id, call.now)
    if stage.outcome == "lost":
        deal.lost_reason = reason
    # `was` and the history row let `undo` put the deal back and take the move out of the funnel.
    call.ws.audit.record(call.me.id, "deal.stage", "deal", deal.id, call.now, number=deal.number,
                         from_stage=before, to_stage=stage.name, reason=reason, was=was,
                         change_id=change.id if change else None)
    reply = deal_reply(call, deal, _headline(deal, before, stage, reason))
    reply = winloss.follow_up(call, deal, stage.outcome, reply)  # asks the owner why, when that is switched on
    if stage.outcome == "won":
        return reply.with_announcements(*announce_win(call, deal))
    if stage.outcome == "lost":
        return reply.with_announcements(*announce_deal(call, deal, lambda: _lost(call, deal, reason)))
    return reply


def _lost(call: Call, deal: Deal, reason: str | None) -> str:
    why = _(" Reason: {reason}").format(reason=reason) if reason else ""
    return _("{who} lost {deal}.{why}").format(who=call.me.display_name, deal=deal.name, why=why)


def move_state(deal: Deal) -> dict:
    """What a move changes on the deal, as JSON-friendly values."""
    return {"stage": deal.stage, "status": deal.status, "lost_reason": deal.lost_reason,
            "stage_entered_at": deal.stage_entered_at.isoformat(),
            "closed_at": deal.closed_at.isoformat() if deal.closed_at else None,
            "updated_at": deal.updated_at.isoformat()}


def _headline(deal: Deal, before: str, stage: Stage, reason: str | None) -> str:
    if stage.outcome == "won":
        return _("#{number} {name} is won. Well done!").format(number=deal.number, name=deal.name)
    if stage.outcome == "lost":
        if reason:
            return _("#{number} {name} is marked lost: {reason}.").format(number=deal.number, name=deal.name,
                                                                          reason=reason)
        return _("#{number} {name} is marked lost.").format(number=deal.number, name=deal.name)
    return _("#{number} {name} moved from {before} to {stage}.").format(number=deal.number, name=deal.name,
                                                                       before=before, stage=stage.name)
