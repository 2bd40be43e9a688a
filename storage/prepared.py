"""Hot statements compiled once per database dialect and run with the driver's own parameters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Connection, CursorResult, Dialect
from sqlalchemy.sql import ClauseElement


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    processors: tuple[Callable | None, ...]
    fixed: dict  # values the statement carries itself (the 1 of `counter + 1`)
    positional: bool

    def parameters(self, values: dict):
        values = {**self.fixed, **values} if self.fixed else values
        converted = [values[name] if process is None else process(values[name])
                     for name, process in zip(self.names, self.processors)]
        return tuple(converted) if self.positional else dict(zip(self.names, converted))


class Prepared:
    """A statement run per command: compiling it and binding its values through SQLAlchemy's per-run machinery
    cost more than the statement itself, so it is compiled once for each dialect and its values are turned into
    the driver's parameters by the columns' own type processors (the same values a compiled run would send).
    Execution events, error wrapping and transactions are the connection's as for any other statement."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: WeakKeyDictionary[Dialect, _Compiled] = WeakKeyDictionary()

    def run(self, connection: Connection, values: dict) -> CursorResult:
        dialect = connection.dialect
        compiled = self._compiled.get(dialect)
        if compiled is None:
            compiled = self._compiled[dialect] = self._compile(dialect)
        return connection.exec_driver_sql(compiled.sql, compiled.parameters(values))

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        positional = compiled.positiontup is not None
        names = tuple(compiled.positiontup) if positional else tuple(compiled.bind_names.values())
        binds = {compiled.bind_names[bind]: bind for bind in compiled.bind_names}
        processors = tuple(binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)
        fixed = {name: bind.effective_value for name, bind in binds.items() if not bind.required}
        return _Compiled(compiled.string, names, processors, fixed, positional)
