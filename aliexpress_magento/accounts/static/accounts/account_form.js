// Show the price modifier that applies to the chosen rule, and the Magento credentials of the chosen
// authentication (or Magento 1's API user and key), as the manual's page does; hidden fields keep
// their values.
(function () {
  "use strict";
  function row(name) { return document.querySelector(".field-" + name); }
  function toggle(name, visible) { var r = row(name); if (r) { r.hidden = !visible; } }
  function priceRule() {
    var rule = document.getElementById("id_price_rule");
    if (!rule) { return; }
    var value = rule.value;
    toggle("price_fixed_amount", value === "increase_fixed" || value === "decrease_fixed");
    toggle("price_percentage", value === "increase_percent" || value === "decrease_percent");
  }
  var CREDENTIALS = {
    integration: ["magento_token"],
    admin: ["magento_username", "magento_password"],
    oauth1: ["magento_consumer_key", "magento_consumer_secret", "magento_access_token", "magento_access_token_secret"]
  };
  var MAGENTO1 = ["magento1_api_user", "magento1_api_key"];
  function magentoAuth() {
    var auth = document.getElementById("id_magento_auth");
    var platform = document.getElementById("id_platform");
    if (!auth) { return; }
    var onMagento1 = platform && platform.value === "magento1";
    toggle("magento_auth", !onMagento1);
    Object.keys(CREDENTIALS).forEach(function (kind) {
      CREDENTIALS[kind].forEach(function (name) { toggle(name, !onMagento1 && kind === auth.value); });
    });
    MAGENTO1.forEach(function (name) { toggle(name, onMagento1); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var rule = document.getElementById("id_price_rule");
    var auth = document.getElementById("id_magento_auth");
    var platform = document.getElementById("id_platform");
    if (rule) { rule.addEventListener("change", priceRule); }
    if (auth) { auth.addEventListener("change", magentoAuth); }
    if (platform) { platform.addEventListener("change", magentoAuth); }
    priceRule();
    magentoAuth();
  });
})();
