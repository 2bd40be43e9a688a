"""Finding or creating a workspace, with its default pipeline stages."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.models import Stage, Workspace

# (name, win probability %, outcome) — the pipeline every new workspace starts with.
DEFAULT_STAGES: tuple[tuple[str, int, str], ...] = (
    ("lead", 10, "open"),
    ("qualified", 25, "open"),
    ("proposal", 50, "open"),
    ("negotiation", 75, "open"),
    ("won", 100, "won"),
    ("lost", 0, "lost"),
)


def find_workspace(session: Session, platform: str, external_id: str) -> Workspace | None:
    """The workspace for a platform's team/tenant id, if it exists."""
    query = select(Workspace).where(Workspace.platform == platform, Workspace.external_id == external_id)
    return session.exec(query).first()


def ensure_workspace(session: Session, platform: str, external_id: str, name: str,
                     timezone: str = "UTC", currency: str = "USD") -> Workspace:
    """Return the workspace, creating it (and its default stages) on first sight."""
    existing = find_workspace(session, platform, external_id)
    if existing:
        return existing
    try:
        with session.begin_nested():
            workspace = Workspace(platform=platform, external_id=external_id, name=name or external_id,
                                  timezone=timezone, currency=currency)
            session.add(workspace)
            session.flush()
            for position, (stage, probability, outcome) in enumerate(DEFAULT_STAGES):
                session.add(Stage(workspace_id=workspace.id, name=stage, position=position,
                                  probability=probability, outcome=outcome))
            session.flush()
        return workspace
    except IntegrityError:
        # Two first requests raced; the other one created it.
        return find_workspace(session, platform, external_id)
