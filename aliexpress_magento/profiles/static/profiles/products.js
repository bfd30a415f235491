// The Profile Products grid's selection: Select All (every product matching the filter, counted by the
// server: the form's data-total), Unselect All, Select Visible, Unselect Visible, and the selected count.
// "Select All" is sent as select_all=1; the server then takes the filter in the page's URL, not the ids.
(function () {
  "use strict";

  function init() {
    const form = document.getElementById("product-actions");
    if (!form) return;
    const total = Number(form.dataset.total || 0);
    const allInput = document.getElementById("select-all-input");
    const count = document.getElementById("selected-count");
    const boxes = () => Array.from(document.querySelectorAll("input.row-select"));

    function show() {
      const ticked = boxes().filter((box) => box.checked).length;
      count.textContent = String(allInput.value === "1" ? total : ticked);
    }

    function tick(checked) {
      boxes().forEach((box) => { box.checked = checked; });
    }

    const choices = {
      all: () => { allInput.value = "1"; tick(true); },
      none: () => { allInput.value = "0"; tick(false); },
      visible: () => { allInput.value = "0"; tick(true); },
      unvisible: () => { allInput.value = "0"; tick(false); },
    };
    document.querySelectorAll("#massaction [data-select]").forEach((button) => {
      button.addEventListener("click", () => { choices[button.dataset.select](); show(); });
    });
    // Unticking a row after Select All leaves "all matching" for the rows still ticked on this page.
    boxes().forEach((box) => box.addEventListener("change", () => { allInput.value = "0"; show(); }));
    form.addEventListener("submit", (event) => {
      const action = document.getElementById("massaction-action").value;
      const chosen = allInput.value === "1" || boxes().some((box) => box.checked);
      if (!action || !chosen) {
        event.preventDefault();
        window.alert(!chosen ? "Please select items." : "Please select an action.");
      }
    });
    show();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
