"""The Profile Products tab through Django's test client: filters, paging, actions, the move question,
and who may do what."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aliexpress_magento.accounts.models import Account
from aliexpress_magento.activity.models import ActivityLog
from aliexpress_magento.profiles.models import Profile, ProfileProduct
from tests.support import catalog_rows as rows
from tests.support.accounts import make_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ALL = {"select_across": "1"}  # the bar's Select All: every product matching the URL's filter


@pytest.fixture
def account() -> Account:
    return make_account("https://ae.unused.test", "https://shop.unused.test")


@pytest.fixture
def shoes(account: Account) -> Profile:
    return rows.profile(account, "shoes", name="Shoes")


def url(profile: Profile, query: str = "") -> str:
    return reverse("admin:profiles_profile_products", args=[profile.pk]) + (f"?{query}" if query else "")


def skus(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.product.sku for row in response.context["rows"]]


def staff(django_user_model, account: Account, *codenames: str) -> Client:  # type: ignore[no-untyped-def]
    user = django_user_model.objects.create_user("agent", password=PASSWORD, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    account.allowed_users.add(user)
    client = Client()
    client.force_login(user)
    return client


def test_the_tab_opens_on_the_profiles_own_products_and_reset_filter_lists_all(
    merchant_client, account: Account, shoes: Profile
) -> None:
    mine = rows.product(account, sku="MINE-1", images=[{"url": "https://shop.test/m/1.jpg"}])
    rows.product(account, sku="FREE-1")
    rows.configurable(account, children=2, sku="CONF-1")  # its children are not listed
    rows.product(account, sku="GONE-1", removed_at=timezone.now())
    rows.put(shoes, mine)

    opened = merchant_client.get(url(shoes))
    assert opened.status_code == 200
    assert skus(opened) == ["MINE-1"]
    assert 'data-tab="products" class="active"' in opened.content.decode()
    assert '<img src="https://shop.test/m/1.jpg"' in opened.content.decode()

    reset = merchant_client.get(url(shoes, "in_profile=any"))
    assert skus(reset) == ["CONF-1", "FREE-1", "MINE-1"]
    assert "Total 3 records found" in reset.content.decode()


def test_each_column_filters(merchant_client, account: Account, shoes: Profile) -> None:
    rows.category(account, 10, "Shoes", "Default Category/Shoes")
    bags = rows.profile(account, "bags", name="Bags")
    red = rows.product(
        account, sku="RED", name="Red shoe", price=Decimal("30"), salable_qty=Decimal("2"), categories=[10]
    )
    rows.product(account, sku="BLUE", name="Blue shoe", enabled=False, visibility=2, salable_qty=Decimal("9"))
    rows.product(account, sku="BAG", name="Bag", type="virtual", price=Decimal("5"))
    rows.put(bags, red)

    def found(query: str) -> list[str]:
        return skus(merchant_client.get(url(shoes, f"in_profile=any&{query}")))

    assert found("name=SHOE") == ["BLUE", "RED"]
    assert found("sku=ag") == ["BAG"]
    assert found("type=virtual") == ["BAG"]
    assert found("status=disabled") == ["BLUE"]
    assert found("visibility=2") == ["BLUE"]
    assert found("price_from=6&price_to=30") == ["BLUE", "RED"]
    assert found("qty_from=3&qty_to=9") == ["BAG", "BLUE"]
    assert found("category=10") == ["RED"]
    assert found("in_profile=other") == ["RED"]
    assert found("in_profile=none") == ["BAG", "BLUE"]
    assert found("price_from=not-a-number") == ["BAG", "BLUE", "RED"]  # an unreadable value is ignored
    page = merchant_client.get(url(shoes, "in_profile=any&category=10")).content.decode()
    assert '<td class="field-categories">Shoes</td>' in page
    assert '<td class="field-profile">Bags</td>' in page


def test_pages_and_page_sizes(merchant_client, account: Account, shoes: Profile) -> None:
    rows.products(account, 45)
    first = merchant_client.get(url(shoes, "in_profile=any")).content.decode()
    assert "Page 1 of 3 pages" in first and "Total 45 records found" in first
    third = merchant_client.get(url(shoes, "in_profile=any&p=3"))
    assert len(third.context["rows"]) == 5
    assert (
        "Page 1 of 1 pages" in merchant_client.get(url(shoes, "in_profile=any&per_page=50")).content.decode()
    )


def test_select_all_assigns_every_product_matching_the_filter(
    merchant_client, account: Account, shoes: Profile
) -> None:
    rows.products(account, 45, name="Red thing")
    rows.products(account, 3, name="Blue thing")

    response = merchant_client.post(
        url(shoes, "in_profile=any&name=red"), {"action": "assign", "select_across": "1"}
    )

    assert response.status_code == 302 and response["Location"] == url(shoes, "in_profile=any&name=red")
    assert ProfileProduct.objects.filter(profile=shoes).count() == 45
    assert ProfileProduct.objects.filter(profile=shoes, product__name="Blue thing").count() == 0


def test_ticked_rows_are_assigned_and_removed_and_other_accounts_ids_are_ignored(
    merchant_client, account: Account, shoes: Profile
) -> None:
    a, b, c = rows.products(account, 3)
    foreign = rows.product(make_account("https://ae.unused.test", "https://x.unused.test", name="Other"))

    merchant_client.post(url(shoes), {"action": "assign", "ids": [a.pk, b.pk, foreign.pk]})
    assert set(ProfileProduct.objects.values_list("product_id", flat=True)) == {a.pk, b.pk}

    merchant_client.post(url(shoes), {"action": "unassign", "ids": [a.pk, c.pk]})
    assert set(ProfileProduct.objects.values_list("product_id", flat=True)) == {b.pk}
    assert list(
        ActivityLog.objects.filter(log_type="profile").order_by("id").values_list("log_sub_type", flat=True)
    ) == [
        "assign",
        "unassign",
    ]


def test_products_of_other_profiles_ask_first_then_move_or_skip(
    merchant_client, account: Account, shoes: Profile
) -> None:
    bags, hats = rows.profile(account, "bags", name="Bags"), rows.profile(account, "hats", name="Hats")
    in_bags = rows.products(account, 2)
    in_hats = rows.products(account, 1)
    free = rows.products(account, 1)
    rows.put(bags, *in_bags)
    rows.put(hats, *in_hats)
    chosen = {"action": "assign", "select_across": "1"}

    asked = merchant_client.post(url(shoes, "in_profile=any"), chosen)
    assert asked.status_code == 200
    assert asked.context["question"] == "2 products are in profile Bags (and 1 in Hats)."
    assert ProfileProduct.objects.filter(profile=shoes).count() == 0  # nothing happens before the answer

    merchant_client.post(url(shoes, "in_profile=any"), {**chosen, "on_conflict": "skip"})
    assert [rows.profile_of(p) for p in [*in_bags, *in_hats, *free]] == [bags.pk, bags.pk, hats.pk, shoes.pk]

    merchant_client.post(url(shoes, "in_profile=any"), {**chosen, "on_conflict": "move"})
    assert ProfileProduct.objects.filter(profile=shoes).count() == 4


def test_view_permission_is_read_only_and_its_posts_are_refused(
    django_user_model, account: Account, shoes: Profile
) -> None:
    rows.put(shoes, rows.product(account))
    viewer = staff(django_user_model, account, "view_profile")

    page = viewer.get(url(shoes))
    assert page.status_code == 200
    assert page.context["can_change"] is False
    assert 'name="ids"' not in page.content.decode() and 'id="massaction"' not in page.content.decode()
    assert viewer.post(url(shoes), {"action": "unassign", "select_across": "1"}).status_code == 403
    assert ProfileProduct.objects.count() == 1


def test_change_permission_may_assign(django_user_model, account: Account, shoes: Profile) -> None:
    rows.products(account, 2)
    editor = staff(django_user_model, account, "view_profile", "change_profile")
    assert 'id="massaction"' in editor.get(url(shoes)).content.decode()
    assert editor.post(url(shoes, "in_profile=any"), ALL | {"action": "assign"}).status_code == 302
    assert ProfileProduct.objects.filter(profile=shoes).count() == 2


def test_no_permission_is_refused(django_user_model, account: Account, shoes: Profile) -> None:
    assert staff(django_user_model, account).get(url(shoes)).status_code == 403


def test_another_accounts_profile_is_not_found(django_user_model, account: Account) -> None:
    viewer = staff(django_user_model, account, "view_profile", "change_profile")
    other = make_account("https://ae.unused.test", "https://x.unused.test", name="Other")
    hidden = rows.profile(other, "hidden")
    rows.products(other, 2)

    assert viewer.get(url(hidden)).status_code == 404
    assert viewer.post(url(hidden, "in_profile=any"), ALL | {"action": "assign"}).status_code == 404
    assert ProfileProduct.objects.count() == 0
