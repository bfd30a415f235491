"""Running the shared Store suite against a real store (README: Testing against a real store)."""
