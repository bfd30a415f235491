<?php
/**
 * Applies the module's own setup (sql/aliexpress_connector_setup) when the store is first used through the API.
 *
 * Magento 1 runs setup scripts only in Mage_Core_Model_App::run() -> _initModules(), i.e. on a page request
 * that finds no modules' config cache. api.php starts with Mage::init('admin') instead, whose
 * Mage_Core_Model_Config::init() loads the modules and SAVES that cache without applying any setup; so when the
 * first request after installing the module and flushing the cache is the connector's API call, every later
 * page finds the cache and skips the setup too: the index and the move of 1.1.0 grants never happen.
 *
 * So this runs at every API login (event api_user_authenticated, dispatched before the session loads the ACL,
 * so a moved grant already counts for the session being opened) and at the start of each of the module's
 * methods (a session opened before the module was installed). Cheap when done: one cache load, or without
 * the cache entry one read of core_resource (Magento keeps it for the request), then once per request.
 *
 * Only this module's resource is applied, not Mage_Core_Model_Resource_Setup::applyAllUpdates(): that would
 * run every module's pending scripts (other extensions', or a core upgrade's) inside an API login of any
 * integration, which a merchant expects on a page request. A MySQL named lock (per database) serializes
 * concurrent first calls; a request that cannot take it at once goes on without waiting (the methods work
 * without the setup: slower reads, grants as before) and the next request looks again. A failure is logged
 * (var/log/exception.log) and never fails the API call: the login may belong to another integration.
 */
class AliexpressMagento_Connector_Model_Setup
{
    const RESOURCE = 'aliexpress_connector_setup';
    const MODULE = 'AliexpressMagento_Connector';
    const CACHE_KEY = 'ALIEXPRESS_CONNECTOR_SETUP_APPLIED_';

    /** @var bool the check runs once per request */
    protected static $_checked = false;

    /**
     * Observer of api_user_authenticated (config.xml).
     *
     * @param Varien_Event_Observer|null $observer
     */
    public function applyOnApiLogin($observer = null)
    {
        $this->applyIfBehind();
    }

    public function applyIfBehind()
    {
        if (self::$_checked) {
            return;
        }
        self::$_checked = true;
        $configVersion = (string) Mage::getConfig()->getNode('modules/' . self::MODULE . '/version');
        $cacheKey = self::CACHE_KEY . $configVersion;
        if ($configVersion === '' || Mage::app()->loadCache($cacheKey)) {
            return;
        }
        try {
            if ($this->_behind($configVersion) && !$this->_applyLocked($configVersion)) {
                return; // another request holds the lock: it is applying the setup now
            }
            // Tagged CONFIG: flushing the cache (as after installing a new version) makes the next request look again.
            Mage::app()->saveCache('1', $cacheKey, array(Mage_Core_Model_Config::CACHE_TAG));
        } catch (Exception $e) {
            Mage::logException($e);
        }
    }

    /**
     * Whether an installed version (false: none recorded) is older than the module's.
     *
     * @param string|false|null $installed
     * @param string $configured
     * @return bool
     */
    public static function isBehind($installed, $configured)
    {
        return $installed === false || $installed === null || $installed === ''
            || version_compare($configured, $installed, '>');
    }

    /**
     * @param string $configVersion
     * @return bool
     */
    protected function _behind($configVersion)
    {
        /** @var Mage_Core_Model_Resource_Resource $versions */
        $versions = Mage::getResourceSingleton('core/resource');
        return self::isBehind($versions->getDbVersion(self::RESOURCE), $configVersion)
            || self::isBehind($versions->getDataVersion(self::RESOURCE), $configVersion);
    }

    /**
     * @param string $configVersion
     * @return bool false when another request holds the lock
     */
    protected function _applyLocked($configVersion)
    {
        $connection = Mage::getSingleton('core/resource')->getConnection('core_write');
        $lock = "CONCAT(DATABASE(), '." . self::RESOURCE . "')";
        if ((int) $connection->fetchOne("SELECT GET_LOCK($lock, 0)") !== 1) {
            return false;
        }
        try {
            AliexpressMagento_Connector_Model_Resource_Versions::forget(); // read what the lock holder wrote
            if ($this->_behind($configVersion)) {
                $this->_apply();
            }
        } finally {
            $connection->fetchOne("SELECT RELEASE_LOCK($lock)");
        }
        return true;
    }

    /**
     * What Mage_Core_Model_Resource_Setup::applyAllUpdates() and applyAllDataUpdates() do for one resource:
     * the install (or upgrade) scripts, then core_resource's version and data_version, as a page would.
     */
    protected function _apply()
    {
        $resource = Mage::getConfig()->getNode('global/resources/' . self::RESOURCE . '/setup');
        $className = isset($resource->class) ? $resource->getClassName() : 'Mage_Core_Model_Resource_Setup';
        /** @var Mage_Core_Model_Resource_Setup $setup */
        $setup = new $className(self::RESOURCE);
        $app = Mage::app();
        $updateMode = $app->getUpdateMode();
        $app->setUpdateMode(true);
        try {
            $setup->applyUpdates();
            $setup->applyDataUpdates();
        } catch (Exception $e) {
            // A script that failed midway left its session settings (SQL_MODE, FOREIGN_KEY_CHECKS) and the DDL
            // cache off: restore them for the rest of this API call.
            $setup->getConnection()->allowDdlCache();
            $setup->endSetup();
            throw $e;
        } finally {
            $app->setUpdateMode($updateMode);
        }
    }
}
