"""Medians of a few large groups read as order statistics: each group's count, then only its middle rows.

`sql.medians` ranks every row of every group (a window sort carrying a row number and a count per row); for
a handful of groups of thousands of rows each (the workspace's stays per stage over 90 days) it is cheaper
to count each group and then read just its one or two middle values (`ORDER BY value LIMIT 1|2 OFFSET k`),
which the database finds with a bounded sort. Same values, same mean of the two middle ones, same count.
PostgreSQL reads both middle values of every group in one sorted pass (`percentile_disc`).
"""
from __future__ import annotations

from sqlalchemy import Numeric, bindparam, case, func, literal, select, union_all


def group_counts(source, key: str, value: str):
    """SELECT key, count(value) per key: how many values each group's median is taken over (count skips the
    NULLs itself; a WHERE on the value would compute it twice per row; a group of none is 0)."""
    return select(source.c[key], func.count(source.c[value])).group_by(source.c[key])


def group_middles(source, key: str, value: str, groups: int):
    """(index, the mean of the group's middle values) for `groups` groups named by :key_N, each reading
    :limit_N values after skipping :offset_N (`middle_params`).

    Counted from the largest: the middle values of n are as far from either end, and NULLs sort after them,
    so no test for NULL computes each value a second time."""
    def middle(index: int):
        values = (select(source.c[value].label("v"))
                  .where(source.c[key] == bindparam(f"key_{index}"))
                  .order_by(source.c[value].desc().nulls_last())
                  .limit(bindparam(f"limit_{index}")).offset(bindparam(f"offset_{index}"))
                  .subquery(f"middle_{index}"))
        return select(literal(index).label("group_index"), func.avg(values.c.v).label("median"))
    return union_all(*(middle(index) for index in range(groups)))


def middle_params(counts: list[tuple[object, int]]) -> dict:
    """The :key_N, :limit_N, :offset_N of `group_middles` for groups of these sizes: the middle value of an
    odd count, the two middle values of an even one."""
    params = {}
    for index, (key, count) in enumerate(counts):
        params.update({f"key_{index}": key, f"limit_{index}": 2 - count % 2, f"offset_{index}": (count - 1) // 2})
    return params


def medians_by_group(connection, counts_statement, middles_statement, params: dict, postgresql=None) -> dict:
    """{key: (median, count)} from `group_counts` then `group_middles(len(groups))` (a callable of the
    number of groups, so each shape is built once); on PostgreSQL from `group_medians_postgresql`."""
    if postgresql is not None and connection.dialect.name == "postgresql":
        return {key: (median, int(count)) for key, median, count in connection.execute(postgresql, params)}
    counts = [(key, int(count)) for key, count in connection.execute(counts_statement, params) if count]
    if not counts:
        return {}
    rows = connection.execute(middles_statement(len(counts)), {**params, **middle_params(counts)})
    medians = {index: median for index, median in rows}
    return {key: (medians[index], count) for index, (key, count) in enumerate(counts)}


# Ranks of the middle values as PostgreSQL's percentile_disc finds them (the smallest rank r with r/n >= f):
# 0.5 gives the lower middle; a hair above it the upper one (the same row for an odd count), for any
# count under 10^11.
LOWER, UPPER = 0.5, 0.5 + 1e-12


def group_medians_postgresql(source, key: str, value: str):
    """(key, median, count) per key in one pass on PostgreSQL: both middle values from one sort per group
    (ordered-set aggregates over the same input share it), averaged as `avg` averages them (sum / count)."""
    ordered = source.c[value]
    middle = (select(source.c[key].label("key"), func.count(ordered).label("n"),
                     func.percentile_disc(LOWER).within_group(ordered).label("lower"),
                     func.percentile_disc(UPPER).within_group(ordered).label("upper"))
              .where(ordered.is_not(None)).group_by(source.c[key]).subquery("middle"))
    mean = case((middle.c.n % 2 == 0, (middle.c.lower + middle.c.upper) / literal(2, Numeric)),
                else_=middle.c.lower / literal(1, Numeric))
    return select(middle.c.key, mean, middle.c.n)
