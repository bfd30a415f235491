"""Signing, system parameters and the error bodies of the /sync gateway."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.sandbox.conftest import APP_KEY, APP_SECRET, Api, FakeClock, sign

SIGNATURE_ERROR = {
    "type": "ISV",
    "code": "IncompleteSignature",
    "msg": "The request signature does not conform to platform standards",
}
TREE = "aliexpress.solution.seller.category.tree.query"


def without_ids(body: dict[str, dict[str, str]]) -> dict[str, str]:
    inner = dict(body["error_response"])
    assert len(inner.pop("request_id")) == 25
    assert inner.pop("_trace_id_")
    return inner


def test_the_test_signer_matches_the_hmac_md5_vector() -> None:
    params = {
        "app_key": "12345678",
        "format": "json",
        "method": "aliexpress.solution.product.info.get",
        "product_id": "1005001234567890",
        "session": "test-session",
        "sign_method": "hmac",
        "timestamp": "2024-01-15 10:30:00",
        "v": "2.0",
    }
    assert sign(params, "helloworld", "hmac") == "CBE7D8AF2095F754782E954FED4D3B13"


def test_an_hmac_md5_signed_call_succeeds(api: Api) -> None:
    values = {**api.system(method=TREE, session=api.session, category_id="0"), "sign_method": "hmac"}
    response = api.http.post("/sync", data={**values, "sign": sign(values, APP_SECRET, "hmac")})
    assert response.json()[TREE.replace(".", "_") + "_response"]["is_success"] is True


@pytest.mark.parametrize(
    ("params", "secret", "method", "path", "expected"),
    [
        (
            {
                "app_key": "12345678",
                "format": "json",
                "method": "aliexpress.solution.product.info.get",
                "product_id": "1005001234567890",
                "session": "test-session",
                "sign_method": "sha256",
                "timestamp": "1705285800000",
                "v": "2.0",
            },
            "helloworld",
            "sha256",
            "",
            "83687ED1B8701B4A2417DD89167FC1A37E501EB8CBD62C781C2BCB017CA4D5D0",
        ),
        (
            {
                "app_key": "12345678",
                "code": "3_500000_abcdef",
                "sign_method": "sha256",
                "timestamp": "1705285800000",
            },
            "helloworld",
            "sha256",
            "/auth/token/create",
            "4B99EE01258134CFCDB880FE1FFC04459D58729D269B70381455BABB090A1CAE",
        ),
        (
            {
                "app_key": "12345678",
                "format": "json",
                "method": "aliexpress.solution.product.info.get",
                "product_id": "1005001234567890",
                "session": "test-session",
                "sign_method": "md5",
                "timestamp": "2024-01-15 10:30:00",
                "v": "2.0",
            },
            "helloworld",
            "md5",
            "",
            "5E80481E2C09ED95B087B94EF6C255BB",
        ),
    ],
)
def test_the_test_signer_matches_the_fact_sheet_vectors(
    params: dict[str, str], secret: str, method: str, path: str, expected: str
) -> None:
    assert sign(params, secret, method, path) == expected


def test_sha256_signed_call_succeeds(api: Api) -> None:
    body = api.result(TREE, category_id="0", filter_no_permission="true")
    assert body["is_success"] is True
    assert len(body["children_category_list"]["category_info"]) >= 20


def test_md5_signed_call_with_a_beijing_wall_clock_timestamp_succeeds(api: Api, clock: FakeClock) -> None:
    beijing = datetime.fromtimestamp(clock(), timezone(timedelta(hours=8))).strftime("%Y-%m-%d %H:%M:%S")
    values = {
        "app_key": APP_KEY,
        "timestamp": beijing,
        "sign_method": "md5",
        "method": TREE,
        "session": api.session,
        "category_id": "509",
        "filter_no_permission": "true",
    }
    response = api.http.post("/sync", data={**values, "sign": sign(values, APP_SECRET, "md5")})
    rows = response.json()[TREE.replace(".", "_") + "_response"]["children_category_list"]["category_info"]
    assert 5090301 in [r["children_category_id"] for r in rows]


def test_params_split_between_query_and_body_are_merged_before_verifying(api: Api) -> None:
    values = api.system(method=TREE, session=api.session, category_id="0", filter_no_permission="true")
    signed = api.signed(values)
    query = {k: signed[k] for k in ("app_key", "method", "timestamp", "sign_method", "sign", "session")}
    body = {k: v for k, v in signed.items() if k not in query}
    response = api.http.post("/sync", params=query, data=body)
    assert response.json()[TREE.replace(".", "_") + "_response"]["is_success"] is True


def test_a_signature_changed_by_one_character_is_rejected(api: Api) -> None:
    values = api.signed(
        api.system(method=TREE, session=api.session, category_id="0", filter_no_permission="true")
    )
    last = values["sign"][-1]
    values["sign"] = values["sign"][:-1] + ("0" if last != "0" else "1")
    response = api.http.post("/sync", data=values)
    assert response.status_code == 200
    assert without_ids(response.json()) == SIGNATURE_ERROR


def test_a_url_encoded_value_in_the_signature_is_rejected(api: Api) -> None:
    values = api.system(method=TREE, session=api.session, category_id="0", filter_no_permission="true")
    wrong = {**values, "sign": sign({**values, "method": TREE.replace(".", "%2E")}, APP_SECRET)}
    assert without_ids(api.http.post("/sync", data=wrong).json()) == SIGNATURE_ERROR


@pytest.mark.parametrize("skew", [-7201, 7201])
def test_a_timestamp_outside_7200_seconds_is_refused(api: Api, clock: FakeClock, skew: int) -> None:
    values = api.system(method=TREE, session=api.session, category_id="0", filter_no_permission="true")
    values["timestamp"] = str(int((clock() + skew) * 1000))
    body = api.http.post("/sync", data=api.signed(values)).json()
    assert without_ids(body) == {
        "type": "ISV",
        "code": "InvalidTimestamp",
        "msg": "The request timestamp is out of the allowed time window",
    }


def test_a_timestamp_within_the_window_is_accepted(api: Api, clock: FakeClock) -> None:
    values = api.system(method=TREE, session=api.session, category_id="0", filter_no_permission="true")
    values["timestamp"] = str(int((clock() - 7000) * 1000))
    assert "error_response" not in api.http.post("/sync", data=api.signed(values)).json()


def test_an_unknown_app_key_is_refused(api: Api) -> None:
    values = {**api.system(method=TREE, session=api.session, category_id="0"), "app_key": "nobody"}
    body = api.http.post("/sync", data={**values, "sign": sign(values, APP_SECRET)}).json()
    assert without_ids(body) == {
        "type": "ISV",
        "code": "InvalidAppKey",
        "msg": "The specified app key is invalid",
    }


def test_a_missing_app_key_names_the_parameter(api: Api) -> None:
    values = {k: v for k, v in api.system(method=TREE, session=api.session).items() if k != "app_key"}
    body = api.http.post("/sync", data={**values, "sign": sign(values, APP_SECRET)}).json()
    assert without_ids(body)["code"] == "MissingParameter"
    assert '"app_key"' in without_ids(body)["msg"]


def test_an_unknown_method_is_refused(api: Api) -> None:
    body = api.call("aliexpress.solution.no.such.method")
    assert without_ids(body) == {
        "type": "ISV",
        "code": "InvalidApiPath",
        "msg": "The specified API path is invalid",
    }


def test_an_illegal_access_token_is_refused(api: Api) -> None:
    api.session = "50000not-a-token"
    body = api.call(TREE, category_id="0", filter_no_permission="true")
    assert without_ids(body) == {
        "type": "ISV",
        "code": "IllegalAccessToken",
        "msg": "The specified access token is invalid or expired",
    }


def test_an_expired_access_token_is_refused_and_access_token_is_a_synonym(
    sandbox: AliExpressSandbox, api: Api, clock: FakeClock
) -> None:
    values = api.system(method=TREE, access_token=api.session, category_id="0", filter_no_permission="true")
    assert "error_response" not in api.http.post("/sync", data=api.signed(values)).json()
    clock.advance(sandbox.knobs.access_token_ttl_seconds)
    body = api.call(TREE, category_id="0", filter_no_permission="true")
    assert without_ids(body)["code"] == "IllegalAccessToken"


def test_simplify_drops_the_root_key_and_list_wrappers(api: Api) -> None:
    body = api.call(TREE, category_id="509", filter_no_permission="true", simplify="true")
    assert body["is_success"] is True
    assert isinstance(body["children_category_list"], list)
    assert body["children_category_list"][0]["children_category_id"] == 5090301


def test_a_malformed_business_parameter_gets_the_documented_invalid_parameter_body(api: Api) -> None:
    body = api.call("aliexpress.solution.product.list.get", aeop_a_e_product_list_query="{not json")
    inner = dict(body["error_response"])
    assert len(inner.pop("request_id")) == 25
    assert inner == {
        "code": 50,
        "msg": "Remote service error",
        "sub_code": "isv.invalid-parameter",
        "sub_msg": "非法参数: aeop_a_e_product_list_query is not valid JSON",
    }


def test_a_get_with_every_parameter_in_the_query_succeeds(api: Api) -> None:
    values = api.signed(
        api.system(method=TREE, session=api.session, category_id="509", filter_no_permission="true")
    )
    body = api.http.get("/sync", params=values).json()
    rows = body[TREE.replace(".", "_") + "_response"]["children_category_list"]["category_info"]
    assert [r["children_category_id"] for r in rows][:2] == [5090301, 100001205]
