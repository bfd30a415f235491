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
 */
class AliexpressMagento_Connector_Model_Product_Api extends Mage_Api_Model_Resource_Abstract
{
    const MAX_IDENTIFIERS = 500;

    /**
     * @param array|string $identifiers SKUs, or product ids
     * @param string|null $identifierType 'sku', 'id', or null to let Magento tell them apart
     * @return array
     */
    public function children($identifiers, $identifierType = null)
    {
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
     * @param Mage_Catalog_Model_Product $product
     * @return array
     */
    protected function _configurable(Mage_Catalog_Model_Product $product)
    {
        /** @var Mage_Catalog_Model_Product_Type_Configurable $type */
        $type = $product->getTypeInstance(true);
        $attributes = array();
        $labels = array();
        foreach ($type->getConfigurableAttributesAsArray($product) as $attribute) {
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
        foreach ($type->getUsedProducts(null, $product) as $child) {
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
