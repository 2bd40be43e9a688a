"""Searching a whole database and the captured logs for anything that links an anonymous answer to a person."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import MetaData, select, text
from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class Voter:
    """Someone who answered: the ids and names by which a reader of the database could know them."""

    user_id: str
    person_id: int
    display_name: str
    handle: str

    def traces(self, team: str) -> set[str]:
        """Their identifiers and what is commonly derived from them (hex digests, whole and shortened)."""
        plain = {self.user_id, self.display_name, self.handle, f"{team}:{self.user_id}",
                 f"{team}\x1f{self.user_id}", f"{team}\0{self.user_id}"}
        derived = set()
        for value in plain | {str(self.person_id)}:
            for algorithm in ("md5", "sha1", "sha256"):
                digest = hashlib.new(algorithm, value.encode()).hexdigest()
                derived |= {digest, digest[:40], digest[:32], digest[:16]}
        return {t.casefold() for t in plain | derived if t}


def dump_every_row(engine: Engine) -> list[tuple[str, dict]]:
    """Every row of every table (all columns, alembic's too) as (table, {column: value})."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return [(table.name, dict(row._mapping)) for table in metadata.sorted_tables
                for row in connection.execute(select(table))]


def row_text(row: dict) -> str:
    return "\x1e".join(f"{column}={value!r}" for column, value in row.items()).casefold()


def linking_rows(rows: list[tuple[str, dict]], voters: list[Voter], team: str,
                 answers: list[str]) -> list[str]:
    """Rows in which a person's trace and an answer (value or comment) meet, or that name a person and are
    answers or idempotency keys (a key outlives the request)."""
    found = []
    for table, row in rows:
        cells = row_text(row)
        for voter in voters:
            named = any(trace in cells for trace in voter.traces(team))
            if table == "feedback_answer" and (named or row.get("person_id") is not None):
                found.append(f"{table}: {row} names {voter.display_name}")
            elif named and table == "processed_key":
                found.append(f"{table}: {row} names {voter.display_name}")
            elif named and any(answer.casefold() in cells for answer in answers):
                found.append(f"{table}: {row} links {voter.display_name} to an answer")
    return found


def rows_with(rows: list[tuple[str, dict]], needle: str) -> set[str]:
    """The tables in which `needle` appears anywhere."""
    return {table for table, row in rows if needle.casefold() in row_text(row)}


def answer_row_versions(engine: Engine) -> set[str]:
    """PostgreSQL only: the transaction ids (xmin) that wrote the answer rows now visible."""
    with engine.connect() as connection:
        return {str(row[0]) for row in connection.execute(text("SELECT xmin FROM feedback_answer"))}


def log_lines_naming(messages: list[str], voters: list[Voter], team: str, answers: list[str]) -> list[str]:
    """Log lines that carry a person's trace or an answer."""
    needles = {t for v in voters for t in v.traces(team)} | {a.casefold() for a in answers}
    return [m for m in messages if any(n in m.casefold() for n in needles)]
