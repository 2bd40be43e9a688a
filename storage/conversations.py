"""Stored conversation references, so the bot can post into a conversation later."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select as core_select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from storage.models import ConversationRef, Person, Workspace
from storage.scoped import ScopedRepo


class ConversationRepo(ScopedRepo):
    """Remembers where the bot may post in one workspace."""

    def get(self, platform: str, conversation_id: str) -> ConversationRef | None:
        query = select(ConversationRef).where(ConversationRef.workspace_id == self.workspace_id,
                                              ConversationRef.platform == platform,
                                              ConversationRef.conversation_id == conversation_id)
        return self.session.exec(query).first()

    def remember(self, platform: str, conversation_id: str, kind: str, reference: str, now: datetime,
                 person_id: int | None = None) -> ConversationRef:
        """Insert or refresh the reference for a conversation."""
        ref = self.get(platform, conversation_id) or self._create(platform, conversation_id)
        ref.kind, ref.reference, ref.updated_at = kind, reference, now
        if person_id is not None:
            ref.person_id = person_id
        self.session.flush()
        return ref

    def _create(self, platform: str, conversation_id: str) -> ConversationRef:
        ref = ConversationRef(workspace_id=self.workspace_id, platform=platform, conversation_id=conversation_id)
        try:
            with self.session.begin_nested():
                self.session.add(ref)
                self.session.flush()
        except IntegrityError:
            # Two activities from one new conversation raced; the other one stored it.
            return self.get(platform, conversation_id)
        return ref

    def personal_for(self, platform: str, person_id: int) -> ConversationRef | None:
        query = select(ConversationRef).where(ConversationRef.workspace_id == self.workspace_id,
                                              ConversationRef.platform == platform,
                                              ConversationRef.person_id == person_id,
                                              ConversationRef.kind == "personal")
        return self.session.exec(query).first()


def stored_reference(engine: Engine, platform: str, workspace_external_id: str, channel_id: str | None = None,
                     user_id: str | None = None) -> str | None:
    """The reference to post to a channel, or to a person's personal chat: one read on its own connection, with
    no write lock and no unit of work, since a fan-out asks it for every message."""
    ref, workspace, person = ConversationRef.__table__, Workspace.__table__, Person.__table__
    query = (core_select(ref.c.reference).join(workspace, workspace.c.id == ref.c.workspace_id)
             .where(workspace.c.platform == platform, workspace.c.external_id == workspace_external_id,
                    ref.c.platform == platform))
    if channel_id:
        query = query.where(ref.c.conversation_id == channel_id)
    else:
        query = (query.join(person, person.c.id == ref.c.person_id)
                 .where(person.c.platform_user_id == (user_id or ""), ref.c.kind == "personal"))
    with engine.connect() as connection:
        return connection.execute(query.limit(1)).scalar()
