"""Product attributes of the demo store, with the ids a stock 2.4.7 install and the recordings use.

``color`` is 93 and ``size`` 137 as on the recorded store; Red is option 4 and Blue 5, S/M/L are 6/7/8.
Options keep their admin sort order (the recordings list S, M, L, not alphabetically); an attribute whose
options live in the option table (``source_model`` Table) answers the empty placeholder
``{"label": " ", "value": ""}`` first, one with its own source model (status, visibility, tax class)
does not. ``apply_to``, the models, ``frontend_class`` and ``default_value`` are the ones a 2.4.7-p7
store answered (``second-store/customers-orders/attributes.list``); for the demo's own ``size``, ``brand``
and ``material`` they are those of an attribute made in the admin (unsure: not recorded).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Attribute:
    attribute_id: int
    code: str
    label: str
    frontend_input: str
    backend_type: str
    user_defined: bool = False
    required: bool = False
    scope: str = "global"
    options: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (option id, label)
    apply_to: tuple[str, ...] = ()  # empty: every product type
    source_model: str | None = None
    backend_model: str | None = None
    frontend_class: str | None = None
    default_value: str | None = None

    @property
    def placeholder(self) -> bool:
        """Options from the option table start with the blank placeholder."""
        return self.source_model == TABLE

    def option_label(self, option_id: int) -> str:
        return dict(self.options).get(option_id, "")

    def option_id(self, label: str) -> int:
        for option_id, text in self.options:
            if text == label:
                return option_id
        raise KeyError(label)


COLORS = (
    (5, "Blue"), (4, "Red"), (9, "Black"), (10, "White"), (11, "Green"),
    (12, "Yellow"), (13, "Grey"), (14, "Pink"), (15, "Navy"), (16, "Orange"),
)  # fmt: skip
SIZES = ((17, "XS"), (6, "S"), (7, "M"), (8, "L"), (18, "XL"), (19, "XXL"))
BRANDS = tuple((20 + i, name) for i, name in enumerate(
    ("Northwind", "Alder & Co", "Brightline", "Cobalt", "Dunmore", "Everly", "Fjell", "Granite")
))  # fmt: skip
MATERIALS = tuple((30 + i, name) for i, name in enumerate(
    ("Cotton", "Linen", "Wool", "Polyester", "Leather", "Bamboo", "Steel", "Ceramic")
))  # fmt: skip

TABLE = "Magento\\Eav\\Model\\Entity\\Attribute\\Source\\Table"
PRODUCT_BACKEND = "Magento\\Catalog\\Model\\Product\\Attribute\\Backend\\"
PRICED = ("simple", "virtual", "downloadable", "bundle", "configurable")
STATUSES = ((1, "Enabled"), (2, "Disabled"))
VISIBILITIES = ((1, "Not Visible Individually"), (2, "Catalog"), (3, "Search"), (4, "Catalog, Search"))
TAX_CLASSES = ((0, "None"), (2, "Taxable Goods"))


def _user_select(attribute_id: int, code: str, label: str, options: tuple[tuple[int, str], ...],
                 apply_to: tuple[str, ...] = ()) -> Attribute:  # fmt: skip
    return Attribute(attribute_id, code, label, "select", "int", True, options=options, apply_to=apply_to,
                     source_model=TABLE, default_value="")  # fmt: skip


USER_DEFINED = (
    _user_select(93, "color", "Color", COLORS, ("simple", "virtual", "configurable")),
    _user_select(137, "size", "Size", SIZES),
    _user_select(140, "brand", "Brand", BRANDS),
    _user_select(141, "material", "Material", MATERIALS),
)
# A text attribute a merchant made to hold each product's AliExpress SKU code (what the connector's
# Alternate SKU Attribute setting names). Unsure: not recorded on a real store; made as the admin makes a
# user-defined text attribute.
TEXTS = (Attribute(142, "aliexpress_sku", "AliExpress SKU", "text", "varchar", True, default_value=""),)
SYSTEM = (
    Attribute(73, "name", "Product Name", "text", "varchar", required=True, scope="store",
              frontend_class="validate-length maximum-length-255"),
    Attribute(74, "sku", "SKU", "text", "static", required=True, backend_model=PRODUCT_BACKEND + "Sku",
              frontend_class="validate-length maximum-length-64"),
    Attribute(75, "description", "Description", "textarea", "text", scope="store"),
    Attribute(77, "price", "Price", "price", "decimal", required=True, apply_to=PRICED,
              backend_model=PRODUCT_BACKEND + "Price"),
    Attribute(78, "special_price", "Special Price", "price", "decimal", apply_to=PRICED,
              backend_model=PRODUCT_BACKEND + "Price"),
    Attribute(82, "weight", "Weight", "weight", "decimal", apply_to=PRICED,
              backend_model=PRODUCT_BACKEND + "Weight"),
    Attribute(87, "image", "Base", "media_image", "varchar", scope="store"),
    Attribute(88, "small_image", "Small", "media_image", "varchar", scope="store"),
    Attribute(89, "thumbnail", "Thumbnail", "media_image", "varchar", scope="store"),
    Attribute(97, "status", "Enable Product", "select", "int", scope="website", options=STATUSES,
              source_model="Magento\\Catalog\\Model\\Product\\Attribute\\Source\\Status", default_value="1"),
    Attribute(99, "visibility", "Visibility", "select", "int", scope="store", options=VISIBILITIES,
              source_model="Magento\\Catalog\\Model\\Product\\Visibility", default_value="4"),
    Attribute(121, "url_key", "URL Key", "text", "varchar", scope="store",
              frontend_class="validate-trailing-hyphen"),
    Attribute(136, "tax_class_id", "Tax Class", "select", "int", scope="website", options=TAX_CLASSES,
              apply_to=PRICED, source_model="Magento\\Tax\\Model\\TaxClass\\Source\\Product",
              default_value="2"),
)  # fmt: skip
ALL = USER_DEFINED + TEXTS + SYSTEM
BY_CODE = {a.code: a for a in ALL}
BY_ID = {a.attribute_id: a for a in ALL}
AXES = ("color", "size")
DEFAULT_SET = 4  # "Default" attribute set of a stock install
