<?php
/**
 * Forgets the setup versions Mage_Core_Model_Resource_Resource read once per request (its static
 * $_versions / $_dataVersions, protected: hence this subclass), so that the next getDbVersion() reads
 * core_resource again. AliexpressMagento_Connector_Model_Setup calls it after taking its lock: another
 * request may have applied the setup since this one first looked.
 */
class AliexpressMagento_Connector_Model_Resource_Versions extends Mage_Core_Model_Resource_Resource
{
    public static function forget()
    {
        self::$_versions = null;
        self::$_dataVersions = null;
    }
}
