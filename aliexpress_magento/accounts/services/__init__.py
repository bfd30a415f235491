"""What can be done to an account: connect it (OAuth), keep its tokens alive, test it, fill its choices."""
