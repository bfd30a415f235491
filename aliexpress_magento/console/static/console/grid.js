/* Magento's massaction bar (admin/console/massaction_bar.html): Select All / Unselect All / Select
 * Visible / Unselect Visible and the live count of selected rows. "Select All" means every row the
 * filters match, on every page: it sets Django's select_across, and the count is the grid's total.
 * Touching one row's checkbox goes back to "these rows": Django's select_across cannot say "all but
 * these", so Unselect Visible after Select All leaves nothing selected. A bar marked
 * data-require-selection also refuses a Submit without an action or without rows (a page that is no
 * Django change list has no "Items must be selected" message of its own). */
(function () {
  "use strict";

  function init(bar) {
    const form = bar.closest("form");
    const across = form.querySelector("input[name=select_across]");
    const counter = bar.querySelector(".massaction-count");
    const toggle = form.querySelector("#action-toggle");
    const total = Number(bar.dataset.total);
    if (!across || !counter) {
      return; // read-only grid: no actions, no selection
    }
    const boxes = () => Array.from(form.querySelectorAll("input.action-select"));

    function show() {
      const checked = boxes().filter((box) => box.checked);
      counter.textContent = across.value === "1" ? total : checked.length;
      boxes().forEach((box) => box.closest("tr").classList.toggle("selected", box.checked));
      if (toggle) {
        toggle.checked = checked.length > 0 && checked.length === boxes().length;
      }
    }

    function mark(checked, allPages) {
      boxes().forEach((box) => { box.checked = checked; });
      across.value = allPages ? "1" : "0";
      show();
    }

    const choices = { all: [true, true], none: [false, false], visible: [true, false], unvisible: [false, false] };
    bar.querySelectorAll("[data-select]").forEach((link) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        mark(...choices[link.dataset.select]);
      });
    });
    form.addEventListener("change", (event) => {
      if (event.target === toggle) {
        mark(toggle.checked, false);
      } else if (event.target.matches("input.action-select")) {
        across.value = "0";
        show();
      }
    });
    if (bar.dataset.requireSelection !== undefined) {
      form.addEventListener("submit", (event) => {
        const action = form.querySelector("select[name=action]").value;
        const chosen = across.value === "1" || boxes().some((box) => box.checked);
        if (!action || !chosen) {
          event.preventDefault();
          window.alert(chosen ? "Please select an action." : "Please select items.");
        }
      });
    }
    across.value = "0";
    show();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".massaction").forEach(init);
  });
})();
