"""The training log: every session remembered in SQLite, read back, exported, resumed."""
