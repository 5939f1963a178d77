"""Scheduler fixtures: the ledger tests run on SQLite and on PostgreSQL (see dbfixtures.py)."""

from __future__ import annotations

from tests.store.dbfixtures import db_url, pg_url, store

__all__ = ["db_url", "pg_url", "store"]
