"""The API session: ``login`` → session id, and ``call`` / ``multiCall`` under it.

A call refused with fault 5 (the session expired, or the store cleared it) logs in again once and is
sent once more; a second refusal is raised. Faults inside a ``multiCall`` answer are turned into error
objects of the tree (not raised), one per failed call, in place.

``multiCall`` takes its calls in one of two XML-RPC forms, depending on the store's version, because
Zend's XML-RPC server checks the parameter types against the handler's docblock (recorded on a real
OpenMage 20.18, ``tests/fixtures/openmage-recorded/README.md``):

- ``struct`` (OpenMage >= 20.11, whose docblock lost ``@param array $calls``: the calls and the options
  are typed "mixed", which Zend maps to struct): the calls keyed "0", "1", …; an array is fault 623;
- ``array`` (Magento 1.9.4, OpenMage <= 20.10: ``@param array $calls``, ``@param array $options``): the
  calls as an array, and the options only as an array too, which cannot carry ``break``.

The session tries the struct form first (current OpenMage), falls back to the array form on fault 623
(refused before anything ran, so sending again is safe) and remembers the form that worked. Asking
``core_magento.info`` instead would cost a call per client and needs an ACL grant of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Literal, TypeVar

from .connection import Connection
from .errors import Magento1Error, SessionExpiredError, SignatureMismatchError, error_for_fault

T = TypeVar("T")
CallSpec = tuple[str, Sequence[Any]]
MultiCallForm = Literal["struct", "array"]


class Session:
    def __init__(
        self,
        connection: Connection,
        api_user: str,
        api_key: str,
        multicall_form: MultiCallForm | None = None,
    ) -> None:
        self.connection = connection
        self.api_user, self.api_key = api_user, api_key
        self.session_id: str | None = None
        self.logins = 0
        # None until a store accepted a multiCall; then the form it takes, kept for the client's life.
        self.multicall_form = multicall_form
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
        """One answer per call, in order; a failed call's place holds its :class:`Magento1Error`.

        ``stop_on_fault``: no answer after the first fault. The struct form asks the store to stop there
        (``break``); the array form cannot, so the calls after the fault still ran and their answers are
        dropped here."""
        if not calls:
            return []
        form = self.multicall_form or "struct"
        try:
            answers = self._multi_call(form, calls, stop_on_fault, idempotent)
        except SignatureMismatchError:
            if self.multicall_form is not None:
                raise  # the form that worked before: something else is wrong
            form = "array"
            answers = self._multi_call(form, calls, stop_on_fault, idempotent)
        self.multicall_form = form
        return _until_fault(answers) if stop_on_fault else answers

    def _multi_call(
        self, form: MultiCallForm, calls: Sequence[CallSpec], stop_on_fault: bool, idempotent: bool
    ) -> list[Any]:
        pairs = [[path, list(args)] for path, args in calls]
        params: tuple[Any, ...]
        if form == "struct":
            options = ({"break": 1},) if stop_on_fault else ()
            params = ({str(n): pair for n, pair in enumerate(pairs)}, *options)
        else:
            params = (pairs,)
        answers = self._signed_in(
            lambda sid: self.connection.rpc("multiCall", (sid, *params), idempotent=idempotent)
        )
        return [_fault_or_value(a) for a in answers] if isinstance(answers, list) else []

    def _signed_in(self, send: Callable[[str], T]) -> T:
        session = self.session_id or self.login()
        try:
            return send(session)
        except SessionExpiredError:
            return send(self.login())  # exactly one new login; a second expiry is raised


def _fault_or_value(answer: Any) -> Any:
    """A failed call's place: ``{"isFault": true, "faultCode": "101", "faultMessage": …}`` (the code is a
    string on a real store: ``_faultAsArray`` copies it from api.xml)."""
    if isinstance(answer, dict) and answer.get("isFault"):
        return error_for_fault(_code(answer.get("faultCode")), str(answer.get("faultMessage", "")))
    return answer


def _code(value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0  # Magento's "unknown" fault code


def _until_fault(answers: list[Any]) -> list[Any]:
    for position, answer in enumerate(answers):
        if isinstance(answer, Magento1Error):
            return answers[: position + 1]
    return answers


def raise_faults(answers: Sequence[Any]) -> list[Any]:
    """The answers of a multiCall where no fault is acceptable: the first fault is raised."""
    for answer in answers:
        if isinstance(answer, Magento1Error):
            raise answer
    return list(answers)
