"""The API session: ``login`` → session id, and ``call`` / ``multiCall`` under it.

A call refused with fault 5 (the session expired, or the store cleared it) logs in again once and is
sent once more; a second refusal is raised. Faults inside a ``multiCall`` answer are turned into error
objects of the tree (not raised), one per failed call, in place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .connection import Connection
from .errors import Magento1Error, SessionExpiredError, error_for_fault

T = TypeVar("T")
CallSpec = tuple[str, Sequence[Any]]


class Session:
    def __init__(self, connection: Connection, api_user: str, api_key: str) -> None:
        self.connection = connection
        self.api_user, self.api_key = api_user, api_key
        self.session_id: str | None = None
        self.logins = 0
        self._lock = threading.Lock()

    def login(self, api_user: str | None = None, api_key: str | None = None) -> str:
        """Log in (with new credentials when given) and keep the session id."""
        with self._lock:
            if api_user is not None and api_key is not None:
                self.api_user, self.api_key = api_user, api_key
            self.session_id = str(self.connection.rpc("login", (self.api_user, self.api_key)))
            self.logins += 1
            return self.session_id

    def end(self) -> None:
        if self.session_id is not None:
            self.connection.rpc("endSession", (self.session_id,))
            self.session_id = None

    def call(self, path: str, args: Sequence[Any] = (), *, idempotent: bool = True) -> Any:
        return self._signed_in(
            lambda sid: self.connection.rpc("call", (sid, path, list(args)), idempotent=idempotent)
        )

    def multi_call(
        self, calls: Sequence[CallSpec], *, stop_on_fault: bool = False, idempotent: bool = True
    ) -> list[Any]:
        """One answer per call, in order; a failed call's place holds its :class:`Magento1Error`."""
        payload = [[path, list(args)] for path, args in calls]
        options = {"break": 1} if stop_on_fault else {}
        answers = self._signed_in(
            lambda sid: self.connection.rpc("multiCall", (sid, payload, options), idempotent=idempotent)
        )
        return [_fault_or_value(a) for a in answers] if isinstance(answers, list) else []

    def _signed_in(self, send: Callable[[str], T]) -> T:
        session = self.session_id or self.login()
        try:
            return send(session)
        except SessionExpiredError:
            return send(self.login())  # exactly one new login; a second expiry is raised


def _fault_or_value(answer: Any) -> Any:
    if isinstance(answer, dict) and answer.get("isFault"):
        return error_for_fault(int(answer.get("faultCode", 0)), str(answer.get("faultMessage", "")))
    return answer


def raise_faults(answers: Sequence[Any]) -> list[Any]:
    """The answers of a multiCall where no fault is acceptable: the first fault is raised."""
    for answer in answers:
        if isinstance(answer, Magento1Error):
            raise answer
    return list(answers)
