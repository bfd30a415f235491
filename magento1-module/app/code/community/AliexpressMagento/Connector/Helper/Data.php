<?php
/**
 * The module's helper: Magento translates the titles of api.xml (module="aliexpress_connector") through it.
 */
class AliexpressMagento_Connector_Helper_Data extends Mage_Core_Helper_Abstract
{
}
