"""Error bodies of the gateway, in the three envelopes of the fact sheet (§7.1).

``/sync`` gateway errors use the IOP form ``{"error_response": {"type", "code", "msg", "request_id",
"_trace_id_"}}``; legacy numeric errors on ``/sync`` use ``{"error_response": {"code": <int>, "msg",
"sub_code", "sub_msg", "request_id"}}``; ``/rest`` errors are flat ``{"type", "code", "message",
"request_id"}``. All are answered with HTTP 200, as the gateway does for application-level errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JsonDict = dict[str, Any]

SIGNATURE_MESSAGE = "The request signature does not conform to platform standards"
TOKEN_MESSAGE = "The specified access token is invalid or expired"  # noqa: S105 - an error text


@dataclass
class ApiError(Exception):
    """An error answered in place of a result. ``code`` is a string (IOP) or an int (legacy TOP)."""

    code: str | int
    message: str
    sub_code: str | None = None
    sub_msg: str | None = None
    type: str = "ISV"

    def sync_body(self, request_id: str) -> JsonDict:
        if isinstance(self.code, int):
            inner: JsonDict = {"code": self.code, "msg": self.message}
            if self.sub_code is not None:
                inner["sub_code"] = self.sub_code
            if self.sub_msg is not None:
                inner["sub_msg"] = self.sub_msg
            inner["request_id"] = request_id
            return {"error_response": inner}
        return {
            "error_response": {
                "type": self.type,
                "code": self.code,
                "msg": self.message,
                "request_id": request_id,
                "_trace_id_": request_id,
            }
        }

    def rest_body(self, request_id: str) -> JsonDict:
        return {"type": self.type, "code": str(self.code), "message": self.message, "request_id": request_id}


def incomplete_signature() -> ApiError:
    return ApiError("IncompleteSignature", SIGNATURE_MESSAGE)


def illegal_access_token() -> ApiError:
    return ApiError("IllegalAccessToken", TOKEN_MESSAGE)


def missing_parameter(name: str) -> ApiError:
    # IOP platform wording (also used by Lazada's IOP gateway).
    return ApiError(
        "MissingParameter",
        f'The input parameter "{name}" that is mandatory for processing this request is not supplied.',
    )


def invalid_api_path() -> ApiError:
    return ApiError("InvalidApiPath", "The specified API path is invalid")


def invalid_parameter(detail: str) -> ApiError:
    """The official "异常示例" of every TOP/AE API doc page, with the detail appended to ``sub_msg``."""
    return ApiError(50, "Remote service error", "isv.invalid-parameter", f"非法参数: {detail}")


def business_error(sub_code: str, detail: str) -> ApiError:
    """Code 15 carries a business sub code (fact sheet §7.2), e.g. ``F00-00-10001-002``."""
    return ApiError(15, "Remote service error", sub_code, detail)


def api_call_limit(ban_seconds: int) -> ApiError:
    return ApiError(
        "ApiCallLimit", f"Api access frequency exceeds the limit. this ban will last {ban_seconds} seconds"
    )


def daily_quota_exceeded(ban_seconds: int) -> ApiError:
    return ApiError(
        7,
        "App Call Limited",
        "accesscontrol.limited-by-app-access-count",
        f"This ban will last for {ban_seconds} more seconds",
    )
