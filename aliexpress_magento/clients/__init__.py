"""Clients of the remote APIs.

Nothing here imports Django, the apps or the sandboxes: each client could ship alone (DESIGN.md §3).
"""
