"""Repositories of the team-rhythm area (kudos, training, intel, CSAT, approvals, key accounts)."""
from __future__ import annotations

from sqlmodel import Session

from storage.rhythm.approvals import ApprovalRepo
from storage.rhythm.csat import CsatRepo
from storage.rhythm.intel import IntelRepo
from storage.rhythm.key_accounts import KeyAccountRepo
from storage.rhythm.kudos import KudosRepo
from storage.rhythm.training import TrainingRepo


class RhythmStore:
    """The team-rhythm repositories of one workspace, sharing its session."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.kudos = KudosRepo(session, workspace_id)
        self.training = TrainingRepo(session, workspace_id)
        self.intel = IntelRepo(session, workspace_id)
        self.csat = CsatRepo(session, workspace_id)
        self.approvals = ApprovalRepo(session, workspace_id)
        self.key_accounts = KeyAccountRepo(session, workspace_id)
