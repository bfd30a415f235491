// The Refresh catalog panel: while a refresh is queued or running, ask its progress every second and
// show it; once it is done, reload the page: the grid then lists what it mirrored, the panel the outcome.
(function () {
  "use strict";

  function watch(panel) {
    var url = panel.getAttribute("data-progress-url");
    var text = panel.querySelector(".catalog-refresh-progress");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          text.textContent = status.text;
          panel.setAttribute("data-busy", status.busy ? "1" : "0");
          if (status.busy) {
            window.setTimeout(poll, 1000);
          } else {
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".catalog-refresh-panel[data-busy='1']").forEach(watch);
  });
})();
