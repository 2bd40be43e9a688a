"""Export files kept for a signed download link until they expire."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import delete

from storage.io.models import ExportFile
from storage.transactions import run_unit
from storage.workspaces import find_workspace


def keep_file(engine: Engine, token: str, workspace: tuple[str, str], filename: str, mime: str, content: bytes,
              expires_at: datetime, now: datetime) -> None:
    """Store one file of `workspace` (platform, external id) under `token`, dropping every expired file."""
    def unit(session) -> None:
        session.exec(delete(ExportFile).where(ExportFile.expires_at <= now))
        found = find_workspace(session, *workspace)
        session.add(ExportFile(token=token, workspace_id=found.id, filename=filename, mime=mime,
                               content=content, expires_at=expires_at))
    run_unit(engine, unit)


def kept_file(engine: Engine, token: str, now: datetime) -> ExportFile | None:
    """The file under `token` while it has not expired."""
    def unit(session) -> ExportFile | None:
        row = session.get(ExportFile, token)
        return row if row is not None and row.expires_at > now else None
    return run_unit(engine, unit)
