"""The tables slack_sdk's SQLAlchemy installation and OAuth-state stores use, on the shared metadata.

Declared with slack_sdk's own table builders (so the columns always match the stores) on the metadata
Alembic compares against, so they are migrated with every other table and never proposed for dropping.
"""
from __future__ import annotations

from typing import Callable

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore as _Installations
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore as _States
from sqlalchemy import MetaData, Table
from sqlmodel import SQLModel


def _declare(name: str, build: Callable[[MetaData, str], Table]) -> Table:
    metadata = SQLModel.metadata
    return metadata.tables[name] if name in metadata.tables else build(metadata, name)


slack_installations = _declare(_Installations.default_installations_table_name,
                               _Installations.build_installations_table)
slack_bots = _declare(_Installations.default_bots_table_name, _Installations.build_bots_table)
slack_oauth_states = _declare(_States.default_table_name, _States.build_oauth_states_table)
