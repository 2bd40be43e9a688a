"""SQL building blocks the analytics queries share: day differences, medians and scope filters."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Float, and_, false, func, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from storage.models import Activity, Deal, Partner, Stage, StageChange

# Core tables: the analytics read through Core (no ORM identity map) to keep thousands of digests cheap.
DEAL = Deal.__table__
STAGE = Stage.__table__
CHANGE = StageChange.__table__
ACTIVITY = Activity.__table__
PARTNER = Partner.__table__


class days_between(FunctionElement):
    """`days_between(later, earlier)`: fractional days between two UTC timestamps, on SQLite and PostgreSQL."""

    type = Float()
    name = "days_between"
    inherit_cache = True


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(julianday({later}) - julianday({earlier}))"


@compiles(days_between, "postgresql")
def _days_postgresql(element, compiler, **kw) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"


def owned_by(column: ColumnElement, owner_ids: Iterable[int] | None) -> ColumnElement:
    """The scope filter: everyone when `owner_ids` is None, nobody when it is empty."""
    if owner_ids is None:
        return true()
    ids = sorted(owner_ids)
    return column.in_(ids) if ids else false()


def between(column: ColumnElement, start, end) -> ColumnElement:
    """Half-open period test: start <= column < end."""
    return and_(column >= start, column < end)


def medians(source, key: str | None, value: str):
    """SELECT [key,] median(value), count(value) from `source` (a subquery), per key; window functions only.

    The median is the middle value, or the mean of the two middle values for an even count.
    """
    keys = [source.c[key]] if key else []
    column = source.c[value]
    ranked = (select(*keys, column.label("v"),
                     func.row_number().over(partition_by=keys or None, order_by=column).label("rn"),
                     func.count().over(partition_by=keys or None).label("n"))
              .where(column.is_not(None)).subquery("ranked"))
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    rank_keys = [ranked.c[key]] if key else []
    return select(*rank_keys, func.avg(ranked.c.v), func.max(ranked.c.n)).where(middle).group_by(*rank_keys)
