// View Aliexpress Orders: the panel's buttons post in the background (the answer shows in the panel),
// then, while a run of the account is queued or running, its progress is asked every second and shown;
// once the run ends its result stays in the panel. The page is never reloaded: the grid shows the new
// orders when the merchant next opens or filters it.
(function () {
  "use strict";

  function watch(panel) {
    if (panel.getAttribute("data-watching") === "1") { return; }
    panel.setAttribute("data-watching", "1");
    var url = panel.getAttribute("data-progress-url");
    var text = panel.querySelector(".orders-fetch-progress");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          text.textContent = status.text;
          panel.setAttribute("data-busy", status.busy ? "1" : "0");
          if (status.busy) {
            window.setTimeout(poll, 1000);
          } else {
            panel.setAttribute("data-watching", "0");
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    poll();
  }

  function send(panel, form, event) {
    event.preventDefault();
    var answer = panel.querySelector(".orders-fetch-answer");
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(form)
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (outcome) {
        answer.textContent = outcome.message;
        answer.setAttribute("data-queued", outcome.queued ? "1" : "0");
        if (!form.classList.contains("orders-backfill-form")) { watch(panel); }
      })
      .catch(function (error) { answer.textContent = "Not sent: " + error.message; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".orders-fetch-panel").forEach(function (panel) {
      panel.querySelectorAll("form").forEach(function (form) {
        form.addEventListener("submit", function (event) { send(panel, form, event); });
      });
      if (panel.getAttribute("data-busy") === "1") { watch(panel); }
    });
  });
})();
