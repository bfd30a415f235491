"""Jobs: what keeps two runs of one account's job apart (per-account locks with heartbeat)."""
