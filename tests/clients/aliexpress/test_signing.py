"""The fact sheet's signing vectors (§1.4), exactly."""

from __future__ import annotations

from aliexpress_magento.clients.aliexpress.signing import sign, string_to_sign

SECRET = "helloworld"
TOP = {
    "app_key": "12345678",
    "format": "json",
    "method": "aliexpress.solution.product.info.get",
    "product_id": "1005001234567890",
    "session": "test-session",
    "timestamp": "2024-01-15 10:30:00",
    "v": "2.0",
}


def test_top_md5_vector() -> None:
    params = {**TOP, "sign_method": "md5"}
    assert string_to_sign(params) == (
        "app_key12345678formatjsonmethodaliexpress.solution.product.info.getproduct_id1005001234567890"
        "sessiontest-sessionsign_methodmd5timestamp2024-01-15 10:30:00v2.0"
    )
    assert sign(params, SECRET, sign_method="md5") == "5E80481E2C09ED95B087B94EF6C255BB"


def test_top_hmac_md5_vector() -> None:
    params = {**TOP, "sign_method": "hmac"}
    assert sign(params, SECRET, sign_method="hmac") == "CBE7D8AF2095F754782E954FED4D3B13"


def test_iop_sync_sha256_vector_has_no_prefix() -> None:
    params = {**TOP, "sign_method": "sha256", "timestamp": "1705285800000"}
    assert string_to_sign(params) == (
        "app_key12345678formatjsonmethodaliexpress.solution.product.info.getproduct_id1005001234567890"
        "sessiontest-sessionsign_methodsha256timestamp1705285800000v2.0"
    )
    assert sign(params, SECRET) == "83687ED1B8701B4A2417DD89167FC1A37E501EB8CBD62C781C2BCB017CA4D5D0"


def test_iop_rest_sha256_vector_is_prefixed_with_the_api_path() -> None:
    params = {
        "app_key": "12345678",
        "code": "3_500000_abcdef",
        "sign_method": "sha256",
        "timestamp": "1705285800000",
    }
    assert string_to_sign(params, "/auth/token/create") == (
        "/auth/token/createapp_key12345678code3_500000_abcdefsign_methodsha256timestamp1705285800000"
    )
    assert (
        sign(params, SECRET, api_path="/auth/token/create")
        == "4B99EE01258134CFCDB880FE1FFC04459D58729D269B70381455BABB090A1CAE"
    )


def test_keys_sort_in_byte_order_and_sign_itself_is_never_signed() -> None:
    # The official doc's example: "_" (0x5F) sorts before "b".
    params = {"foo": "1", "bar": "2", "foo_bar": "3", "foobar": "4", "sign": "OLD"}
    assert string_to_sign(params, "/test/api") == "/test/apibar2foo1foo_bar3foobar4"
