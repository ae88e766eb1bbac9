// An import's page while it runs: the progress bar follows the import (the
// page works without this script: its link shows the progress again). Once
// done, the page is loaded again to show the report; the status line says so.
(function () {
  "use strict";
  var bar = document.getElementById("import-progress");
  if (!bar || !window.fetch) return;
  var count = document.getElementById("import-count");
  var status = document.getElementById("import-running");
  var every = 1500;

  function show(progress) {
    bar.max = progress.total;
    bar.value = progress.processed;
    bar.textContent = progress.processed + " / " + progress.total;
    if (count) {
      count.textContent = count.textContent.replace(/\d+(\D+)\d+/, progress.processed + "$1" + progress.total);
    }
  }

  function poll() {
    fetch(bar.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) return;
        show(progress);
        if (progress.done) {
          if (status) status.textContent = status.dataset.done || "";
          window.location.reload();
        } else {
          window.setTimeout(poll, every);
        }
      })
      .catch(function () { window.setTimeout(poll, every * 4); });
  }
  window.setTimeout(poll, every);
})();
