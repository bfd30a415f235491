"""What the complete Shirts profile of tests/flow/listings says of a product whose material it leaves
unmapped: the sentence Validate only, Validate & Upload and the Preview show, built from the mirror."""

from __future__ import annotations

from aliexpress_magento.catalog.models import CatalogAttribute, CatalogProduct
from tests.flow.listings.test_upload import World, _material


def unmapped_material(world: World, row: CatalogProduct) -> str:
    material = _material(row)
    options = CatalogAttribute.objects.get(account=world.account, code="material").options
    label = {str(o["id"]): o["label"] for o in options}[material]
    return (
        f"Sleeve Length(cm): Magento value “{label}” (option {material} of material) has no AliExpress "
        "value in the profile's value map, and no default is set."
    )
