"""Team announcements: deal won, deal lost and big new deals go to the owner's team channels too; a win at or
over the big-deal threshold is celebrated."""
from __future__ import annotations

from typing import Callable

from handlers.call import Call
from handlers.i18n import L_, using_locale
from handlers.i18n.speaker import channel_locale
from handlers.deal_card import deal_facts, deal_money, deal_title
from handlers.records import Deal
from handlers.reply import Announcement, Reply


WON = L_("🏆 {who} won {deal} ({amount})!")
BIG_WIN = L_("🎉 Big win! {who} won {deal} ({amount}) — congratulations, team!")


def owner_channels(call: Call, owner_id: int) -> list[str]:
    """Home channels of the owner's teams (deduplicated, in team order)."""
    owner = call.ws.people.get(owner_id)
    channels = [t.home_channel for t in call.ws.teams.teams_of(owner) if t.home_channel]
    return list(dict.fromkeys(channels))


def announce_deal(call: Call, deal: Deal, headline: Callable[[], str]) -> tuple[Announcement, ...]:
    """The announcement of `deal` for every team channel of its owner, in the workspace's language (the whole
    team reads a channel): `headline` is called in it."""
    channels = owner_channels(call, deal.owner_id)
    if not channels:
        return ()
    with using_locale(channel_locale(call.workspace)) as locale:
        card = Reply(text=headline(), title=deal_title(deal), facts=deal_facts(call, deal), public=True, locale=locale)
    return tuple(Announcement(channel, card) for channel in channels)


def is_big(call: Call, deal: Deal) -> bool:
    threshold = call.workspace.big_deal_minor
    return bool(threshold) and deal.currency == call.workspace.currency and deal.amount_minor >= threshold


def announce_win(call: Call, deal: Deal) -> tuple[Announcement, ...]:
    """Every win is announced; one at or over the big-deal threshold (`settings bigdeal`) is celebrated.
    Commands and buttons come here; imports and CRM syncs announce nothing (they replay history)."""
    sentence = BIG_WIN if is_big(call, deal) else WON
    return announce_deal(call, deal, lambda: sentence.format(who=call.me.display_name, deal=deal.name,
                                                             amount=deal_money(deal)))
