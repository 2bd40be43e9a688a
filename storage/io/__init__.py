"""Data in and out: external ids, the sync outbox and sync cursors, and the import/export repositories."""
