<?php
/**
 * Runs the connector module's argument checks outside Magento, for tests/sandbox/magento1: the parent class
 * stubbed (its _fault throws, as Mage_Api_Model_Resource_Abstract::_fault does), then
 * `php connector_harness.php <Api.php> <method> <json args> [class]` prints the answer or "fault <name>: <message>".
 * class: another of the module's classes whose method needs no Magento (default: the API model).
 */
class Mage_Catalog_Model_Api_Resource
{
    protected function _fault($code, $customMessage = null)
    {
        throw new Exception($code . ': ' . $customMessage);
    }
}
require $argv[1];
$class = isset($argv[4]) ? $argv[4] : 'AliexpressMagento_Connector_Model_Product_Api';
$api = new $class();
$method = new ReflectionMethod($api, $argv[2]);
$method->setAccessible(true);
try {
    echo json_encode($method->invokeArgs($api, json_decode($argv[3], true)));
} catch (Exception $e) {
    echo 'fault ', $e->getMessage();
}
