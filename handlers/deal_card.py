"""How a deal looks in a reply: facts, and the buttons that move it along."""
from __future__ import annotations

from handlers.call import Call
from handlers.i18n import _
from handlers.i18n.dates import format_day
from handlers.parsing.money import Money, format_money
from handlers.permissions import may_act_for
from handlers.records import Deal
from handlers.reply import Action, Fact, Reply


def deal_title(deal: Deal) -> str:
    return f"#{deal.number} {deal.name}"


def deal_money(deal: Deal) -> str:
    return format_money(Money(deal.amount_minor, deal.currency))


def deal_facts(call: Call, deal: Deal) -> tuple[Fact, ...]:
    stages = {s.name: s for s in call.ws.stages.all()}
    stage = stages.get(deal.stage)
    stage_text = f"{deal.stage} ({stage.probability}%)" if stage and deal.status == "open" else deal.stage
    owner = call.me if deal.owner_id == call.me.id else call.ws.people.get(deal.owner_id)
    facts = [Fact(_("Amount"), deal_money(deal)), Fact(_("Stage"), stage_text),
             Fact(_("Owner"), owner.display_name if owner else "?")]
    if deal.status != "open" and deal.closed_at:
        facts.append(Fact(_("Closed"), format_day(deal.closed_at.astimezone(call.zone).date())))
    elif deal.expected_close:
        facts.append(Fact(_("Close"), format_day(deal.expected_close)))
    if deal.account_id:
        facts.append(Fact(_("Account"), call.ws.accounts.get(deal.account_id).name))
    if deal.partner_id:
        facts.append(Fact(_("Partner"), call.ws.partners.get(deal.partner_id).name))
    if getattr(deal, "contact_id", None):
        facts.append(Fact(_("Contact"), call.ws.contacts.get(deal.contact_id).name))
    if deal.status == "lost" and deal.lost_reason:
        facts.append(Fact(_("Lost because"), deal.lost_reason))
    return tuple(facts)


def deal_actions(call: Call, deal: Deal) -> tuple[Action, ...]:
    """Advance, won, lost and log for an open deal; reopen for a closed one — only for whoever may change it."""
    if not may_act_for(call, deal.owner_id):
        return ()
    ref = f"#{deal.number}"
    if deal.status != "open":
        first_open = next((s.name for s in call.ws.stages.all() if s.outcome == "open"), None)
        return (Action(_("Reopen"), f"deal stage {ref} {first_open}"),) if first_open else ()
    open_stages = [s.name for s in call.ws.stages.all() if s.outcome == "open"]
    actions = []
    position = open_stages.index(deal.stage) if deal.stage in open_stages else -1
    if 0 <= position < len(open_stages) - 1:
        nxt = open_stages[position + 1]
        actions.append(Action(_("Advance to {stage}").format(stage=nxt), f"deal stage {ref} {nxt}", "primary"))
    actions += [Action(_("Mark won"), f"deal won {ref}", "primary"),
                Action(_("Mark lost"), f"deal lost {ref}", "danger"), Action(_("Log activity"), f"log {ref}")]
    return tuple(actions)


def deal_reply(call: Call, deal: Deal, headline: str, public: bool = False) -> Reply:
    """A deal as a card: the headline, its facts and the actions that fit its state."""
    return Reply(text=headline, title=deal_title(deal), facts=deal_facts(call, deal),
                 actions=deal_actions(call, deal), public=public)
