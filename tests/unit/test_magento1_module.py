"""The Magento 1 connector module (magento1-module/): its PHP is valid, its XML declares what the client
calls and the sandbox emulates.

``php -l`` checks every PHP file when PHP is installed; without PHP, a structural check of the same files
runs instead (the opening tag, the class named after its path as Magento's autoloader needs, balanced
brackets outside strings and comments), so the test checks something real either way.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from aliexpress_magento.clients.magento1 import connector as client_connector
from aliexpress_magento.sandbox.magento1 import connector as sandbox_connector
from aliexpress_magento.sandbox.magento1.faults import RESOURCES

ROOT = Path(__file__).resolve().parents[2] / "magento1-module"
CODE = ROOT / "app" / "code" / "community" / "AliexpressMagento" / "Connector"
PHP_FILES = sorted(ROOT.rglob("*.php"))
XML_FILES = sorted(ROOT.rglob("*.xml"))
VERSION = "1.2.0"
NEW_ACL = {
    "aliexpress_connector/product/list_children": "aliexpress_connector/product/children",
    "aliexpress_connector/product/changed_paged": "aliexpress_connector/product/changed",
}  # the 1.2.0 ACL id → the 1.1.0 one


def test_every_php_file_is_valid() -> None:
    assert [p.relative_to(CODE).as_posix() for p in PHP_FILES] == [
        "Helper/Data.php", "Model/Product/Api.php", "Model/Resource/Versions.php", "Model/Setup.php",
        f"sql/aliexpress_connector_setup/install-{VERSION}.php",
    ]  # fmt: skip
    php = shutil.which("php")
    for path in PHP_FILES:
        if php:
            lint = subprocess.run([php, "-l", str(path)], capture_output=True, text=True, check=False)
            assert lint.returncode == 0, lint.stdout + lint.stderr
        else:
            _structurally_valid(path)


def _structurally_valid(path: Path) -> None:
    source = path.read_text()
    assert source.startswith("<?php\n")
    if "sql" not in path.relative_to(CODE).parts:  # setup scripts are plain scripts, not classes
        expected = "AliexpressMagento_Connector_" + "_".join(path.relative_to(CODE).with_suffix("").parts)
        assert re.search(rf"^class {expected}( extends \w+)?$", source, re.MULTILINE), expected
    code = re.sub(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"", "", source, flags=re.DOTALL)
    stack: list[str] = []
    for char in code:
        if char in "([{":
            stack.append(char)
        elif char in ")]}":
            assert stack and "([{"[")]}".index(char)] == stack.pop(), f"unbalanced {char} in {path.name}"
    assert stack == [], f"unclosed brackets in {path.name}"


def test_every_xml_file_parses() -> None:
    assert len(XML_FILES) == 3
    for path in XML_FILES:
        ET.parse(path)  # raises on malformed XML


def test_the_declaration_and_config_name_the_code_that_exists() -> None:
    declared = ET.parse(ROOT / "app" / "etc" / "modules" / "AliexpressMagento_Connector.xml").getroot()
    module = declared.find("modules/AliexpressMagento_Connector")
    assert module is not None and (module.findtext("active"), module.findtext("codePool")) == (
        "true",
        "community",
    )
    config = ET.parse(CODE / "etc" / "config.xml").getroot()
    assert config.findtext("global/models/aliexpress_connector/class") == "AliexpressMagento_Connector_Model"
    assert (
        config.findtext("global/helpers/aliexpress_connector/class") == "AliexpressMagento_Connector_Helper"
    )
    # The setup resource runs the install script of this version (on 1.1.0 installs too: none was recorded).
    assert config.findtext("modules/AliexpressMagento_Connector/version") == VERSION
    setup = config.find("global/resources/aliexpress_connector_setup/setup")
    assert setup is not None and setup.findtext("module") == "AliexpressMagento_Connector"
    assert setup.findtext("class") == "Mage_Core_Model_Resource_Setup"
    assert (CODE / "sql" / "aliexpress_connector_setup" / f"install-{VERSION}.php").is_file()


def test_the_api_resource_is_the_one_the_client_calls_and_the_sandbox_emulates() -> None:
    api = ET.parse(CODE / "etc" / "api.xml").getroot()
    resources = api.find("api/resources")
    assert resources is not None
    [resource] = list(resources)
    assert resource.tag == client_connector.RESOURCE == sandbox_connector.RESOURCE
    methods = {m.tag: m.findtext("method") for m in resource.iterfind("methods/*")}
    assert methods == {
        client_connector.CHILDREN.split(".")[1]: "children",
        client_connector.CHANGED.split(".")[1]: "changed",
    }
    assert set(sandbox_connector.METHODS) == {client_connector.CHILDREN, client_connector.CHANGED}
    # The model alias resolves to the PHP class that has the methods.
    model = resource.findtext("model")
    assert model == "aliexpress_connector/product_api"
    source = (CODE / "Model" / "Product" / "Api.php").read_text()
    assert "public function children($identifiers, $identifierType = null)" in source
    signature = "changed($since, $afterUpdatedAt = null, $afterId = null, $limit = 100, $store = null)"
    assert f"public function {signature}" in source
    assert (
        "const MAX_PAGE = 1000;" in source and sandbox_connector.MAX_PAGE == client_connector.MAX_PAGE == 1000
    )
    # Every ACL path the resource names exists in the ACL tree (else the role page cannot grant it).
    acl = api.find("api/acl/resources")
    assert acl is not None
    paths = [resource.findtext(p) for p in ("acl", "methods/children/acl", "methods/changed/acl")]
    assert paths[1:] == list(NEW_ACL)
    for path in paths:
        assert path and acl.find(path) is not None, path
    faults = {
        f.tag: (int(f.findtext("code") or 0), f.findtext("message")) for f in resource.find("faults") or []
    }
    assert faults == RESOURCES[sandbox_connector.RESOURCE]


# --- the role editor's tree, built as OpenMage builds it --------------------------------------------------
RESERVED = ("title", "sort_order", "children")


def _resources_2d(node: ET.Element, parent: str | None = None) -> list[str]:
    """``Mage_Api_Model_Roles::_buildResourcesArray`` (``getResourcesList2D``): the ids a role's rules are
    saved for; a node named title, sort_order or children adds no id, its sub-nodes go on under the parent."""
    found: list[str] = []
    for child in node:
        name = parent
        if child.tag not in RESERVED:
            name = f"{parent}/{child.tag}" if parent else child.tag
            found.append(name)
        found += _resources_2d(child, name)
    return found


def _tree(node: ET.Element, parent: str | None = None) -> list[tuple[str, str, list[Any]]]:
    """``Mage_Adminhtml_Block_Api_Tab_Rolesedit::_getNodeJson``: (title, id, sub-nodes) of what the role
    editor shows; a node that has a sub-node named children shows only *that* node's sub-nodes, and only
    nodes with a module attribute are shown."""
    container = node.find("children")
    shown = [
        c for c in (container if container is not None else node) if c.tag not in ("title", "sort_order")
    ]
    items = []
    for child in shown:
        if child.get("module"):
            path = f"{parent}/{child.tag}" if parent else child.tag
            items.append((child.findtext("title") or "", path, _tree(child, path)))
    return sorted(items, key=lambda i: _sort_order(node, i[1]))  # usort on sort_order (stable in PHP 8)


def _sort_order(node: ET.Element, path: str) -> int:
    container = node.find("children")
    found = (container if container is not None else node).find(path.rsplit("/", 1)[-1])
    return int(found.findtext("sort_order") or 0) if found is not None else 0


def _acl() -> ET.Element:
    acl = ET.parse(CODE / "etc" / "api.xml").getroot().find("api/acl/resources")
    assert acl is not None
    return acl


def test_the_role_editor_shows_both_methods_under_products() -> None:
    assert _tree(_acl()) == [
        ("AliExpress connector", "aliexpress_connector", [
            ("Products", "aliexpress_connector/product", [
                ("Children of configurable products", "aliexpress_connector/product/list_children", []),
                ("Changed products (paged)", "aliexpress_connector/product/changed_paged", []),
            ]),
        ]),
    ]  # fmt: skip
    # Saving the role writes a rule for each of these ids: the methods' ACL ids are among them.
    assert _resources_2d(_acl()) == [
        "aliexpress_connector", "aliexpress_connector/product", *NEW_ACL,
    ]  # fmt: skip


def test_the_install_script_moves_the_1_1_0_grants_to_the_new_ids_and_adds_the_index() -> None:
    script = (CODE / "sql" / "aliexpress_connector_setup" / f"install-{VERSION}.php").read_text()
    for new, old in NEW_ACL.items():
        assert f"'{old}'" in script and f"=> '{new}'" in script
    assert (
        "array('updated_at', 'entity_id')" in script and "$installer->getTable('catalog/product')" in script
    )
    # Safe to run again (two first API calls, or a page and an API call at once): addIndex() on an existing
    # index drops and rebuilds it, so the script adds it only when no index has these columns.
    assert "$index['COLUMNS_LIST'] === $columns" in script
    assert re.search(r"if \(!\$indexed\) \{[^}]*\$connection->addIndex\(", script)


# --- the setup applied from the API (api.php never runs setup scripts) ----------------------------------
HARNESS = Path(__file__).resolve().parents[1] / "support" / "connector_harness.php"
SETUP = CODE / "Model" / "Setup.php"


def test_the_setup_is_applied_at_each_api_login_and_by_each_method() -> None:
    config = ET.parse(CODE / "etc" / "config.xml").getroot()
    observer = config.find("global/events/api_user_authenticated/observers/aliexpress_connector_setup")
    assert observer is not None  # the login, before the session loads the ACL: moved grants count at once
    assert (observer.findtext("class"), observer.findtext("method")) == (
        "aliexpress_connector/setup",
        "applyOnApiLogin",
    )
    setup = SETUP.read_text()
    assert "class AliexpressMagento_Connector_Model_Setup\n" in setup
    assert "public function applyOnApiLogin($observer = null)" in setup
    # This resource only (not applyAllUpdates: other modules' scripts), schema then data, as a page would.
    assert "new $className(self::RESOURCE)" in setup
    assert "$setup->applyUpdates();\n            $setup->applyDataUpdates();" in setup
    assert "const RESOURCE = 'aliexpress_connector_setup';" in setup
    assert "GET_LOCK($lock, 0)" in setup and "RELEASE_LOCK($lock)" in setup
    api = (CODE / "Model" / "Product" / "Api.php").read_text()
    for method in ("changed($since, ", "children($identifiers, "):
        assert re.search(
            rf"public function {re.escape(method)}[^)]*\)\n    \{{\n        \$this->_applySetup\(\);", api
        )
    assert "Mage::getSingleton('aliexpress_connector/setup')->applyIfBehind();" in api


@pytest.mark.parametrize(
    ("installed", "behind"),
    [(False, True), (None, True), ("", True), ("1.1.0", True), ("1.2.0", False), ("1.10.0", False)],
)
def test_the_setup_runs_when_no_or_an_older_version_is_recorded(
    installed: str | bool | None, behind: bool
) -> None:
    """core_resource's version (false: no row, as after an API-first install) against the module's 1.2.0."""
    php = shutil.which("php")
    if php:
        run = subprocess.run(
            [php, str(HARNESS), str(SETUP), "isBehind", json.dumps([installed, VERSION]),
             "AliexpressMagento_Connector_Model_Setup"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert run.stdout == json.dumps(behind)
    else:  # the same rule, read from the source
        source = SETUP.read_text()
        assert "$installed === false || $installed === null || $installed === ''" in source
        assert "version_compare($configured, $installed, '>')" in source
