// Attendance at the desk: a tap saves without reloading the page (which keeps the
// list where the thumb is). Without this script each row is a plain form post.
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches || !form.matches("form[data-attendance]")) return;
  event.preventDefault();
  var button = form.querySelector("button");
  var input = form.querySelector("input[name=attended]");
  var state = form.querySelector(".desk-tick-state");
  button.disabled = true;
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      button.setAttribute("aria-pressed", data.attended ? "true" : "false");
      input.value = data.attended ? "0" : "1";
      state.textContent = data.attended ? state.dataset.present : state.dataset.absent;
      button.disabled = false;
      button.focus();
    })
    .catch(function () {
      // The server said no (or the network failed): let the page say why.
      form.submit();
    });
});
