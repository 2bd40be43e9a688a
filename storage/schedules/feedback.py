"""Feedback rounds and answers; anonymous answers are stored under a keyed hash, never a person id."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.schedule_models import FeedbackAnswer, FeedbackRound, VoterKey
from storage.scoped import ScopedRepo


class FeedbackRepo(ScopedRepo):
    """Rounds (occurrences) of feedback prompts and their answers, in one workspace."""

    def __init__(self, session: Session, workspace_id: int, secret_key: str | None = None) -> None:
        super().__init__(session, workspace_id)
        self._secret = secret_key

    def round(self, round_id: int) -> FeedbackRound | None:
        return self._mine(self.session.get(FeedbackRound, round_id))

    def open_round(self, schedule_id: int, occurrence: str, now: datetime, closes_at: datetime,
                   deal_id: int | None = None, recipient_id: int | None = None) -> FeedbackRound:
        """The round of `occurrence`, opened on first use."""
        query = select(FeedbackRound).where(FeedbackRound.schedule_id == schedule_id,
                                            FeedbackRound.occurrence == occurrence)
        found = self.session.exec(query).first()
        if found is None:
            found = FeedbackRound(workspace_id=self.workspace_id, schedule_id=schedule_id, occurrence=occurrence,
                                  opened_at=now, closes_at=closes_at, deal_id=deal_id, recipient_id=recipient_id)
            try:
                with self.session.begin_nested():
                    self.session.add(found)
                    self.session.flush()
            except IntegrityError:
                # A team's members are sent the prompt at once: another delivery opened this round first.
                found = self.session.exec(query).first()
        return found

    def rounds_of(self, schedule_id: int, limit: int = 8) -> list[FeedbackRound]:
        """The latest rounds of a prompt, oldest first."""
        query = (select(FeedbackRound).where(FeedbackRound.workspace_id == self.workspace_id,
                                             FeedbackRound.schedule_id == schedule_id)
                 .order_by(col(FeedbackRound.id).desc()).limit(limit))
        return list(reversed(list(self.session.exec(query))))

    def open_rounds(self, schedule_id: int) -> list[FeedbackRound]:
        query = select(FeedbackRound).where(FeedbackRound.workspace_id == self.workspace_id,
                                            FeedbackRound.schedule_id == schedule_id,
                                            col(FeedbackRound.closed_at).is_(None))
        return list(self.session.exec(query))

    def answer(self, round_: FeedbackRound, person_id: int, value: str, comment: str | None,
               anonymous: bool, now: datetime) -> bool:
        """Record or replace the person's answer; True when it replaced an earlier one."""
        existing = self._answer_of(round_, person_id, anonymous)
        if existing is None:
            existing = FeedbackAnswer(workspace_id=self.workspace_id, round_id=round_.id, value=value)
            if anonymous:
                existing.voter_hash = self.voter_hash(person_id, round_.id)
            else:
                existing.person_id = person_id
            self.session.add(existing)
        existing.value = value
        if comment is not None:
            existing.comment = comment
        # An anonymous answer keeps no time: it could be matched against platform logs.
        existing.answered_at = None if anonymous else now
        replaced = existing.id is not None
        self.session.flush()
        return replaced

    def has_answered(self, round_: FeedbackRound, person_id: int, anonymous: bool) -> bool:
        return self._answer_of(round_, person_id, anonymous) is not None

    def _answer_of(self, round_: FeedbackRound, person_id: int, anonymous: bool) -> FeedbackAnswer | None:
        query = select(FeedbackAnswer).where(FeedbackAnswer.round_id == round_.id)
        if anonymous:
            query = query.where(FeedbackAnswer.voter_hash == self.voter_hash(person_id, round_.id))
        else:
            query = query.where(FeedbackAnswer.person_id == person_id)
        return self.session.exec(query).first()

    def counts(self, round_ids: list[int]) -> dict[int, dict[str, int]]:
        """Answers per value for each round, counted by the database."""
        if not round_ids:
            return {}
        query = (select(FeedbackAnswer.round_id, FeedbackAnswer.value, func.count())
                 .where(col(FeedbackAnswer.round_id).in_(round_ids))
                 .group_by(FeedbackAnswer.round_id, FeedbackAnswer.value))
        result: dict[int, dict[str, int]] = {rid: {} for rid in round_ids}
        for round_id, value, count in self.session.exec(query):
            result[round_id][value] = count
        return result

    def comments(self, round_id: int, limit: int = 20) -> list[str]:
        """Comments of a round in a stable order that says nothing about who wrote them."""
        query = (select(FeedbackAnswer.comment).where(FeedbackAnswer.round_id == round_id,
                                                      FeedbackAnswer.comment != "")
                 .order_by(FeedbackAnswer.comment).limit(limit))
        return list(self.session.exec(query))

    def named_answers(self, round_id: int) -> list[tuple[int, str]]:
        """(person id, value) of a non-anonymous round; anonymous answers have no person to return."""
        query = select(FeedbackAnswer.person_id, FeedbackAnswer.value).where(
            FeedbackAnswer.round_id == round_id, col(FeedbackAnswer.person_id).is_not(None))
        return list(self.session.exec(query))

    def close(self, round_: FeedbackRound, now: datetime) -> None:
        """Close the round and erase its answer hashes: afterwards not even the key links an answer to anyone."""
        round_.closed_at = now
        self.session.exec(update(FeedbackAnswer).where(FeedbackAnswer.round_id == round_.id)
                          .values(voter_hash=None))
        self.session.flush()

    def voter_hash(self, person_id: int, round_id: int) -> str:
        message = f"{self.workspace_id}:{person_id}:{round_id}".encode()
        return hmac.new(self._voter_key(), message, hashlib.sha256).hexdigest()

    def _voter_key(self) -> bytes:
        if self._secret:
            return hmac.new(self._secret.encode(), f"voter:{self.workspace_id}".encode(), hashlib.sha256).digest()
        row = self.session.get(VoterKey, self.workspace_id)
        if row is None:
            row = VoterKey(workspace_id=self.workspace_id, key_hex=secrets.token_hex(32))
            self.session.add(row)
            self.session.flush()
        return bytes.fromhex(row.key_hex)
