"""Which workspace a command-line import or export means: by team/tenant id or by name, else a console one."""
from __future__ import annotations

from sqlmodel import Session, or_, select

from storage.models import Workspace


def workspace_key(session: Session, wanted: str) -> tuple[str, str]:
    """(platform, external id) of the workspace whose id or name is `wanted`; a console workspace otherwise."""
    query = (select(Workspace.platform, Workspace.external_id)
             .where(or_(Workspace.external_id == wanted, Workspace.name == wanted)).order_by(Workspace.id))
    found = session.exec(query).first()
    return (found[0], found[1]) if found else ("console", wanted)
