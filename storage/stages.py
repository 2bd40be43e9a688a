"""Pipeline stages of a workspace, in order, with their win probability."""
from __future__ import annotations

from sqlmodel import delete, select

from storage.cache import view_for
from storage.models import Stage
from storage.scoped import ScopedRepo


class StageRepo(ScopedRepo):
    """Reads and replaces the stages of one workspace."""

    def all(self) -> list[Stage]:
        view = view_for(self.session, self.workspace_id)
        return view.stages(self._load) if view else self._load()

    def _load(self) -> list[Stage]:
        query = select(Stage).where(Stage.workspace_id == self.workspace_id).order_by(Stage.position)
        return list(self.session.exec(query))

    def replace_open(self, stages: list[tuple[str, int]]) -> None:
        """Replace the open stages with `stages` (name, probability); won and lost stay last."""
        self.session.exec(delete(Stage).where(Stage.workspace_id == self.workspace_id, Stage.outcome == "open"))
        for position, (name, probability) in enumerate(stages):
            self.session.add(Stage(workspace_id=self.workspace_id, name=name, position=position,
                                   probability=probability, outcome="open"))
        closed = select(Stage).where(Stage.workspace_id == self.workspace_id, Stage.outcome != "open")
        for offset, stage in enumerate(sorted(self.session.exec(closed), key=lambda s: s.outcome != "won")):
            stage.position = len(stages) + offset
        self.session.flush()
