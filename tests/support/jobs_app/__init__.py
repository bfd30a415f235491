"""A test-only app whose tasks module builds one per-account cron job (see test_job_availability.py)."""
