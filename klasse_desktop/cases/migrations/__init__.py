"""Alembic migrations of the case register, run at start-up (see `database.py`)."""
