"""The one place forecast amounts become the workspace currency: every forecast query sums `home_amount`."""
from __future__ import annotations

from sqlalchemy import bindparam, case
from sqlalchemy.sql.expression import ColumnElement


def home_amount(amount: ColumnElement, currency: ColumnElement) -> ColumnElement:
    """The amount in the workspace currency (the statement's :currency), NULL when it cannot be converted.

    Today only amounts already in the workspace currency convert; deals in other currencies are counted
    apart (`other_currency`). An exchange-rate table joins here, and nowhere else, once there is one."""
    return case((currency == bindparam("currency"), amount))
