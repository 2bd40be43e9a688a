"""`quiet [<HH:MM>-<HH:MM>] [weekends] | quiet off | quiet default`: when proactive messages may reach you."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.reply import Reply
from handlers.schedules import wording
from handlers.schedules.parse import parse_hhmm
from handlers.schedules.rules import QuietWindow, stored_window


def window_of(call: Call) -> QuietWindow:
    return stored_window(call.ws.schedules.quiet_hours(call.me.id))


def set_quiet(call: Call) -> Reply:
    call.reject_unknown_options(())
    words = [t.text.casefold() for t in call.args]
    if words == ["off"]:
        call.ws.schedules.set_quiet_hours(call.me.id, off=True)
    elif words == ["default"]:
        call.ws.schedules.set_quiet_hours(call.me.id, off=False, window_start="08:00", window_end="19:00",
                                          weekends=False)
    elif words:
        _set_window(call, words)
    return Reply(text=wording.QUIET_SET.format(window=window_of(call).describe(), zone=call.zone_name))


def _set_window(call: Call, words: list[str]) -> None:
    weekends = "weekends" in words
    rest = [w for w in words if w != "weekends"]
    if len(rest) != 1 or rest[0].count("-") != 1:
        raise UserError("write the window like `quiet 08:00-19:00`, optionally with `weekends`", call.usage)
    start, end = (parse_hhmm(part) for part in rest[0].split("-"))
    if start >= end:
        raise UserError("the window must start before it ends, like 08:00-19:00", call.usage)
    call.ws.schedules.set_quiet_hours(call.me.id, off=False, window_start=start, window_end=end, weekends=weekends)
