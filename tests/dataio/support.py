"""Import files written as the CRMs write them, and the import/export entry points the CLI uses."""
from __future__ import annotations

import io
from pathlib import Path

from sqlmodel import select

from bot.dataio import import_into
from handlers.dataio.exports import export_table
from handlers.dataio.options import ImportOptions
from storage.io.exports import ExportRepo
from storage.models import Deal, Person, StageChange
from handlers.dataio.writers import write_csv

WORKSPACE = "acme-sales"  # the chat fixture's workspace (console platform)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def run_import(store, path: Path, kind: str = "deals", workspace: str = WORKSPACE, **options):
    return import_into(store, workspace, path, ImportOptions(kind=kind, **options))


def deals(store, workspace: str = WORKSPACE) -> list[tuple]:
    """Every deal as (name, account, amount_minor, currency, stage, owner handle), by number."""
    with store.workspace("console", workspace) as ws:
        people = {p.id: p.handle for p in ws.people.all()}
        rows = ws.session.exec(select(Deal).where(Deal.workspace_id == ws.workspace.id).order_by(Deal.number))
        return [(d.name, ws.accounts.get(d.account_id).name if d.account_id else None, d.amount_minor,
                 d.currency, d.stage, people[d.owner_id]) for d in rows]


def stage_moves(store, workspace: str = WORKSPACE) -> list[tuple]:
    with store.workspace("console", workspace) as ws:
        rows = ws.session.exec(select(StageChange.from_stage, StageChange.to_stage)
                               .where(StageChange.workspace_id == ws.workspace.id).order_by(StageChange.id))
        return list(rows)


def people(store, workspace: str = WORKSPACE) -> list[str]:
    with store.workspace("console", workspace) as ws:
        return sorted(ws.session.exec(select(Person.display_name).where(Person.workspace_id == ws.workspace.id)))


def export_csv(store, kind: str, workspace: str = WORKSPACE) -> str:
    with store.workspace("console", workspace) as ws:
        headers, rows = export_table(ExportRepo(ws.session, ws.workspace.id), kind, None, None, None)
        out = io.StringIO()
        write_csv(out, headers, rows)
        return out.getvalue()
