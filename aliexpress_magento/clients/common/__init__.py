"""Pieces every API client shares: the one retry policy, the per-account call budget (rate and daily
quota, in-process or shared through Redis) and the HTTP plumbing (DESIGN.md §10)."""

from .budget import CallBudget, TokenBucketBudget, UnlimitedBudget
from .quota import QuotaSpent, QuotedBudget
from .retry import NO_RETRY, RetryableFailure, RetryPolicy, equal_jitter

__all__ = [
    "NO_RETRY",
    "CallBudget",
    "QuotaSpent",
    "QuotedBudget",
    "RetryPolicy",
    "RetryableFailure",
    "TokenBucketBudget",
    "UnlimitedBudget",
    "equal_jitter",
]
