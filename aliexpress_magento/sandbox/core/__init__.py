"""Plumbing shared by every sandbox: WSGI helpers, knobs, faults, rate limits, state files."""
