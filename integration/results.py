"""What an upsert did to a row."""

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"
