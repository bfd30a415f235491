<?php
/**
 * aliexpress_connector_product.children: for configurable products given by SKU (or id), their
 * super attributes and their children, each child with its option value and label on every attribute.
 *
 * Answer (every value a string, as the stock API answers catalog data):
 * [{"product_id", "sku",
 *   "attributes": [{"attribute_id", "attribute_code", "label", "position"}],
 *   "children": [{"product_id", "sku", "values": [{"attribute_id", "attribute_code", "value", "label"}]}]}]
 * Unknown products and products that are not configurable are left out.
 *
 * aliexpress_connector_product.changed: the products changed since a time, one bounded page at a time
 * (catalog_product.list has no paging), ordered by (updated_at, entity_id) and resumed after a keyset
 * cursor, so a reader never holds more than a page and never skips or repeats a product between pages.
 */
class AliexpressMagento_Connector_Model_Product_Api extends Mage_Catalog_Model_Api_Resource
{
    const MAX_IDENTIFIERS = 500;
    const MAX_PAGE = 1000;
    const DATETIME = '/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/D';

    /**
     * Products with updated_at >= $since, ordered by (updated_at, entity_id) ascending, at most $limit,
     * strictly after the cursor (updated_at > $afterUpdatedAt, or equal and entity_id > $afterId).
     *
     * Answer: [{"product_id", "sku", "type", "set", "updated_at"}] (strings, as catalog_product.list rows,
     * plus updated_at in UTC "YYYY-MM-DD HH:MM:SS"). The next page: the last row's updated_at and
     * product_id as the cursor; a page shorter than $limit is the last one.
     *
     * @param string $since UTC "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD")
     * @param string|null $afterUpdatedAt the cursor's updated_at, with $afterId; both null: the first page
     * @param int|string|null $afterId the cursor's product id
     * @param int|string $limit 1 to 1000
     * @param string|int|null $store a store view code or id: only products in its website
     * @return array
     */
    public function changed($since, $afterUpdatedAt = null, $afterId = null, $limit = 100, $store = null)
    {
        $this->_applySetup();
        $limit = $this->_limit($limit);
        $since = $this->_datetime($since, 'since');
        /** @var Mage_Catalog_Model_Resource_Product_Collection $collection */
        $collection = Mage::getResourceModel('catalog/product_collection');
        $collection->addAttributeToFilter('updated_at', array('gteq' => $since));
        if ($store !== null && $store !== '') {
            $collection->addStoreFilter($this->_getStoreId($store));
        }
        $this->_after($collection, $afterUpdatedAt, $afterId);
        $collection->getSelect()->order(array('e.updated_at ASC', 'e.entity_id ASC'));
        $collection->setPageSize($limit)->setCurPage(1);
        $result = array();
        foreach ($collection as $product) {
            /** @var Mage_Catalog_Model_Product $product */
            $result[] = array(
                'product_id' => (string) $product->getId(),
                'sku'        => (string) $product->getSku(),
                'type'       => (string) $product->getTypeId(),
                'set'        => (string) $product->getAttributeSetId(),
                'updated_at' => (string) $product->getUpdatedAt(),
            );
        }
        return $result;
    }

    /**
     * The module's setup, if no page or API login applied it yet (Model/Setup.php): a session opened before
     * the module was installed reaches the methods without a new login. Once per request, cheap when done.
     */
    protected function _applySetup()
    {
        Mage::getSingleton('aliexpress_connector/setup')->applyIfBehind();
    }

    /**
     * The keyset condition, values quoted by the adapter. Zend_Db_Select::where() wraps it in parentheses,
     * so its OR stays inside.
     *
     * @param Mage_Catalog_Model_Resource_Product_Collection $collection
     * @param string|null $afterUpdatedAt
     * @param int|string|null $afterId
     */
    protected function _after($collection, $afterUpdatedAt, $afterId)
    {
        if (($afterUpdatedAt === null || $afterUpdatedAt === '') && ($afterId === null || $afterId === '')) {
            return;
        }
        if ($afterUpdatedAt === null || $afterUpdatedAt === '' || !ctype_digit((string) $afterId)) {
            $this->_fault('data_invalid', 'The cursor is afterUpdatedAt and afterId together, afterId a product id.');
        }
        $afterUpdatedAt = $this->_datetime($afterUpdatedAt, 'afterUpdatedAt');
        $adapter = $collection->getConnection();
        $collection->getSelect()->where(
            $adapter->quoteInto('e.updated_at > ?', $afterUpdatedAt)
            . ' OR (' . $adapter->quoteInto('e.updated_at = ?', $afterUpdatedAt)
            . ' AND ' . $adapter->quoteInto('e.entity_id > ?', (int) $afterId, Zend_Db::INT_TYPE) . ')'
        );
    }

    /**
     * @param int|string $limit
     * @return int
     */
    protected function _limit($limit)
    {
        $limit = (int) $limit;
        if ($limit < 1 || $limit > self::MAX_PAGE) {
            $this->_fault('data_invalid', sprintf('limit must be between 1 and %d.', self::MAX_PAGE));
        }
        return $limit;
    }

    /**
     * A real calendar time, not only its pattern: MariaDB reads "2026-13-45" or "2026-02-30" as a zero date,
     * which would answer the catalog from its start. DateTime rolls such values over ("2026-03-02"), so a
     * value that does not format back to itself is refused (year 0000 too: no such DATETIME).
     *
     * @param mixed $value
     * @param string $name
     * @return string "YYYY-MM-DD HH:MM:SS"
     */
    protected function _datetime($value, $name)
    {
        $full = is_string($value) && preg_match(self::DATETIME, $value)
            ? (strlen($value) === 10 ? $value . ' 00:00:00' : $value) : null;
        $parsed = $full === null ? false : DateTime::createFromFormat('!Y-m-d H:i:s', $full, new DateTimeZone('UTC'));
        if ($parsed === false || $parsed->format('Y-m-d H:i:s') !== $full || strncmp($full, '0000', 4) === 0) {
            $this->_fault('data_invalid', sprintf('%s must be a UTC date "YYYY-MM-DD HH:MM:SS".', $name));
        }
        return $full;
    }

    /**
     * @param array|string $identifiers SKUs, or product ids (an XML-RPC array, or a struct: its values)
     * @param string|null $identifierType 'sku', 'id', or null to let Magento tell them apart
     * @return array
     */
    public function children($identifiers, $identifierType = null)
    {
        $this->_applySetup();
        if (!is_array($identifiers)) {
            $identifiers = array($identifiers);
        }
        if (count($identifiers) > self::MAX_IDENTIFIERS) {
            $this->_fault('data_invalid', sprintf('At most %d products per call.', self::MAX_IDENTIFIERS));
        }
        $result = array();
        foreach ($identifiers as $identifier) {
            /** @var Mage_Catalog_Model_Product $product */
            $product = Mage::helper('catalog/product')->getProduct($identifier, 0, $identifierType);
            if (!$product->getId()
                || $product->getTypeId() !== Mage_Catalog_Model_Product_Type::TYPE_CONFIGURABLE
            ) {
                continue;
            }
            $result[] = $this->_configurable($product);
        }
        return $result;
    }

    /**
     * The super attributes in Magento's order (position, which the admin saves as 0 unless the merchant
     * reorders them) made total by the order they were attached (the super attribute id); the children by
     * product id. Magento's own queries leave both ties to the database.
     *
     * @param Mage_Catalog_Model_Product $product
     * @return array
     */
    protected function _configurable(Mage_Catalog_Model_Product $product)
    {
        /** @var Mage_Catalog_Model_Product_Type_Configurable $type */
        $type = $product->getTypeInstance(true);
        $attributes = array();
        $labels = array();
        $configurable = $type->getConfigurableAttributesAsArray($product);
        usort($configurable, array($this, '_byPositionThenId'));
        foreach ($configurable as $attribute) {
            $label = isset($attribute['label']) && $attribute['label'] !== ''
                ? $attribute['label'] : $attribute['frontend_label'];
            $attributes[] = array(
                'attribute_id'   => (string) $attribute['attribute_id'],
                'attribute_code' => (string) $attribute['attribute_code'],
                'label'          => (string) $label,
                'position'       => (string) $attribute['position'],
            );
            $labels[$attribute['attribute_id']] = array();
            foreach ($attribute['values'] as $value) {
                $labels[$attribute['attribute_id']][(string) $value['value_index']] = (string) $value['label'];
            }
        }
        $children = array();
        $used = $type->getUsedProducts(null, $product);
        usort($used, array($this, '_byProductId'));
        foreach ($used as $child) {
            $children[] = array(
                'product_id' => (string) $child->getId(),
                'sku'        => (string) $child->getSku(),
                'values'     => $this->_values($child, $attributes, $labels),
            );
        }
        return array(
            'product_id' => (string) $product->getId(),
            'sku'        => (string) $product->getSku(),
            'attributes' => $attributes,
            'children'   => $children,
        );
    }

    /**
     * @param array $a a getConfigurableAttributesAsArray() row
     * @param array $b
     * @return int
     */
    protected function _byPositionThenId(array $a, array $b)
    {
        return array((int) $a['position'], (int) $a['id']) <=> array((int) $b['position'], (int) $b['id']);
    }

    /**
     * @param Mage_Catalog_Model_Product $a
     * @param Mage_Catalog_Model_Product $b
     * @return int
     */
    protected function _byProductId($a, $b)
    {
        return (int) $a->getId() <=> (int) $b->getId();
    }

    /**
     * @param Mage_Catalog_Model_Product $child
     * @param array $attributes
     * @param array $labels attribute id => option id => label
     * @return array
     */
    protected function _values(Mage_Catalog_Model_Product $child, array $attributes, array $labels)
    {
        $values = array();
        foreach ($attributes as $attribute) {
            $optionId = (string) $child->getData($attribute['attribute_code']);
            $known = isset($labels[$attribute['attribute_id']][$optionId]);
            $values[] = array(
                'attribute_id'   => $attribute['attribute_id'],
                'attribute_code' => $attribute['attribute_code'],
                'value'          => $optionId,
                'label'          => $known ? $labels[$attribute['attribute_id']][$optionId] : '',
            );
        }
        return $values;
    }
}
