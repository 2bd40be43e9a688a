"""Alembic migrations for the salesbot schema."""
