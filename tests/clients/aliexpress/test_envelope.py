"""Decoding quirks handled once: big ids, list wrappers, single objects, JSON-in-strings, Pacific times."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from aliexpress_magento.clients.aliexpress import envelope
from aliexpress_magento.clients.aliexpress.envelope import MalformedBody

from .conftest import sample_bytes


def test_ids_beyond_2_pow_53_survive_decoding_exactly() -> None:
    body = envelope.decode_json(sample_bytes("aliexpress.solution.feed.submit"))
    job_id = envelope.integer(envelope.unwrap("aliexpress.solution.feed.submit", body), "job_id")
    assert job_id == 200000000060024475
    assert float(job_id) != job_id  # what a float parser would have made of it


def test_fractions_stay_storable_floats_and_read_as_exact_decimals() -> None:
    body = envelope.decode_json(b'{"rate": 0.1, "amount": "21.98", "blank": ""}')
    assert body == {"rate": 0.1, "amount": "21.98", "blank": ""}
    assert [envelope.decimal(body, k) for k in ("rate", "amount", "blank", "missing")] == [
        Decimal("0.1"),
        Decimal("21.98"),
        None,
        None,
    ]


def test_not_an_object_is_malformed() -> None:
    with pytest.raises(MalformedBody):
        envelope.decode_json(b"[1, 2]")
    with pytest.raises(MalformedBody):
        envelope.decode_json(b'{"cut": ')


def test_wrapped_list_bare_list_single_object_and_missing_all_read_the_same() -> None:
    order = {"order_id": 1}
    assert envelope.items({"target_list": {"order_dto": [order, order]}}, "target_list", "order_dto") == [
        order,
        order,
    ]
    assert envelope.items({"target_list": [order]}, "target_list", "order_dto") == [order]  # simplify=true
    assert envelope.items({"target_list": {"order_dto": order}}, "target_list", "order_dto") == [order]
    assert envelope.items({"target_list": order}, "target_list", "order_dto") == [order]  # simplified single
    assert envelope.items({}, "target_list", "order_dto") == []
    assert envelope.items({"target_list": {"order_dto": []}}, "target_list", "order_dto") == []


def test_a_wrapper_with_an_unexpected_item_name_is_still_unwrapped() -> None:
    data = {"aeop_freight_template_d_t_o_list": {"aeopfreighttemplatedtolist": [{"template_id": 1}]}}
    assert envelope.items(data, "aeop_freight_template_d_t_o_list") == [{"template_id": 1}]


def test_scalar_lists_are_unwrapped_and_flattened() -> None:
    assert envelope.scalars({"group_ids": {"number": [[1002141, 10024524]]}}, "group_ids", "number") == [
        1002141,
        10024524,
    ]


def test_ids_as_numbers_digit_strings_or_quoted_strings() -> None:
    data = {"a": 1160045860056286, "b": "1160045860056286", "c": '"31130700125804"', "d": "n/a", "e": True}
    assert [envelope.ident(data, k) for k in "abcde"] == [
        1160045860056286,
        1160045860056286,
        31130700125804,
        None,
        None,
    ]


def test_json_in_a_string_is_decoded_and_broken_json_is_none() -> None:
    data = {"ok": '{"productId":33030372006,"success":true}', "bad": '{"cut'}
    assert envelope.json_text(data, "ok") == {"productId": 33030372006, "success": True}
    assert envelope.json_text(data, "bad") is None
    assert envelope.obj({"schema": '{"type": "object"}'}, "schema") == {"type": "object"}


def test_flags_accept_json_booleans_and_strings() -> None:
    data = {"a": True, "b": "false", "c": "TRUE", "d": 1}
    assert [envelope.flag(data, k) for k in "abcd"] == [True, False, True, None]


def test_pacific_times_are_read_as_utc_and_written_back_as_pacific() -> None:
    summer = envelope.pacific_time({"t": "2017-10-12 12:12:12"}, "t")
    assert summer == datetime(2017, 10, 12, 19, 12, 12, tzinfo=UTC)  # PDT = UTC-7
    assert envelope.pacific_time({"t": "2018-03-01 12:12"}, "t") == datetime(2018, 3, 1, 20, 12, tzinfo=UTC)
    assert envelope.pacific_time({"t": "0"}, "t") is None
    assert envelope.to_pacific_text(datetime(2024, 1, 15, 9, 2, 3, tzinfo=UTC)) == "2024-01-15 01:02:03"


def test_naive_query_windows_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        envelope.to_pacific_text(datetime(2024, 1, 15, 9, 2, 3))


def test_unwrap_of_a_simplified_body_is_the_body_itself() -> None:
    assert envelope.unwrap("a.b", {"job_id": 1}) == {"job_id": 1}
    assert envelope.unwrap("a.b", {"a_b_response": {"job_id": 1}}) == {"job_id": 1}
