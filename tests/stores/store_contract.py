"""The Store interface's own test suite: every adapter's tests reuse it (DESIGN.md §9).

An adapter's test module subclasses :class:`StoreContract` and provides two fixtures: ``store`` (the
adapter over its sandbox) and ``backend`` (a :class:`Backend` that reads and acts on the same sandbox
directly, to set up and check what the Store did). Given / when / then, exact values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Protocol

import pytest

from aliexpress_magento.stores import Address, InMemoryJournal, OrderLine, OrderToCreate, Store, Track

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ADDRESS = Address(
    firstname="Li",
    lastname="Wei",
    street=("1 Main St",),
    city="Austin",
    postcode="78701",
    country_id="US",
    telephone="5125550100",
    email="li.wei@example.com",
    region="Texas",
    region_code="TX",
    region_id=57,
)


@dataclass(frozen=True)
class ExpectedConfigurable:
    sku: str
    axes: tuple[str, ...]
    # child SKU → its axis labels, in axis order
    children: dict[str, tuple[str, ...]]


class Backend(Protocol):
    payment_method: str
    shipping_method: str

    def all_skus(self) -> set[str]: ...

    def configurable(self) -> ExpectedConfigurable:
        """An enabled configurable with two axes whose children are enabled, in stock and not visible
        individually (sold only through it, as a store's variants usually are)."""
        ...

    def simple(self) -> tuple[str, Decimal]:
        """An enabled, salable simple SKU without a special price (nor its days), and its price."""
        ...

    def special_window(self) -> tuple[str, date, date]:
        """A SKU whose special price has both days set (``special_from_date``, ``special_to_date``), and
        those days as the store keeps them (its own calendar days, read from the raw answer)."""
        ...

    def salable(self, sku: str) -> float: ...

    def touch(self, sku: str) -> datetime:
        """Change the product; its new ``updated_at``."""
        ...

    def order_count(self) -> int: ...

    def order_lines(self, order_id: int) -> list[tuple[str, str, str]]:
        """Every item of the order, in the store's order, as ``(sku, product_type, parent)``: ``parent`` is
        "" for an item of its own, else the SKU of the item it belongs to. Read from the order's items
        (Magento 1: ``sales_order.info``'s ``items``, ``parent_item_id`` naming the item; Magento 2:
        ``GET /V1/orders/{id}``'s ``items``, ``parent_item_id`` likewise). A configurable's child ordered
        through its parent gives ``[(child, "configurable", ""), (child, "simple", child)]``."""
        ...

    def order_state(self, order_id: int) -> str: ...

    def comments(self, order_id: int) -> list[str]:
        """The order's comments, oldest first (a quote order's own amounts comment comes before any
        added later, as on a real store)."""
        ...

    def ship(self, order_id: int, track: Track) -> None: ...

    def now(self) -> datetime:
        """The store's clock, to the second: a real store's may differ from this machine's."""
        ...


def order_for(sku: str, price: Decimal, external_id: str, qty: int = 2) -> OrderToCreate:
    subtotal = price * qty
    return OrderToCreate(
        external_id=external_id,
        currency="USD",
        lines=(OrderLine(sku, qty, price, "Marketplace name"),),
        customer_email=ADDRESS.email,
        customer_firstname=ADDRESS.firstname,
        customer_lastname=ADDRESS.lastname,
        billing_address=ADDRESS,
        shipping_address=ADDRESS,
        payment_method="checkmo",
        shipping_method="flatrate_flatrate",
        subtotal=subtotal,
        shipping_amount=Decimal("5"),
        grand_total=subtotal + 5,
    )


def _salable_child(backend: Backend) -> tuple[str, str, Decimal]:
    """The configurable's SKU, its child with the most stock (at least 2), and a marketplace price."""
    expected = backend.configurable()
    child = max(sorted(expected.children), key=backend.salable)
    assert backend.salable(child) >= 2
    return expected.sku, child, Decimal("9.50")


def _child_order(child: str, price: Decimal, external_id: str, parent: str = "") -> OrderToCreate:
    order = order_for(child, price, external_id)
    return replace(order, lines=(replace(order.lines[0], parent_sku=parent),))


class PlacementCrash(Exception):
    """The process stopped here."""


def crash_on_next_comment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The adapter's next order comment fails, once. Both adapters keep their API client as ``client``;
    the class is patched, not the instance, since an adapter may hold more than one client (Magento 2
    places carts through a client scoped to the store view)."""
    orders = type(store.client.orders)  # type: ignore[attr-defined]
    real = orders.add_comment

    def crash(*args: object, **kwargs: object) -> None:
        monkeypatch.setattr(orders, "add_comment", real)
        raise PlacementCrash

    monkeypatch.setattr(orders, "add_comment", crash)


class StoreContract:
    """Subclass it; provide the ``store`` and ``backend`` fixtures."""

    # --- catalog ------------------------------------------------------------------------------------

    def test_a_configurable_product_becomes_one_product_with_children_and_axis_values(
        self, store: Store, backend: Backend
    ) -> None:
        expected = backend.configurable()
        [product] = store.products_by_sku([expected.sku])
        assert (product.sku, product.type, product.axes) == (expected.sku, "configurable", expected.axes)
        assert {c.sku: tuple(v.label for v in c.axis_values) for c in product.children} == expected.children
        assert all(tuple(v.attribute_code for v in c.axis_values) == expected.axes for c in product.children)

    def test_products_by_sku_leave_unknown_skus_out(self, store: Store, backend: Backend) -> None:
        sku, price = backend.simple()
        [product] = store.products_by_sku([sku, "NO-SUCH-SKU"])
        assert (product.sku, product.type, product.enabled, product.price) == (sku, "simple", True, price)
        assert product.children == () and product.axes == ()
        assert product.images and all("/catalog/product/" in image.url for image in product.images)
        assert product.updated_at.tzinfo is UTC

    def test_special_price_days_are_read_where_set_and_none_where_not(
        self, store: Store, backend: Backend
    ) -> None:
        sku, starts, ends = backend.special_window()
        plain, _ = backend.simple()
        found = {p.sku: (p.special_from, p.special_to) for p in store.products_by_sku([sku, plain])}
        assert found == {sku: (starts, ends), plain: (None, None)}
        changed = {p.sku: (p.special_from, p.special_to) for p in store.products_changed_since(EPOCH)}
        assert changed[sku] == (starts, ends)

    def test_each_product_carries_the_platforms_own_id(self, store: Store, backend: Backend) -> None:
        """Bindings key on the entity id (a SKU can be renamed): distinct, positive, the same whichever read
        found the product, and a configurable's children carry their own."""
        products = list(store.products_changed_since(EPOCH, page_size=50))
        ids = {p.sku: p.entity_id for p in products}
        assert len(set(ids.values())) == len(ids) and all(i > 0 for i in ids.values())
        expected = backend.configurable()
        [parent] = store.products_by_sku([expected.sku])
        assert parent.entity_id == ids[expected.sku]
        assert {c.sku: c.entity_id for c in parent.children} == {c: ids[c] for c in expected.children}

    def test_each_product_carries_its_attribute_set(self, store: Store, backend: Backend) -> None:
        """Auto-assignment rules take products by attribute set: every product, a configurable's
        children included, says its set (Magento always has one), the same from either read."""
        sets = {p.sku: p.attribute_set_id for p in store.products_changed_since(EPOCH, page_size=50)}
        assert all(isinstance(s, int) and s > 0 for s in sets.values())
        [parent] = store.products_by_sku([backend.configurable().sku])
        assert [(p.sku, p.attribute_set_id) for p in (parent, *parent.children)] == [
            (p.sku, sets[p.sku]) for p in (parent, *parent.children)
        ]

    def test_iterating_from_the_start_yields_every_product_once(self, store: Store, backend: Backend) -> None:
        skus = [p.sku for p in store.products_changed_since(EPOCH, page_size=37)]
        assert len(skus) == len(set(skus))
        assert set(skus) == backend.all_skus()

    def test_products_come_oldest_first_across_pages(self, store: Store, backend: Backend) -> None:
        sku, _ = backend.simple()
        child = next(iter(backend.configurable().children))
        touched = {sku: backend.touch(sku), child: backend.touch(child)}
        products = list(store.products_changed_since(EPOCH, page_size=37))
        stamps = [p.updated_at for p in products]
        assert stamps == sorted(stamps)
        assert {p.sku: p.updated_at for p in products[-2:]} == touched

    def test_a_product_edited_mid_read_is_not_lost(self, store: Store, backend: Backend) -> None:
        """A product edited while the catalog is read moves to the end of the (updated_at, id) order:
        paged by offset, every later product moved up one place and one slipped between two pages,
        older than the next watermark, so an incremental mirror lost it for good."""
        products = store.products_changed_since(EPOCH, page_size=5)
        first_page = [next(products).sku for _ in range(5)]
        backend.touch(first_page[0])
        rest = [p.sku for p in products]
        assert set(first_page + rest) == backend.all_skus()
        assert rest[-1] == first_page[0]  # read again, with its new time, at the end
        assert len(rest) == len(backend.all_skus()) - 4

    def test_products_changed_since_yields_only_the_changed_ones(
        self, store: Store, backend: Backend
    ) -> None:
        sku, _ = backend.simple()
        changed_at = backend.touch(sku)
        assert [p.sku for p in store.products_changed_since(changed_at)] == [sku]

    def test_salable_quantities_of_many_skus(self, store: Store, backend: Backend) -> None:
        sku, _ = backend.simple()
        child = next(iter(backend.configurable().children))
        found = store.salable_quantities([sku, child, "NO-SUCH-SKU"])
        assert {s: (q.qty, q.is_salable) for s, q in found.items()} == {
            sku: (backend.salable(sku), True),
            child: (backend.salable(child), backend.salable(child) > 0),
        }
        # Compared with the last quantity pushed to decide "changed or not": exact decimals, never floats.
        assert all(type(q.qty) is Decimal for q in found.values())

    def test_attributes_with_options_and_no_placeholder(self, store: Store, backend: Backend) -> None:
        attributes = {a.code: a for a in store.attributes()}
        for axis in backend.configurable().axes:
            options = attributes[axis].options
            assert options and all(o.id.strip() and o.label.strip() for o in options)

    def test_category_tree(self, store: Store) -> None:
        root = store.category_tree()
        assert root.children and all(child.parent_id == root.id for child in root.children)

    def test_payment_and_shipping_methods_available(self, store: Store, backend: Backend) -> None:
        sku, _ = backend.simple()
        methods = store.available_methods(sku, ADDRESS)
        assert backend.payment_method in [m.code for m in methods.payment]
        assert backend.shipping_method in [m.code for m in methods.shipping]

    # --- orders -------------------------------------------------------------------------------------

    def test_an_unknown_external_id_finds_no_order(self, store: Store) -> None:
        assert store.find_order("AE-NOPE") is None

    @pytest.mark.parametrize("method", ["quote", "direct"])
    def test_creating_an_order_twice_with_the_same_external_id_returns_the_first_and_creates_nothing(
        self, store: Store, backend: Backend, method: str
    ) -> None:
        sku, price = backend.simple()
        order = replace(order_for(sku, price, f"AE-{method}-1"), increment_id=f"AE-{method}-1")
        first = store.create_order(order, method)  # type: ignore[arg-type]
        count = backend.order_count()
        again = store.create_order(order, method)  # type: ignore[arg-type]
        assert (first.created, again.created) == (True, False)
        assert (again.id, again.number, again.external_id) == (first.id, first.number, f"AE-{method}-1")
        assert backend.order_count() == count
        assert store.find_order(f"AE-{method}-1") == again

    def test_a_quote_order_notes_its_cart_in_the_journal_and_is_created_once(
        self, store: Store, backend: Backend
    ) -> None:
        sku, price = backend.simple()
        journal = InMemoryJournal()
        first = store.create_order(order_for(sku, price, "AE-J-1"), "quote", journal=journal)
        count = backend.order_count()
        again = store.create_order(order_for(sku, price, "AE-J-1"), "quote", journal=journal)
        assert (first.created, again.created, again.id) == (True, False, first.id)
        assert backend.order_count() == count
        assert list(journal.carts) == ["AE-J-1"] and journal.carts["AE-J-1"].strip() != ""

    def test_a_retry_without_a_journal_after_a_crash_right_after_placing_creates_no_second_order(
        self, store: Store, backend: Backend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Both adapters mark a placed order with an order comment first: that call failing is the crash
        between "placed" and "marked with its external id". No journal is passed: the Store's own counts."""
        sku, price = backend.simple()
        order = order_for(sku, price, "AE-CRASH-1")
        count = backend.order_count()
        crash_on_next_comment(store, monkeypatch)
        with pytest.raises(PlacementCrash):
            store.create_order(order, "quote")
        again = store.create_order(order, "quote")
        assert (again.created, again.external_id, backend.order_count()) == (False, "AE-CRASH-1", count + 1)
        assert store.find_order("AE-CRASH-1") == again

    def test_ensure_customer_finds_the_customer_it_created(self, store: Store, backend: Backend) -> None:
        email = f"ae-orders-{backend.now():%Y%m%d%H%M%S}@example.com"  # a live store keeps its customers
        first = store.ensure_customer(email, "AliExpress", "Customer")
        assert first > 0
        assert store.ensure_customer(email, "Another", "Name") == first

    def test_a_quote_order_for_a_customer_is_created_once_with_its_own_lines(
        self, store: Store, backend: Backend
    ) -> None:
        sku, price = backend.simple()
        email = f"ae-customer-{backend.now():%Y%m%d%H%M%S}@example.com"
        customer = store.ensure_customer(email, "AliExpress", "Customer")
        order = replace(order_for(sku, price, "AE-CUSTOMER-1"), customer_id=customer, customer_email=email)
        first = store.create_order(order, "quote")
        count = backend.order_count()
        again = store.create_order(order, "quote")
        assert (first.created, again.created, again.id) == (True, False, first.id)
        assert backend.order_count() == count
        assert [line[0] for line in backend.order_lines(first.id)] == [sku]

    def test_a_quote_order_reserves_the_salable_quantity(self, store: Store, backend: Backend) -> None:
        sku, price = backend.simple()
        before = backend.salable(sku)
        created = store.create_order(order_for(sku, price, "AE-Q-2", qty=2), "quote")
        assert (created.state, created.status) == ("new", "pending")
        assert backend.salable(sku) == before - 2

    def test_a_child_named_with_its_parent_is_ordered_as_the_configurable(
        self, store: Store, backend: Backend
    ) -> None:
        """The merchant's order shows the configurable product they sell, as their own checkout makes it,
        and the child's stock is taken."""
        parent, child, price = _salable_child(backend)
        before = backend.salable(child)
        created = store.create_order(_child_order(child, price, "AE-CONF-1", parent))
        assert backend.order_lines(created.id) == [(child, "configurable", ""), (child, "simple", child)]
        assert backend.salable(child) == before - 2

    def test_a_child_not_visible_alone_is_ordered_through_its_parent_found_by_the_store(
        self, store: Store, backend: Backend
    ) -> None:
        _, child, price = _salable_child(backend)
        before = backend.salable(child)
        created = store.create_order(_child_order(child, price, "AE-CONF-2"))
        assert backend.order_lines(created.id) == [(child, "configurable", ""), (child, "simple", child)]
        assert backend.salable(child) == before - 2

    def test_a_configurable_order_ships_one_line_per_product_sold(
        self, store: Store, backend: Backend
    ) -> None:
        parent, child, price = _salable_child(backend)
        created = store.create_order(_child_order(child, price, "AE-CONF-3", parent))
        assert backend.order_lines(created.id)[0] == (child, "configurable", "")
        before = datetime.now(UTC).replace(microsecond=0)
        backend.ship(created.id, Track("1ZLAB0002", "ups", "UPS"))
        shipments = [s for s in store.shipments_since(before) if s.order_id == created.id]
        assert [[(line.sku, line.qty) for line in s.lines] for s in shipments] == [[(child, 2.0)]]

    def test_comment_and_cancel(self, store: Store, backend: Backend) -> None:
        sku, price = backend.simple()
        created = store.create_order(order_for(sku, price, "AE-C-1"), "quote")
        store.add_order_comment(created.id, "Buyer asked to cancel")
        assert backend.comments(created.id)[-1] == "Buyer asked to cancel"
        assert store.cancel_order(created.id) is True
        assert backend.order_state(created.id) == "canceled"

    def test_shipments_since_with_their_tracks(self, store: Store, backend: Backend) -> None:
        sku, price = backend.simple()
        created = store.create_order(order_for(sku, price, "AE-S-1"), "quote")
        before = backend.now()
        backend.ship(created.id, Track("1ZLAB0001", "ups", "UPS"))
        shipments = [s for s in store.shipments_since(before) if s.order_id == created.id]
        assert [([(line.sku, line.qty) for line in s.lines], s.tracks) for s in shipments] == [
            ([(sku, 2.0)], (Track("1ZLAB0001", "ups", "UPS"),))
        ]

    def test_a_store_closes_its_connections_at_the_end_of_a_with_block(self, store: Store) -> None:
        with store as same:
            assert same is store and store.store_views()
        with pytest.raises(RuntimeError, match="closed"):
            store.store_views()

    def test_store_views_list_the_default_view(self, store: Store) -> None:
        views = {view.code: view for view in store.store_views()}
        assert "admin" not in views
        default = views["default"]
        assert (default.name, default.is_active) == ("Default Store View", True)
