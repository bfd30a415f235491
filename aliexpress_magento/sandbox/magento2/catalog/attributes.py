"""Product attributes of the demo store, with the ids a stock 2.4.7 install and the recordings use.

``color`` is 93 and ``size`` 137 as on the recorded store; Red is option 4 and Blue 5, S/M/L are 6/7/8.
Options keep their admin sort order (the recordings list S, M, L, not alphabetically); the REST answer
starts with the empty placeholder option ``{"label": " ", "value": ""}``.
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

USER_DEFINED = (
    Attribute(93, "color", "Color", "select", "int", True, options=COLORS),
    Attribute(137, "size", "Size", "select", "int", True, options=SIZES),
    Attribute(140, "brand", "Brand", "select", "int", True, options=BRANDS),
    Attribute(141, "material", "Material", "select", "int", True, options=MATERIALS),
)
SYSTEM = (
    Attribute(73, "name", "Product Name", "text", "varchar", required=True, scope="store"),
    Attribute(74, "sku", "SKU", "text", "static", required=True),
    Attribute(75, "description", "Description", "textarea", "text", scope="store"),
    Attribute(77, "price", "Price", "price", "decimal", required=True, scope="website"),
    Attribute(78, "special_price", "Special Price", "price", "decimal", scope="website"),
    Attribute(82, "weight", "Weight", "weight", "decimal"),
    Attribute(87, "image", "Base", "media_image", "varchar", scope="store"),
    Attribute(88, "small_image", "Small", "media_image", "varchar", scope="store"),
    Attribute(89, "thumbnail", "Thumbnail", "media_image", "varchar", scope="store"),
    Attribute(97, "status", "Enable Product", "boolean", "int", scope="website"),
    Attribute(99, "visibility", "Visibility", "select", "int", scope="store"),
    Attribute(121, "url_key", "URL Key", "text", "varchar", scope="store"),
    Attribute(132, "tax_class_id", "Tax Class", "select", "int", scope="website"),
)
ALL = USER_DEFINED + SYSTEM
BY_CODE = {a.code: a for a in ALL}
BY_ID = {a.attribute_id: a for a in ALL}
AXES = ("color", "size")
DEFAULT_SET = 4  # "Default" attribute set of a stock install
