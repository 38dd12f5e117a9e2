"""Scanner: one pass over everything a message carries, shared by the duty plugins."""
