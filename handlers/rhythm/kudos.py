"""`kudos`: recognise a colleague in public, and see who was recognised."""
from __future__ import annotations

from handlers.analytics.args import read_arguments, workspace_today
from handlers.analytics.wording import describe_period
from handlers.announce import owner_channels
from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _, ngettext, using_locale
from handlers.i18n.dates import shown_day
from handlers.i18n.speaker import channel_locale, spoken
from handlers.lookup import find_person
from handlers.reply import Announcement, Reply, Table
from handlers.rhythm import wording
from handlers.rhythm.text import clean_text

MAX_WHY = 500


def give_kudos(call: Call) -> Reply:
    """`kudos @person "<why>"`: recorded, and posted as a card in the receiver's team channels."""
    call.reject_unknown_options(())
    receiver = find_person(call, call.arg(0, _("the person")))
    if receiver.id == call.me.id:
        raise UserError(wording.KUDOS_SELF, call.usage)
    why = clean_text(" ".join(t.text for t in call.args[1:]), MAX_WHY, _("the reason"), call.usage)
    if not why:
        raise UserError(wording.KUDOS_WHY_MISSING, call.usage)
    call.ws.rhythm.kudos.give(call.me.id, receiver.id, why, call.now)
    with using_locale(channel_locale(call.workspace)):  # the team's channel reads the workspace's language
        card = spoken(Reply(text=wording.KUDOS_CARD_TEXT.format(giver=call.me.display_name, why=why),
                            title=wording.KUDOS_CARD_TITLE.format(receiver=receiver.display_name), public=True))
    channels = owner_channels(call, receiver.id)
    posted = wording.KUDOS_POSTED.format(count=len(channels), channels=ngettext("channel", "channels",
                                                                               len(channels))) if channels else ""
    reply = Reply(text=wording.KUDOS_GIVEN.format(receiver=receiver.display_name, posted=posted))
    return reply.with_announcements(*(Announcement(channel, card) for channel in channels))


def list_kudos(call: Call) -> Reply:
    """`kudos list [team|all|@person] [period]`: newest first; reps and managers see their team's."""
    reading = read_arguments(call, "30d", default_scope="team", reads=None)  # kudos are public, like leaderboards
    scope, period = reading.scope, reading.period
    given = call.ws.rhythm.kudos.listing(set(scope.owner_ids) if scope.owner_ids is not None else None,
                                         period.start, period.end)
    when = describe_period(period, workspace_today(call))
    if not given:
        return Reply(text=wording.KUDOS_LIST_EMPTY.format(scope=scope.label, period=when))
    names = {p.id: p.display_name for p in call.ws.people.all()}
    rows = tuple((shown_day(k.given_at.astimezone(call.zone), "%d %b"), names.get(k.receiver_id, "?"),
                  names.get(k.giver_id, "?"), k.why) for k in given)
    return Reply(text=wording.KUDOS_LIST_TEXT.format(scope=scope.label, period=when, count=len(given)),
                 table=Table(wording.KUDOS_HEADERS, rows))
