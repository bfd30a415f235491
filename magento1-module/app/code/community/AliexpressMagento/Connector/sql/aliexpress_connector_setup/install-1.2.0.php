<?php
/**
 * Connector module 1.2.0, run once by Magento's setup (on a new install, and on a 1.1.0 install, which had no
 * setup resource), from a page request or from the first API login (Model/Setup.php): written to be safe to
 * run again (the index is added only when no index has these columns; grants move idempotently).
 *
 * 1. An index (updated_at, entity_id) on catalog_product_entity: aliexpress_connector_product.changed filters
 *    and orders by exactly these columns with a LIMIT, so MySQL/MariaDB reads the page from the index instead
 *    of a temporary table and a filesort over every product changed since the watermark.
 * 2. The ACL resources of 1.1.0, aliexpress_connector/product/children and .../changed, are now
 *    .../list_children and .../changed_paged (Magento reads a node named "children" as a container, which
 *    hid both from the role editor). Each API role keeps what it could call: the new resource gets the
 *    role's own rule on the old one, else its rule on the nearest parent (what the ACL inherited), so the
 *    role editor shows the same grants; the old rows are removed. A role that already has a rule on a new
 *    resource (and none on the old one) keeps it, so running this again changes nothing.
 *
 * @var Mage_Core_Model_Resource_Setup $this
 */
$installer = $this;
$installer->startSetup();
$connection = $installer->getConnection();

$products = $installer->getTable('catalog/product');
$columns = array('updated_at', 'entity_id');
$indexed = false;
foreach ($connection->getIndexList($products) as $index) { // read live: setup turns the DDL cache off
    $indexed = $indexed || $index['COLUMNS_LIST'] === $columns;
}
if (!$indexed) { // addIndex() on an existing index would drop it and build it again
    $connection->addIndex($products, $installer->getIdxName('catalog/product', $columns), $columns);
}

$rules = $installer->getTable('api/rule');
$renamed = array(
    'aliexpress_connector/product/children' => 'aliexpress_connector/product/list_children',
    'aliexpress_connector/product/changed'  => 'aliexpress_connector/product/changed_paged',
);
$parents = array('aliexpress_connector/product', 'aliexpress_connector');
$rows = $connection->fetchAll(
    $connection->select()
        ->from($rules, array('role_id', 'role_type', 'resource_id', 'api_permission'))
        ->where('resource_id IN (?)', array_merge(array_keys($renamed), array_values($renamed), $parents))
);
$byRole = array();
foreach ($rows as $row) {
    $byRole[$row['role_type'] . '|' . $row['role_id']][$row['resource_id']] = $row['api_permission'];
}
foreach ($byRole as $role => $permissions) {
    list($roleType, $roleId) = explode('|', $role, 2);
    foreach ($renamed as $old => $new) {
        if (isset($permissions[$new]) && !isset($permissions[$old])) {
            continue; // moved already, or granted in the new role editor
        }
        $permission = null;
        foreach (array_merge(array($old), $parents) as $source) {
            if (isset($permissions[$source])) {
                $permission = $permissions[$source];
                break;
            }
        }
        if ($permission === null) {
            continue; // no rule on the branch: the role inherits as before
        }
        $connection->delete($rules, array(
            'role_type = ?' => $roleType, 'role_id = ?' => (int) $roleId, 'resource_id = ?' => $new,
        ));
        $connection->insert($rules, array(
            'role_type'      => $roleType,
            'role_id'        => (int) $roleId,
            'resource_id'    => $new,
            'api_privileges' => null,
            'assert_id'      => 0,
            'api_permission' => $permission,
        ));
    }
}
$connection->delete($rules, array('resource_id IN (?)' => array_keys($renamed)));

$installer->endSetup();
