/* The Profile Products grid's mass-action bar (_products_massaction.html): Select All / Unselect All /
 * Select Visible / Unselect Visible and the live count. "Select All" is every product matching the filter
 * in the page's URL, on every page: it sets select_across=1 and the count is the grid's total (the bar's
 * data-total). Touching one row goes back to "these rows". The DOM is the shared console bar's
 * (console/grid.js), so that script can replace this one as it is; this one also refuses an empty Submit. */
(function () {
  "use strict";

  function init(bar) {
    const form = bar.closest("form");
    const across = form.querySelector("input[name=select_across]");
    const counter = bar.querySelector(".massaction-count");
    const total = Number(bar.dataset.total);
    const boxes = () => Array.from(form.querySelectorAll("input.action-select"));

    function show() {
      const checked = boxes().filter((box) => box.checked);
      counter.textContent = across.value === "1" ? total : checked.length;
      boxes().forEach((box) => box.closest("tr").classList.toggle("selected", box.checked));
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
      if (event.target.matches("input.action-select")) {
        across.value = "0";
        show();
      }
    });
    form.addEventListener("submit", (event) => {
      const action = form.querySelector("select[name=action]").value;
      const chosen = across.value === "1" || boxes().some((box) => box.checked);
      if (!action || !chosen) {
        event.preventDefault();
        window.alert(chosen ? "Please select an action." : "Please select items.");
      }
    });
    across.value = "0";
    show();
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".massaction").forEach(init);
  });
})();
