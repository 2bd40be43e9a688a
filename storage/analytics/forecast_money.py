"""The one place forecast amounts become the workspace currency: every forecast query sums `home_amount`."""
from __future__ import annotations

from sqlalchemy.sql.expression import ColumnElement

from storage.analytics.fx import in_base


def home_amount(amount: ColumnElement, currency: ColumnElement) -> ColumnElement:
    """The amount in the workspace currency (the statement's :currency), NULL when it cannot be converted.

    Other currencies convert at the workspace's present rate (`fx set`), truncated to the cent per deal, as
    every converted total does; deals in a currency without a rate are counted apart (`other_currency`).
    Deal versions convert at the present rate too, so a rate change is never a movement."""
    return in_base(amount, currency)
