"""The forecast of one workspace inside one transaction: what handlers reach as `ws.forecast`."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlmodel import Session, select

from handlers.analytics.results import Window
from handlers.forecast.results import CategorySum, ForecastDeal, Move, MovementGroup, Submission
from storage.analytics import forecast, forecast_movement, forecast_submissions
from storage.analytics.targets import scope_target, targets_for_period
from storage.forecast_models import ForecastAdjustment, ForecastSetting, ForecastStageMap, ForecastSubmission
from storage.models import Workspace

DEFAULT_PERIOD = "quarter"


class ForecastRepo:
    """Settings, the stage map, submissions and adjustments, and the forecast queries, for one workspace
    (the currency is read at call time, so a change earlier in the same command is honoured)."""

    def __init__(self, session: Session, workspace: Workspace) -> None:
        self.session, self.workspace = session, workspace

    def _ready(self) -> Session:
        self.session.flush()  # the queries run below the ORM: push pending writes first
        return self.session

    @property
    def _ids(self) -> tuple[int, str]:
        return self.workspace.id, self.workspace.currency

    def period_kind(self) -> str:
        setting = self.session.get(ForecastSetting, self.workspace.id)
        return setting.period_kind if setting else DEFAULT_PERIOD

    def set_period_kind(self, kind: str) -> None:
        setting = self.session.get(ForecastSetting, self.workspace.id) or ForecastSetting(
            workspace_id=self.workspace.id)
        setting.period_kind = kind
        self.session.add(setting)

    def stage_map(self) -> dict[str, str]:
        """The stages whose category the workspace changed from the default."""
        query = select(ForecastStageMap).where(ForecastStageMap.workspace_id == self.workspace.id)
        return {row.stage: row.category for row in self.session.exec(query)}

    def map_stage(self, stage: str, category: str) -> None:
        row = self.session.get(ForecastStageMap, (self.workspace.id, stage)) or ForecastStageMap(
            workspace_id=self.workspace.id, stage=stage)
        row.category = category
        self.session.add(row)

    def category_sums(self, owner_ids: Iterable[int] | None, window: Window) -> tuple[CategorySum, ...]:
        return forecast.category_sums(self._ready(), *self._ids, owner_ids, window.first_day, window.last_day,
                                      window.start, window.end)

    def deals(self, owner_ids: Iterable[int] | None, window: Window, category: str | None,
              limit: int = 50) -> tuple[ForecastDeal, ...]:
        return forecast.forecast_deals(self._ready(), *self._ids, owner_ids, window.first_day, window.last_day,
                                       window.start, window.end, category, limit)

    def won_target(self, person_id: int | None, team_ids: tuple[int, ...], owner_ids: Iterable[int] | None,
                   window: Window) -> int | None:
        """The `won_value` target of a person or a scope for exactly this period, as `kpi` measures it."""
        everyone = owner_ids is None
        targets = targets_for_period(self._ready(), self.workspace.id, window.first_day, window.last_day,
                                     None if everyone else owner_ids, None if everyone else team_ids)
        return scope_target(targets, "won_value", person_id, team_ids, owner_ids)

    def won_per_person(self, owner_ids: Iterable[int] | None, window: Window) -> dict[int, int]:
        return forecast.won_per_person(self._ready(), *self._ids, owner_ids, window.start, window.end)

    def movement(self, owner_ids: Iterable[int] | None, window: Window, since: datetime,
                 until: datetime) -> tuple[MovementGroup, ...]:
        return forecast_movement.movement(self._ready(), *self._ids, owner_ids, window.first_day, window.last_day,
                                          since, until)

    def biggest_moves(self, owner_ids: Iterable[int] | None, window: Window, since: datetime,
                      until: datetime) -> tuple[Move, ...]:
        return forecast_movement.biggest_moves(self._ready(), *self._ids, owner_ids, window.first_day,
                                               window.last_day, since, until)

    def submit(self, *, person_id: int, scope: str, window: Window, commit_minor: int, best_minor: int,
               note: str, as_computed: bool, by_id: int, at: datetime) -> None:
        self.session.add(ForecastSubmission(
            workspace_id=self.workspace.id, person_id=person_id, scope=scope, period_start=window.first_day,
            period_end=window.last_day, commit_minor=commit_minor, best_minor=best_minor,
            currency=self.workspace.currency, note=note, as_computed=as_computed, submitted_by=by_id,
            submitted_at=at))

    def adjust(self, *, person_id: int, scope: str, window: Window, commit_minor: int, best_minor: int | None,
               note: str, by_id: int, at: datetime) -> None:
        self.session.add(ForecastAdjustment(
            workspace_id=self.workspace.id, person_id=person_id, scope=scope, period_start=window.first_day,
            period_end=window.last_day, commit_minor=commit_minor, best_minor=best_minor,
            currency=self.workspace.currency, note=note, adjusted_by=by_id, adjusted_at=at))

    def submissions(self, person_ids: Iterable[int] | None, period_start: date,
                    at: datetime) -> tuple[Submission, ...]:
        """Each person's latest submission for the period made by `at` (a checkpoint, or now)."""
        return forecast_submissions.latest(self._ready(), self.workspace.id, "submission", person_ids,
                                           period_start, at)

    def adjustments(self, person_ids: Iterable[int] | None, period_start: date,
                    at: datetime) -> tuple[Submission, ...]:
        return forecast_submissions.latest(self._ready(), self.workspace.id, "adjustment", person_ids,
                                           period_start, at)

    def history(self, person_id: int, period_start: date, limit: int = 10) -> tuple[Submission, ...]:
        return forecast_submissions.history(self._ready(), self.workspace.id, person_id, period_start, limit)
