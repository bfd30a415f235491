"""Validate & Upload (issue 13): the catalog mirrored from each Magento sandbox, a complete Shirts profile
(category 348, its schema served by the AliExpress sandbox), a simple and a configurable uploaded through
feeds, their results applied by the feeds.sync job; an invalid product, an unchanged second upload, a
changed price and an AliExpress refusal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from aliexpress_magento.catalog.services import refresh
from aliexpress_magento.feeds.models import Feed, FeedItem
from aliexpress_magento.feeds.tasks import sync_feeds
from aliexpress_magento.listings.models import Listing, ListingSku, ListingStatus
from aliexpress_magento.listings.services import results
from aliexpress_magento.listings.services import upload as listings
from aliexpress_magento.profiles.models import CategorySchema, Profile
from aliexpress_magento.profiles.services import assignment, categories, completeness, mappings, schemas
from aliexpress_magento.profiles.services.mappings import Choice, MappingInput
from aliexpress_magento.sandbox.aliexpress import AliExpressSandbox
from tests.flow.listings.conftest import UPLOAD, StoreMedia

pytestmark = pytest.mark.parametrize("media", ["magento2", "magento1"], indirect=True)

SHIRTS, MENS = 348, 200000343
NONE_BRAND, FULL_SLEEVE = "200010868", "200001500"
SUBMIT, QUERY = "aliexpress.solution.feed.submit", "aliexpress.solution.feed.query"
UNKNOWN_PRODUCT = "F00-00-10001-002"


@dataclass
class World:
    account: Account
    profile: Profile
    simple: CatalogProduct
    configurable: CatalogProduct
    invalid: CatalogProduct
    media: StoreMedia
    ae: AliExpressSandbox
    calls: Counter[str]

    def mirror(self) -> None:
        refresh.refresh(self.account, full=True)
        for row in (self.simple, self.configurable, self.invalid):
            row.refresh_from_db()

    def sync(self) -> None:
        sync_feeds.apply(kwargs={"account_id": self.account.pk, "everything": True})

    def listing(self, row: CatalogProduct) -> Listing:
        return Listing.objects.get(product=row)


def _options(account: Account, code: str) -> list[str]:
    attribute = CatalogAttribute.objects.get(account=account, code=code)
    return [str(o["id"]) for o in attribute.options if str(o["id"])]


def _ae_values(account: Account, sku_attribute: str) -> list[str]:
    parsed = CategorySchema.objects.get(account=account, category_id=SHIRTS).parsed
    (spec,) = [a for a in parsed["sku_attributes"] if a["name"] == sku_attribute]
    return [str(v["id"]) for v in spec["values"] if str(v["id"]) != "4"]


def _material(row: CatalogProduct) -> str:
    return str(row.attributes["material"])


def _pick(account: Account) -> tuple[CatalogProduct, CatalogProduct, CatalogProduct]:
    """A salable simple, a colour-and-size configurable whose children are all enabled, and a simple of
    another material (the one the profile leaves unmapped)."""
    live = CatalogProduct.objects.filter(account=account, enabled=True, removed_at__isnull=True).order_by(
        "pk"
    )
    simples = [
        p
        for p in live.filter(type="simple", parent__isnull=True, special_price__isnull=True)
        if p.is_salable and p.limited and p.images and "/" not in p.sku
    ]
    configurable = next(
        p
        for p in live.filter(type="configurable")
        if p.axes == ["color", "size"] and p.images and all(c.enabled for c in p.children.all())
    )
    simple = simples[0]
    mapped = {_material(simple), _material(configurable)}
    invalid = next(p for p in simples if _material(p) not in mapped)
    return simple, configurable, invalid


def _shirts_profile(account: Account, simple: CatalogProduct, configurable: CatalogProduct) -> Profile:
    categories.children(account)
    categories.children(account, MENS)
    schemas.schema(account, SHIRTS)
    profile = Profile.objects.create(
        account=account,
        code="shirts",
        name="Shirts",
        category_id=SHIRTS,
        category_path=["Men's Clothing", "Shirts"],
    )
    sleeves = {_material(simple): Choice(FULL_SLEEVE), _material(configurable): Choice(FULL_SLEEVE)}
    # Each Magento colour and size to its own AliExpress value, in the schema's order.
    colors = dict(zip(_options(account, "color"), map(Choice, _ae_values(account, "Color")), strict=False))
    sizes = dict(zip(_options(account, "size"), map(Choice, _ae_values(account, "Size")), strict=False))
    mappings.save(
        profile,
        [
            MappingInput("category", "Brand Name", "fixed", fixed=Choice(NONE_BRAND)),
            MappingInput("category", "Sleeve Length(cm)", "magento", "material", value_map=sleeves),
            MappingInput("sku", "Color", "magento", "color", value_map=colors),
            MappingInput("sku", "Size", "magento", "size", value_map=sizes),
        ],
        user=None,
    )
    assert completeness.missing_mappings(profile) == []
    return profile


@pytest.fixture
def world(
    account: Account, media: StoreMedia, ae_sandbox: AliExpressSandbox, ae_calls: Counter[str]
) -> World:
    """Given the mirror, the complete Shirts profile and three products assigned to it."""
    ae_sandbox.knobs.feed_delay_seconds = 0
    account.freight_template_id = "1000"
    account.save()
    refresh.refresh(account, full=True)
    simple, configurable, invalid = _pick(account)
    profile = _shirts_profile(account, simple, configurable)
    chosen = CatalogProduct.objects.filter(pk__in=[simple.pk, configurable.pk, invalid.pk])
    assignment.assign(profile, chosen, move=False)
    ae_calls.clear()
    return World(account, profile, simple, configurable, invalid, media, ae_sandbox, ae_calls)


def _qty(row: CatalogProduct) -> int:
    if not row.is_salable or row.salable_qty is None:
        return 0
    return int(row.salable_qty.to_integral_value(rounding=ROUND_FLOOR))


def _cents(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(Decimal("0.01"))


def _skus(listing: Listing) -> dict[str, tuple[Decimal | None, int | None, int | None]]:
    return {
        s.sku_code: (s.pushed_price, s.pushed_qty, s.product_id)
        for s in ListingSku.objects.filter(listing=listing)
    }


def _upload_both(world: World) -> listings.Outcome:
    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])
    world.sync()
    return outcome


# --- tests ---------------------------------------------------------------------------------------------


def test_a_simple_and_a_configurable_go_live_with_their_product_ids_and_skus(world: World) -> None:
    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])

    assert sorted(outcome.done) == sorted([world.simple.sku, world.configurable.sku])
    assert (outcome.skipped, outcome.failed) == ({}, {})
    assert world.calls[SUBMIT] == 1  # both PRODUCT_CREATE items in one feed
    assert world.calls[UPLOAD] > 0  # their images went to the photobank first
    (feed,) = Feed.objects.all()
    assert feed.operation_type == "PRODUCT_CREATE"
    assert set(FeedItem.objects.values_list("item_content_id", flat=True)) == {
        world.simple.sku,
        world.configurable.sku,
    }
    assert {world.listing(r).status for r in (world.simple, world.configurable)} == {ListingStatus.UPLOADING}

    world.sync()

    products = world.ae.world.products.products
    simple, configurable = world.listing(world.simple), world.listing(world.configurable)
    assert (simple.status, configurable.status) == (ListingStatus.LIVE, ListingStatus.LIVE)
    assert simple.aliexpress_product_id in products and configurable.aliexpress_product_id in products
    assert simple.aliexpress_product_id != configurable.aliexpress_product_id
    assert (simple.errors, simple.feed_item_id, simple.uploaded_at is not None) == ([], None, True)
    assert _skus(simple) == {
        world.simple.sku: (_cents(world.simple.price), _qty(world.simple), world.simple.pk)
    }
    children = CatalogProduct.objects.filter(parent=world.configurable)
    assert _skus(configurable) == {c.sku: (_cents(c.price), _qty(c), c.pk) for c in children}
    sent = products[configurable.aliexpress_product_id].skus
    assert {s["sku_code"]: (Decimal(str(s["price"])), s["inventory"]) for s in sent} == {
        c.sku: (_cents(c.price), _qty(c)) for c in children
    }
    logged = list(
        ActivityLog.objects.filter(log_type="listing").order_by("pk").values_list("log_sub_type", "comment")
    )
    assert logged == [
        ("images", "Images: 10 uploaded to the photobank, 0 reused from the cache, 0 failed."),
        ("upload", "Upload: 2 done, 0 skipped, 0 failed."),
        ("results", "Feed results: 2 live, 0 error."),
    ]


def test_a_sync_of_several_feeds_applies_their_results_one_feed_at_a_time(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A sync that finishes many feeds at once (after a large upload: ten of 2,000 items) must not hold
    every feed's listings and items in memory together: the listings are read feed by feed."""
    listings.upload(world.account, [world.simple.pk])
    listings.upload(world.account, [world.configurable.pk])
    assert Feed.objects.count() == 2
    read: list[set[int]] = []
    waiting = results._waiting

    def spy(account, feed_results):  # type: ignore[no-untyped-def]
        read.append({r.feed_id for r in feed_results})
        return waiting(account, feed_results)

    monkeypatch.setattr(results, "_waiting", spy)

    world.sync()

    assert sorted(map(sorted, read)) == sorted([f.pk] for f in Feed.objects.all())
    assert {world.listing(r).status for r in (world.simple, world.configurable)} == {ListingStatus.LIVE}
    entry = ActivityLog.objects.get(log_sub_type="results")
    assert entry.comment == "Feed results: 2 live, 0 error."


def test_an_invalid_product_is_marked_with_the_exact_sentence_and_nothing_is_sent(world: World) -> None:
    outcome = listings.upload(world.account, [world.invalid.pk])

    material = _material(world.invalid)
    label = dict(
        (str(o["id"]), o["label"])
        for o in CatalogAttribute.objects.get(account=world.account, code="material").options
    )[material]
    sentence = (
        f"Sleeve Length(cm): Magento value “{label}” (option {material} of material) has no AliExpress value "
        "in the profile's value map, and no default is set."
    )
    assert outcome.failed == {world.invalid.sku: sentence}
    assert outcome.done == []
    listing = world.listing(world.invalid)
    assert listing.status == ListingStatus.INVALID
    assert listing.errors == [{"attribute": "Sleeve Length(cm)", "magento": "material", "message": sentence}]
    assert world.calls[SUBMIT] == 0
    assert not Feed.objects.exists()


def test_validate_marks_the_invalid_one_and_leaves_the_valid_ones_not_uploaded(world: World) -> None:
    ids = [world.simple.pk, world.configurable.pk, world.invalid.pk]
    outcome = listings.validate(world.account, ids)

    assert sorted(outcome.done) == sorted([world.simple.sku, world.configurable.sku])
    assert list(outcome.failed) == [world.invalid.sku]
    statuses = {lst.product_id: (lst.status, len(lst.errors)) for lst in Listing.objects.all()}
    assert statuses == {
        world.simple.pk: (ListingStatus.NOT_UPLOADED, 0),
        world.configurable.pk: (ListingStatus.NOT_UPLOADED, 0),
        world.invalid.pk: (ListingStatus.INVALID, 1),
    }
    assert sum(world.calls.values()) == 0  # validating calls nobody


def test_a_second_upload_with_nothing_changed_sends_nothing(world: World) -> None:
    _upload_both(world)
    world.calls.clear()

    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])

    assert outcome.done == []
    assert outcome.skipped == {
        world.simple.sku: listings.UNCHANGED,
        world.configurable.sku: listings.UNCHANGED,
    }
    assert (world.calls[SUBMIT], world.calls[UPLOAD]) == (0, 0)
    assert Feed.objects.count() == 1


def test_a_changed_price_sends_a_full_update_of_that_product_only(world: World) -> None:
    _upload_both(world)
    first_id = world.listing(world.simple).aliexpress_product_id
    new_price = _cents(world.simple.price) + Decimal("5.00")
    world.media.sandbox.update_product(world.simple.sku, price=float(new_price))
    world.mirror()
    world.calls.clear()

    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])

    assert outcome.done == [world.simple.sku]
    assert outcome.skipped == {world.configurable.sku: listings.UNCHANGED}
    assert world.calls[SUBMIT] == 1
    update = Feed.objects.get(operation_type="PRODUCT_FULL_UPDATE")
    (item,) = update.items.all()
    assert (item.item_content_id, item.item_content["aliexpress_product_id"]) == (world.simple.sku, first_id)

    world.sync()

    listing = world.listing(world.simple)
    assert (listing.status, listing.aliexpress_product_id) == (ListingStatus.LIVE, first_id)
    assert _skus(listing) == {world.simple.sku: (new_price, _qty(world.simple), world.simple.pk)}
    (sent,) = world.ae.world.products.products[first_id].skus
    assert Decimal(str(sent["price"])) == new_price


def test_a_french_name_changed_in_magento_sends_a_full_update_with_it(world: World) -> None:
    world.account.extra_locales = {"french": "fr_FR"}
    world.account.save()
    world.mirror()  # reads the French store view: no French texts yet, Magento's default ones
    _upload_both(world)
    product_id = world.listing(world.simple).aliexpress_product_id
    titles = world.ae.world.products.products[product_id].instance["title_multi_language_list"]
    assert titles == [
        {"locale": "en_US", "title": world.simple.name},
        {"locale": "fr_FR", "title": world.simple.name},
    ]
    world.media.sandbox.set_view_texts("french", world.simple.sku, name="Chemise en lin")
    world.mirror()
    world.calls.clear()

    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])
    world.sync()

    assert outcome.done == [world.simple.sku]
    assert outcome.skipped == {world.configurable.sku: listings.UNCHANGED}
    sent = world.ae.world.products.products[product_id].instance
    assert sent["title_multi_language_list"] == [
        {"locale": "en_US", "title": world.simple.name},
        {"locale": "fr_FR", "title": "Chemise en lin"},
    ]
    assert [d["locale"] for d in sent["description_multi_language_list"]] == ["en_US", "fr_FR"]


def test_an_aliexpress_item_failure_makes_the_listing_error_with_aliexpress_message(world: World) -> None:
    _upload_both(world)
    product_id = world.listing(world.simple).aliexpress_product_id
    del world.ae.world.products.products[product_id]  # removed on AliExpress meanwhile
    world.media.sandbox.update_product(world.simple.sku, price=float(_cents(world.simple.price) + 1))
    world.mirror()

    listings.upload(world.account, [world.simple.pk])
    world.sync()

    listing = world.listing(world.simple)
    assert listing.status == ListingStatus.ERROR
    assert listing.errors == [
        {
            "attribute": "",
            "magento": "",
            "message": f"AliExpress refused the product: The product does not exist. ({UNKNOWN_PRODUCT})",
        }
    ]
    assert listing.feed_item_id is None
    assert world.listing(world.configurable).status == ListingStatus.LIVE
    entry = ActivityLog.objects.filter(log_sub_type="results").latest("pk")
    assert entry.comment == (
        "Feed results: 0 live, 1 error.\n"
        f"{world.simple.sku}: AliExpress refused the product: The product does not exist. ({UNKNOWN_PRODUCT})"
    )
    assert timezone.now() >= listing.synced_at  # type: ignore[operator]


def test_validating_a_page_of_products_costs_the_queries_of_one(world: World) -> None:
    everything = [world.simple.pk, world.configurable.pk, world.invalid.pk]
    listings.validate(world.account, everything)  # their listings exist from now on

    with CaptureQueriesContext(connection) as one:
        listings.validate(world.account, [world.simple.pk])
    with CaptureQueriesContext(connection) as three:
        listings.validate(world.account, everything)

    assert len(three.captured_queries) == len(one.captured_queries)


def test_further_languages_cost_no_query_more(world: World) -> None:
    everything = [world.simple.pk, world.configurable.pk, world.invalid.pk]
    listings.validate(world.account, everything)
    with CaptureQueriesContext(connection) as main_only:
        listings.validate(world.account, everything)
    world.account.extra_locales = {"french": "fr_FR"}
    world.account.save()
    world.mirror()  # the French view's texts, in the rows
    listings.validate(world.account, everything)
    with CaptureQueriesContext(connection) as with_french:
        listings.validate(world.account, everything)

    assert len(with_french.captured_queries) == len(main_only.captured_queries)


def test_products_outside_an_active_complete_profile_are_skipped_with_the_reason(world: World) -> None:
    world.profile.status = Profile.Status.INACTIVE
    world.profile.save()
    child = CatalogProduct.objects.filter(parent=world.configurable).first()
    assert child is not None

    outcome = listings.upload(world.account, [world.simple.pk, child.pk])

    assert outcome.skipped == {
        world.simple.sku: "its profile “Shirts” is inactive",
        child.sku: "a child is listed as a SKU of its configurable, not on its own",
    }
    assert (outcome.done, outcome.failed, sum(world.calls.values())) == ([], {}, 0)


# --- the account's listing settings --------------------------------------------------------------------

USD_STORE = {"store_views": [{"code": "default", "name": "Default", "website": "base", "currency": "USD"}]}


def _converted(price: Decimal | None, rate: str) -> Decimal:
    """By hand: the Magento price in cents, times the rate, rounded half up to cents."""
    return (_cents(price) * Decimal(rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_accounts_currency_package_languages_and_stock_rules_reach_aliexpress(world: World) -> None:
    account = world.account
    account.remote_choices = USD_STORE
    account.quotation_currency, account.currency_rate = "EUR", Decimal("0.9")
    account.package_length, account.package_width, account.package_height = 40, 30, 10
    simple_qty = _qty(world.simple)
    assert simple_qty > 3
    # The cap binds on the simple (its quantity less 2, not less 1); the buffer on the children below it.
    account.stock_buffer, account.stock_threshold, account.stock_max = 1, 0, simple_qty - 2
    account.extra_locales = {"french": "fr_FR"}  # no French names in the mirror yet: not sent
    account.save()

    outcome = _upload_both(world)

    assert (sorted(outcome.done), outcome.failed) == (sorted([world.simple.sku, world.configurable.sku]), {})
    listing = world.listing(world.simple)
    sent = world.ae.world.products.products[listing.aliexpress_product_id].instance
    expected_qty = simple_qty - 2
    assert [(s["sku_code"], Decimal(str(s["price"])), s["inventory"]) for s in sent["sku_info_list"]] == [
        (world.simple.sku, _converted(world.simple.price, "0.9"), expected_qty)
    ]
    assert (sent["package_length"], sent["package_width"], sent["package_height"]) == (40, 30, 10)
    assert [t["locale"] for t in sent["title_multi_language_list"]] == ["en_US"]
    assert _skus(listing) == {
        world.simple.sku: (_converted(world.simple.price, "0.9"), expected_qty, world.simple.pk)
    }
    children = CatalogProduct.objects.filter(parent=world.configurable)
    assert any(0 < _qty(c) - 1 < simple_qty - 2 for c in children), [_qty(c) for c in children]
    configurable = world.ae.world.products.products[world.listing(world.configurable).aliexpress_product_id]
    assert {s["sku_code"]: (Decimal(str(s["price"])), s["inventory"]) for s in configurable.skus} == {
        c.sku: (_converted(c.price, "0.9"), min(max(_qty(c) - 1, 0), simple_qty - 2)) for c in children
    }


def test_another_currency_without_a_rate_fails_each_product_with_the_builders_sentence(world: World) -> None:
    world.account.remote_choices = USD_STORE
    world.account.quotation_currency = "EUR"
    world.account.save()
    why = (
        "Prices are in USD but AliExpress quotes this seller in EUR, and no USD → EUR rate is set "
        "(Configuration: Conversion rate): nothing is sent unconverted."
    )

    outcome = listings.upload(world.account, [world.simple.pk, world.configurable.pk])

    assert outcome.done == []
    assert outcome.failed[world.simple.sku] == f"Price of SKU {world.simple.sku}: {why}"
    assert world.listing(world.simple).errors == [
        {"attribute": "price", "magento": "price", "message": f"Price of SKU {world.simple.sku}: {why}"}
    ]
    children = CatalogProduct.objects.filter(parent=world.configurable).order_by("sku")
    configurable = world.listing(world.configurable)
    assert configurable.status == ListingStatus.INVALID
    assert [e["message"] for e in configurable.errors] == [f"Price of SKU {c.sku}: {why}" for c in children]
    assert (world.calls[SUBMIT], Feed.objects.count()) == (0, 0)
