"""The feeds app's services: ``submission`` (submit, feeds_left_today), ``sync`` (query, record,
expire; the results the listing engine consumes) and ``housekeeping`` (the grid's buttons)."""
