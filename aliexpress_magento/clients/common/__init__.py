"""Pieces every API client shares: the one retry policy and the per-account call budget (DESIGN.md §10)."""

from .budget import CallBudget, TokenBucketBudget, UnlimitedBudget
from .retry import NO_RETRY, RetryableFailure, RetryPolicy, equal_jitter

__all__ = [
    "NO_RETRY",
    "CallBudget",
    "RetryPolicy",
    "RetryableFailure",
    "TokenBucketBudget",
    "UnlimitedBudget",
    "equal_jitter",
]
