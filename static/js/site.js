// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // The menu stays folded on phones and opens by itself on wider screens.
    var menu = document.getElementById("menu");
    if (menu && window.matchMedia("(min-width: 48rem)").matches) {
      menu.open = true;
    }
    // "Show" buttons next to password fields.
    document.querySelectorAll("[data-password-toggle]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-password-toggle"));
      if (!input) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var shown = input.type === "text";
        input.type = shown ? "password" : "text";
        button.setAttribute("aria-pressed", String(!shown));
      });
    });
  });
  // Errors where the person is looking: focus the form's error summary, once
  // the page (and the scroll to its #fragment) is done, which would undo it.
  window.addEventListener("load", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
