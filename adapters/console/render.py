"""Replies as plain text for a terminal: aligned tables, facts, buttons shown as commands."""
from __future__ import annotations

from handlers.reply import Form, Reply, Table


def render_table(table: Table) -> list[str]:
    """Columns padded to their widest cell; numbers right-aligned."""
    cells = [list(table.headers)] + [list(row) for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: list[str]) -> str:
        parts = [cell.rjust(w) if table.alignment(i) == "r" else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(cells[0]), rule] + [line(row) for row in cells[1:]]


def render_form(form: Form) -> list[str]:
    lines = [f"{form.title} — fields:"]
    for field in form.fields:
        choices = f" ({', '.join(field.choices)})" if field.choices else ""
        marker = "*" if field.required else " "
        error = f"  <- {field.error}" if field.error else ""
        lines.append(f" {marker} {field.label}{choices}{error}")
    lines.append("In the console, type the command with its arguments instead (see `help`).")
    return lines


def render_reply(reply: Reply, chart_path: str | None = None) -> str:
    """The whole reply as text, in reading order."""
    lines: list[str] = []
    if reply.title:
        lines.append(f"== {reply.title} ==")
    lines.append(("Error: " if reply.is_error else "") + reply.text)
    width = max((len(f.label) for f in reply.facts), default=0)
    lines += [f"  {fact.label.ljust(width)}  {fact.value}" for fact in reply.facts]
    if reply.table:
        lines += render_table(reply.table)
    if reply.form:
        lines += render_form(reply.form)
    if reply.actions:
        lines.append("Next: " + " | ".join(f"{a.label} → `{a.command}`" for a in reply.actions))
    if chart_path:
        lines.append(f"Chart saved to {chart_path}")
    if reply.footer:
        lines.append(reply.footer)
    for announcement in reply.announcements:
        lines.append(f"(announced in {announcement.channel}: {announcement.reply.text})")
    return "\n".join(lines)
