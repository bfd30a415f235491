"""Jobs, in one place: the runner every job runs in (``@job``, ``@account_job``), the per-account schedule
and its minute tick, and the per-account locks that keep two runs of one job apart."""
