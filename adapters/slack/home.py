"""The App Home tab: the viewer's dashboard, then their team's, as one Block Kit home view."""
from __future__ import annotations

from adapters.slack.blocks import MAX_BLOCKS, mrkdwn, reply_blocks
from handlers.i18n import N_, _, using_locale
from handlers.reply import Reply

HOME_HINT = N_("Type `/sales help` anywhere, or message me here, to see every command.")


def home_view(mine: Reply, team: Reply | None = None) -> dict:
    """A home view of up to 100 blocks: personal dashboard, divider, team summary, hint."""
    blocks = reply_blocks(mine)
    if team is not None:
        blocks += [{"type": "divider"}] + reply_blocks(team)
    with using_locale(mine.locale):
        hint = _(HOME_HINT)
    blocks += [{"type": "divider"}, {"type": "context", "elements": [mrkdwn(hint)]}]
    return {"type": "home", "blocks": blocks[: 2 * MAX_BLOCKS]}
