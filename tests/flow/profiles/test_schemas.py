"""A leaf category's schema: fetched once, kept verbatim and parsed; a non-leaf is refused."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog, Level
from aliexpress_magento.profiles.models import CategorySchema
from aliexpress_magento.profiles.services import categories, schemas
from aliexpress_magento.profiles.services.remote import FetchError
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from aliexpress_magento.sandbox.aliexpress import categories as sandbox_categories
from aliexpress_magento.sandbox.aliexpress.schemas import schema_for
from tests.flow.profiles.conftest import fail_every_call

SCHEMA_GET = "aliexpress.solution.product.schema.get"
SHIRTS, MENS = 348, 200000343


def test_a_leaf_schema_is_stored_raw_and_parsed(
    account: Account, ae_calls: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A non-ASCII title: the sandbox sends it as is (ensure_ascii=False); a re-encoding would escape it.
    accented = {**schema_for(SHIRTS), "title": "Schéma de produit"}
    monkeypatch.setattr(sandbox_categories, "schema_for", lambda category_id: accented)

    stored = schemas.schema(account, SHIRTS)

    assert ae_calls == Counter({SCHEMA_GET: 1})
    assert stored.raw_schema == json.dumps(accented, ensure_ascii=False)
    assert '"title": "Schéma de produit"' in stored.raw_schema
    assert stored.fetched_at is not None
    attributes = {a["name"]: a for a in stored.parsed["attributes"]}
    assert list(attributes)[:3] == ["Brand Name", "Shirts Type", "Material"]
    assert len(attributes) == 12
    assert [a["name"] for a in stored.parsed["sku_attributes"]] == ["Color", "Size"]
    assert stored.parsed["category_id"] == SHIRTS
    log = ActivityLog.objects.get(log_type="schema")
    assert log.level == Level.INFO
    assert log.comment.startswith(f"Fetched the product schema of category {SHIRTS}: 12 attributes (")
    assert log.comment.endswith(" required), 2 SKU attributes.")


def test_the_second_call_answers_from_the_cache_and_refresh_fetches(
    account: Account, ae_calls: Counter[str]
) -> None:
    first = schemas.schema(account, SHIRTS)
    assert schemas.schema(account, SHIRTS).pk == first.pk
    assert ae_calls[SCHEMA_GET] == 1

    schemas.schema(account, SHIRTS, refresh=True)
    assert ae_calls[SCHEMA_GET] == 2
    assert CategorySchema.objects.filter(account=account).count() == 1


def test_a_non_leaf_is_refused_clearly_without_a_call(account: Account, ae_calls: Counter[str]) -> None:
    categories.children(account)

    with pytest.raises(schemas.NotLeafError) as refused:
        schemas.schema(account, MENS)

    assert str(refused.value) == (
        "Men's Clothing (200000343) is not a leaf category: only a leaf category has a product schema; "
        "choose one of its subcategories."
    )
    assert ae_calls[SCHEMA_GET] == 0
    assert not CategorySchema.objects.exists()
    assert ActivityLog.objects.get(level=Level.ERROR).comment == str(refused.value)


def test_a_non_leaf_the_cache_does_not_know_gets_aliexpress_refusal(
    account: Account, ae_calls: Counter[str]
) -> None:
    with pytest.raises(FetchError) as refused:
        schemas.schema(account, MENS)

    assert ae_calls[SCHEMA_GET] == 1
    assert str(refused.value) == (
        "Could not fetch the product schema of category 200000343 from AliExpress: AliExpress error "
        "GPF.CHK_CATEGORY_ID_NOT_LEAF_CATEGORY: category 200000343 is not a leaf category. "
        "The cached copy is kept."
    )
    assert not CategorySchema.objects.exists()


def test_a_remote_failure_keeps_the_cached_schema(
    account: Account, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]
) -> None:
    kept = schemas.schema(account, SHIRTS)
    fail_every_call(ae_sandbox)

    with pytest.raises(FetchError) as failure:
        schemas.schema(account, SHIRTS, refresh=True)

    assert str(failure.value).startswith(
        f"Could not fetch the product schema of category {SHIRTS} from AliExpress: "
    )
    assert CategorySchema.objects.get() == kept
    assert CategorySchema.objects.get().raw_schema == kept.raw_schema
    assert ActivityLog.objects.get(level=Level.ERROR).comment == str(failure.value)
