// Show the price modifier that applies to the chosen rule, and the Magento credentials of the chosen
// authentication, as the manual's page does; hidden fields keep their values.
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
  function magentoAuth() {
    var auth = document.getElementById("id_magento_auth");
    if (!auth) { return; }
    Object.keys(CREDENTIALS).forEach(function (kind) {
      CREDENTIALS[kind].forEach(function (name) { toggle(name, kind === auth.value); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var rule = document.getElementById("id_price_rule");
    var auth = document.getElementById("id_magento_auth");
    if (rule) { rule.addEventListener("change", priceRule); }
    if (auth) { auth.addEventListener("change", magentoAuth); }
    priceRule();
    magentoAuth();
  });
})();
