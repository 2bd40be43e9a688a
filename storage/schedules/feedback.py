"""Feedback rounds and answers; who answered and what they answered are kept apart for anonymous prompts."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from storage.schedule_models import FeedbackAnswer, FeedbackRound, FeedbackVoter
from storage.scoped import ScopedRepo


class FeedbackRepo(ScopedRepo):
    """Rounds (occurrences) of feedback prompts and their answers, in one workspace."""

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
               anonymous: bool, now: datetime) -> str:
        """Record the person's answer: "saved", "replaced" (named prompts), or "already" (anonymous ones,
        which cannot be changed: nothing links an anonymous answer to whoever gave it)."""
        self._lock(round_)
        first = self._add_voter(round_, person_id)
        if anonymous:
            if first:
                self._rewrite_anonymous(round_, (value, comment or ""))
            return "saved" if first else "already"
        return self._answer_named(round_, person_id, value, comment, now)

    def _lock(self, round_: FeedbackRound) -> None:
        """Answers to one round are written one at a time (a row lock on PostgreSQL; SQLite has one writer)."""
        self.session.exec(select(FeedbackRound.id).where(FeedbackRound.id == round_.id).with_for_update())

    def _add_voter(self, round_: FeedbackRound, person_id: int) -> bool:
        """True for the person's first answer to the round; a concurrent second one finds the row taken."""
        if self.has_answered(round_, person_id):
            return False
        voter = FeedbackVoter(round_id=round_.id, person_id=person_id, workspace_id=self.workspace_id)
        return self._insert_or_theirs(voter, lambda: None) is voter

    def _rewrite_anonymous(self, round_: FeedbackRound, new: tuple[str, str]) -> None:
        """Every answer of the round is written again, with fresh random ids and in random order, in the
        transaction that adds the new one: no id, row position or PostgreSQL row version (xmin) then
        marks which answer arrived with which voter."""
        query = select(FeedbackAnswer.value, FeedbackAnswer.comment).where(FeedbackAnswer.round_id == round_.id)
        answers = [tuple(row) for row in self.session.exec(query)] + [new]
        self.session.exec(delete(FeedbackAnswer).where(FeedbackAnswer.round_id == round_.id))
        for value, comment in _shuffled(answers):
            self.session.add(FeedbackAnswer(id=_random_id(), workspace_id=self.workspace_id, round_id=round_.id,
                                            value=value, comment=comment))
        self.session.flush()

    def _answer_named(self, round_: FeedbackRound, person_id: int, value: str, comment: str | None,
                      now: datetime) -> str:
        query = select(FeedbackAnswer).where(FeedbackAnswer.round_id == round_.id,
                                             FeedbackAnswer.person_id == person_id)
        existing = self.session.exec(query).first()
        outcome = "replaced" if existing else "saved"
        if existing is None:
            existing = FeedbackAnswer(id=_random_id(), workspace_id=self.workspace_id, round_id=round_.id,
                                      person_id=person_id, value=value)
            self.session.add(existing)
        existing.value, existing.answered_at = value, now
        if comment is not None:
            existing.comment = comment
        self.session.flush()
        return outcome

    def has_answered(self, round_: FeedbackRound, person_id: int) -> bool:
        query = select(FeedbackVoter.person_id).where(FeedbackVoter.round_id == round_.id,
                                                      FeedbackVoter.person_id == person_id)
        return self.session.exec(query).first() is not None

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

    def close(self, round_: FeedbackRound, now: datetime, anonymous: bool = False) -> None:
        """Close the round; an anonymous round also forgets who took part."""
        round_.closed_at = now
        if anonymous:
            self.session.exec(delete(FeedbackVoter).where(FeedbackVoter.round_id == round_.id))
        self.session.flush()


def _random_id() -> int:
    """A positive 63-bit id that says nothing about when its row was written."""
    return secrets.randbits(63) or 1


def _shuffled(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(rows, key=lambda _: secrets.randbits(64))
