"""The console adapter: reads command lines from stdin and prints each reply as text."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from adapters.console.render import render_reply
from handlers.context import Origin, Request, Sender
from handlers.processor import CommandProcessor
from handlers.reply import Reply

PLATFORM = "console"
PROMPT = "salesbot> "
QUIT_WORDS = {"quit", "exit", ":q"}


def console_origin(workspace: str) -> Origin:
    return Origin(platform=PLATFORM, workspace_id=workspace, workspace_name=workspace, channel_id="console")


def console_sender(name: str) -> Sender:
    """`ana` -> user id `ana`, shown as `Ana`."""
    return Sender(user_id=name.casefold(), display_name=name[:1].upper() + name[1:])


class ConsoleSession:
    """One person typing into one console workspace."""

    def __init__(self, processor: CommandProcessor, user: str, workspace: str, chart_dir: str = "charts") -> None:
        self.processor = processor
        self.sender = console_sender(user)
        self.origin = console_origin(workspace)
        self.chart_dir = Path(chart_dir)

    def ask(self, line: str) -> Reply:
        return self.processor.handle(Request(text=line, sender=self.sender, origin=self.origin))

    def answer(self, line: str) -> str:
        """Run one line and return the printed text (charts are written to files)."""
        reply = self.ask(line)
        saved = self._save_file(reply)
        text = render_reply(reply, self._save_chart(reply))
        return text + (f"\nFile saved to {saved}" if saved else "")

    def _save_chart(self, reply: Reply) -> str | None:
        if reply.chart is None:
            return None
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        path = self.chart_dir / reply.chart.filename
        path.write_bytes(reply.chart.png)
        return str(path)

    def _save_file(self, reply: Reply) -> str | None:
        """An export is written beside the charts; the reply names the file."""
        if reply.attachment is None:
            return None
        self.chart_dir.mkdir(parents=True, exist_ok=True)
        path = self.chart_dir / Path(reply.attachment.filename).name
        path.write_bytes(reply.attachment.content)
        return str(path)

    def run(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
        """Interactive with a prompt on a terminal; line by line, without prompts, when piped."""
        interactive = stdin.isatty()
        while True:
            if interactive:
                stdout.write(PROMPT)
                stdout.flush()
            line = stdin.readline()
            if not line:
                break
            line = line.strip()
            if not line or line.startswith("# "):  # blank lines and comments in scripts
                continue
            if line.casefold() in QUIT_WORDS:
                break
            if not interactive:
                stdout.write(f"> {line}\n")
            stdout.write(self.answer(line) + "\n\n")
            stdout.flush()
