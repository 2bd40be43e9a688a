"""`quiet [<from>-<until>] [weekends] | quiet off | quiet default`: your quiet hours, when proactive messages wait."""
from __future__ import annotations

from handlers.call import Call
from handlers.errors import UserError
from handlers.i18n import _
from handlers.reply import Reply
from handlers.schedules import wording
from handlers.schedules.parse import parse_hhmm
from handlers.schedules.rules import QuietWindow, stored_window


LAST_MINUTE = "23:59"  # quiet from midnight: messages until the day's last minute


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
        raise UserError(_("write your quiet hours like `quiet 22:00-07:00`, optionally with `weekends`"), call.usage)
    quiet_from, quiet_until = (parse_hhmm(part) for part in rest[0].split("-"))
    # Quiet from the evening until the morning: messages may come from `until` to `from` the same day.
    if quiet_from == "00:00":
        quiet_from = LAST_MINUTE
    if quiet_from <= quiet_until:
        raise UserError(_("'{window}' is not overnight — quiet hours run from the evening to the morning, "
                          "like 22:00-07:00").format(window=rest[0]), call.usage)
    call.ws.schedules.set_quiet_hours(call.me.id, off=False, window_start=quiet_until, window_end=quiet_from,
                                      weekends=weekends)
