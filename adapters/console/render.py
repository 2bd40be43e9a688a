"""Replies as plain text for a terminal: aligned tables, facts, buttons shown as commands."""
from __future__ import annotations

from wcwidth import wcswidth

from handlers.i18n import _, using_locale
from handlers.reply import Form, Reply, Table


def width(text: str) -> int:
    """Columns the text takes in a terminal: a CJK character takes two (len would count one)."""
    shown = wcswidth(text)
    return shown if shown >= 0 else len(text)  # control characters: count them as typed


def pad(text: str, columns: int, right: bool = False) -> str:
    fill = " " * max(columns - width(text), 0)
    return fill + text if right else text + fill


def render_table(table: Table) -> list[str]:
    """Columns padded to their widest cell (by display width); numbers right-aligned."""
    cells = [list(table.headers)] + [list(row) for row in table.rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: list[str]) -> str:
        parts = [pad(cell, w, table.alignment(i) == "r") for i, (cell, w) in enumerate(zip(row, widths))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(cells[0]), rule] + [line(row) for row in cells[1:]]


def render_form(form: Form) -> list[str]:
    lines = [_("{title} — fields:").format(title=form.title)]
    for field in form.fields:
        choices = f" ({', '.join(field.choices)})" if field.choices else ""
        marker = "*" if field.required else " "
        error = f"  <- {field.error}" if field.error else ""
        lines.append(f" {marker} {field.label}{choices}{error}")
    lines.append(_("In the console, type the command with its arguments instead (see `help`)."))
    return lines


def render_reply(reply: Reply, chart_path: str | None = None) -> str:
    """The whole reply as text, in reading order, with the console's own words in the reply's locale."""
    with using_locale(reply.locale):
        return "\n".join(_reply_lines(reply, chart_path))


def _reply_lines(reply: Reply, chart_path: str | None) -> list[str]:
    lines: list[str] = []
    if reply.title:
        lines.append(f"== {reply.title} ==")
    lines.append((_("Error: ") if reply.is_error else "") + reply.text)
    label_width = max((width(f.label) for f in reply.facts), default=0)
    lines += [f"  {pad(fact.label, label_width)}  {fact.value}" for fact in reply.facts]
    if reply.table:
        lines += render_table(reply.table)
    if reply.form:
        lines += render_form(reply.form)
    if reply.actions:
        lines.append(_("Next: ") + " | ".join(f"{a.label} → `{a.command}`" for a in reply.actions))
    if chart_path:
        lines.append(_("Chart saved to {path}").format(path=chart_path))
    if reply.footer:
        lines.append(reply.footer)
    for announcement in reply.announcements:
        lines.append(_("(announced in {channel}: {text})").format(channel=announcement.channel,
                                                                  text=announcement.reply.text))
    return lines
