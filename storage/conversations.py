"""Stored conversation references, so the bot can post into a conversation later."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from sqlalchemy import select as core_select, tuple_
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


# (workspace external id, channel id or None, user id or None): where a post goes.
Wanted = tuple[str, "str | None", "str | None"]
CHUNK = 400


def stored_references(engine: Engine, platform: str, wanted: Sequence[Wanted]) -> list[str | None]:
    """`stored_reference` of each (workspace, channel, user), in order, from one statement for the channels and
    one for the people (per few hundred): a fan-out asks for every message it sends at about the same time."""
    channels = sorted({(w, c) for w, c, _ in wanted if c})
    people = sorted({(w, u or "") for w, c, u in wanted if not c})
    with engine.connect() as connection:
        in_channels = _gathered(connection, lambda chunk: _channel_refs(platform, chunk), channels)
        in_chats = _gathered(connection, lambda chunk: _personal_refs(platform, chunk), people)
    return [in_channels.get((w, c)) if c else in_chats.get((w, u or "")) for w, c, u in wanted]


def _gathered(connection, query_for, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for start in range(0, len(pairs), CHUNK):
        for workspace, where, reference in connection.execute(query_for(pairs[start:start + CHUNK])):
            found.setdefault((workspace, where), reference)
    return found


def _channel_refs(platform: str, channels: list[tuple[str, str]]):
    ref, workspace = ConversationRef.__table__, Workspace.__table__
    return (core_select(workspace.c.external_id, ref.c.conversation_id, ref.c.reference)
            .join(workspace, workspace.c.id == ref.c.workspace_id)
            .where(workspace.c.platform == platform, ref.c.platform == platform,
                   tuple_(workspace.c.external_id, ref.c.conversation_id).in_(channels)))


def _personal_refs(platform: str, people: list[tuple[str, str]]):
    ref, workspace, person = ConversationRef.__table__, Workspace.__table__, Person.__table__
    return (core_select(workspace.c.external_id, person.c.platform_user_id, ref.c.reference)
            .join(workspace, workspace.c.id == ref.c.workspace_id).join(person, person.c.id == ref.c.person_id)
            .where(workspace.c.platform == platform, ref.c.platform == platform, ref.c.kind == "personal",
                   tuple_(workspace.c.external_id, person.c.platform_user_id).in_(people)))
