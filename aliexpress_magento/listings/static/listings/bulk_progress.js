// Manage Products: while a mass action is queued or running, ask its progress every second and move its
// bar; once it ends, show the result summary (done / skipped / failed, with the reasons) in place.
(function () {
  "use strict";

  function show(panel, status) {
    panel.querySelector(".bulk-bar").value = status.percent;
    panel.querySelector(".bulk-text").textContent = status.text;
    var list = panel.querySelector(".bulk-reasons");
    list.textContent = "";
    status.reasons.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    panel.setAttribute("data-busy", status.busy ? "1" : "0");
    panel.setAttribute("data-status", status.status);
  }

  function watch(panel) {
    var url = panel.getAttribute("data-progress-url");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          show(panel, status);
          if (status.busy) { window.setTimeout(poll, 1000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    poll();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".bulk-panel[data-busy='1']").forEach(watch);
  });
})();
