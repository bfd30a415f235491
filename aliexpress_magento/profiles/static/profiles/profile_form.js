// The Add/Edit Profile page: the left tabs, the AliExpress category picker (tree, search, Suggest) and
// the attribute mapping table's value maps. The server renders everything else; without the change
// permission the page is read-only and this script only switches tabs.
(function () {
  "use strict";

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // --- tabs -------------------------------------------------------------------------------------

  var TABS = { "#profile-info": "info", "#category-mapping": "category" };

  function showTab(tab) {
    $all(".profile-panel").forEach(function (panel) { panel.hidden = panel.dataset.tab !== tab; });
    $all("#profile-tabs a[data-tab]").forEach(function (link) {
      link.classList.toggle("active", link.dataset.tab === tab);
    });
    var field = $("#profile-active-tab");
    if (field) { field.value = tab; }
    if (tab === "category") { loadRoots(); }
  }

  function initTabs() {
    var page = $("#profile-page");
    if (!page) { return; }
    $all("#profile-tabs a[data-tab]").forEach(function (link) {
      var tab = link.dataset.tab;
      if (tab !== "info" && tab !== "category") { return; }  // Profile Products is its own page
      link.addEventListener("click", function (event) {
        event.preventDefault();
        showTab(tab);
        history.replaceState(null, "", tab === "category" ? "#category-mapping" : "#profile-info");
      });
    });
    showTab(TABS[location.hash] || page.dataset.activeTab || "info");
    window.addEventListener("hashchange", function () { if (TABS[location.hash]) { showTab(TABS[location.hash]); } });
  }

  // --- the category picker ------------------------------------------------------------------------

  var picker = null;
  var rootsLoaded = false;

  function message(text, isError) {
    var box = $("#picker-message");
    box.textContent = text || "";
    box.classList.toggle("error", !!isError);
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } }).then(answer);
  }

  function postJson(url, data) {
    var body = new URLSearchParams(data);
    body.append("csrfmiddlewaretoken", $("input[name=csrfmiddlewaretoken]").value);
    return fetch(url, { method: "POST", credentials: "same-origin", body: body }).then(answer);
  }

  function answer(response) {
    return response.json().catch(function () { return { error: "The server answered " + response.status + "." }; })
      .then(function (data) {
        if (!response.ok || data.error) { throw new Error(data.error || "The server answered " + response.status + "."); }
        return data;
      });
  }

  function pick(id, idPath) {
    $("#id_aliexpress_category").value = String(id);
    $("#id_aliexpress_category_path").value = (idPath || []).join(",");
    $("#profile-active-tab").value = "category";
    message("Saving the category…");
    var form = $("#profile-page").closest("form");
    form.requestSubmit(form.querySelector("input[name=_continue]"));
  }

  function node(category) {
    var item = el("li", { "data-id": category.id });
    if (category.leaf) {
      var choose = el("button", { type: "button", "class": "tree-pick", "data-id": category.id }, "• " + category.name);
      choose.addEventListener("click", function () { pick(category.id, category.id_path); });
      item.appendChild(choose);
    } else {
      var open = el("button", { type: "button", "class": "tree-toggle", "aria-expanded": "false" }, "▸ " + category.name);
      open.addEventListener("click", function () { toggle(item, open, category); });
      item.appendChild(open);
    }
    return item;
  }

  function toggle(item, button, category) {
    var level = $("ul", item);
    if (level) {
      level.hidden = !level.hidden;
      button.setAttribute("aria-expanded", String(!level.hidden));
      button.textContent = (level.hidden ? "▸ " : "▾ ") + category.name;
      return;
    }
    level = el("ul", { "class": "tree-level", "data-parent": category.id });
    item.appendChild(level);
    button.setAttribute("aria-expanded", "true");
    button.textContent = "▾ " + category.name;
    fill(level, category.id);
  }

  function fill(level, parentId) {
    message("Loading…");
    getJson(picker.dataset.childrenUrl + "?parent=" + parentId).then(function (data) {
      data.categories.forEach(function (category) { level.appendChild(node(category)); });
      message(data.categories.length ? "" : "No subcategories.");
    }).catch(function (error) { level.remove(); message(error.message, true); });
  }

  function loadRoots() {
    if (!picker || rootsLoaded) { return; }
    rootsLoaded = true;
    fill($("#category-tree ul[data-parent='0']"), 0);
  }

  function showResults(data) {
    var list = $("#picker-results");
    list.innerHTML = "";
    data.categories.forEach(function (category) {
      var item = el("li");
      if (category.leaf) {
        var choose = el("button", { type: "button", "class": "tree-pick", "data-id": category.id }, category.path || category.name);
        choose.addEventListener("click", function () { pick(category.id, category.id_path); });
        item.appendChild(choose);
      } else {
        item.appendChild(el("span", { "class": "not-leaf" }, (category.path || category.name) + " — not a leaf: open it in the tree"));
      }
      list.appendChild(item);
    });
    message(data.message || "");
  }

  function search() {
    var text = $("#category-search").value.trim();
    if (!text) { return; }
    message("Searching…");
    getJson(picker.dataset.searchUrl + "?q=" + encodeURIComponent(text)).then(showResults)
      .catch(function (error) { message(error.message, true); });
  }

  function suggest() {
    var title = $("#suggest-title").value.trim();
    if (!title) { message("Type a sample product title first.", true); return; }
    message("Asking AliExpress…");
    postJson(picker.dataset.suggestUrl, { title: title }).then(showResults)
      .catch(function (error) { message(error.message, true); });
  }

  function onEnter(input, action) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); action(); }
    });
  }

  function initPicker() {
    picker = $("#category-picker");
    if (!picker) { return; }
    $("#category-search-button").addEventListener("click", search);
    $("#suggest-button").addEventListener("click", suggest);
    onEnter($("#category-search"), search);
    onEnter($("#suggest-title"), suggest);
  }

  // --- the mapping table ----------------------------------------------------------------------------

  var magentoOptions = {};

  function valueSelect(name, label, data, chosen, disabled) {
    var select = el("select", { name: name, "class": "value-select", "aria-label": label });
    select.appendChild(el("option", { value: "" }, "— default —"));
    data.values.forEach(function (value) {
      var option = el("option", { value: value.id }, value.name);
      if (value.id === chosen) { option.selected = true; }
      select.appendChild(option);
    });
    select.disabled = disabled;
    return select;
  }

  function drawValueMap(row) {
    var box = $(".value-map", row);
    if (!box) { return; }
    var data = JSON.parse(row.dataset.script);
    var prefix = row.dataset.prefix;
    var code = $(".magento-select", row).value;
    var disabled = !!$("#profile-page.read-only");
    box.innerHTML = "";
    var options = magentoOptions[code] || [];
    if (!code || !options.length) { return; }
    var table = el("table", { "class": "value-map-table" });
    table.appendChild(el("caption", {}, "Magento option → Aliexpress value"));
    options.forEach(function (option) {
      var current = data.map[option.id] || { value: "", custom: "" };
      var line = el("tr", { "data-option": option.id });
      line.appendChild(el("td", {}, option.label));
      var cell = el("td");
      cell.appendChild(valueSelect(prefix + "-map-" + option.id, row.dataset.attribute + " for " + option.label, data, current.value, disabled));
      if (data.custom) {
        var custom = el("input", { type: "text", name: prefix + "-mapc-" + option.id, "class": "custom-text",
          placeholder: "custom text for Other", "aria-label": "Custom " + row.dataset.attribute + " for " + option.label });
        custom.value = current.custom;
        custom.disabled = disabled;
        cell.appendChild(custom);
      }
      line.appendChild(cell);
      table.appendChild(line);
    });
    box.appendChild(table);
    showCustomTexts(row, data);
  }

  // A custom text goes with "Other" only: its box shows when the select beside it says Other.
  function showCustomTexts(row, data) {
    $all(".custom-text", row).forEach(function (input) {
      var select = input.previousElementSibling && input.previousElementSibling.tagName === "SELECT"
        ? input.previousElementSibling : $("select", input.previousElementSibling || row);
      input.hidden = !(select && select.value === data.other);
    });
  }

  function showSource(row) {
    var source = $(".source-select", row).value;
    $(".mapping-magento", row).classList.toggle("inactive", source !== "magento");
    $(".mapping-fixed", row).classList.toggle("inactive", source !== "fixed");
  }

  function initMappings() {
    var options = $("#magento-options");
    if (options) { magentoOptions = JSON.parse(options.textContent); }
    $all("#mapping-table .mapping-row").forEach(function (row) {
      var data = JSON.parse(row.dataset.script);
      $(".source-select", row).addEventListener("change", function () { showSource(row); });
      $(".magento-select", row).addEventListener("change", function () { drawValueMap(row); });
      row.addEventListener("change", function (event) {
        if (event.target.classList.contains("value-select")) { showCustomTexts(row, data); }
      });
      showSource(row);
      drawValueMap(row);
      showCustomTexts(row, data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initPicker();
    initMappings();
    initTabs();
  });
})();
