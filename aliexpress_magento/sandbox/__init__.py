"""Offline emulators of the remote APIs (DESIGN.md §6).

They import nothing from Django, the apps or the clients.
"""
