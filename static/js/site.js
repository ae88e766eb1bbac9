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
    // "Listen" buttons read a question and its answers aloud, in the page's
    // language, with the browser's own voice (no service is called).
    if ("speechSynthesis" in window) {
      document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
        var target = document.getElementById(button.getAttribute("data-read-aloud"));
        if (!target) return;
        button.hidden = false;
        button.addEventListener("click", function () {
          window.speechSynthesis.cancel();
          var parts = [];
          target.querySelectorAll("legend, label").forEach(function (node) {
            parts.push(node.textContent.trim());
          });
          var speech = new SpeechSynthesisUtterance(parts.join(". "));
          speech.lang = document.documentElement.lang;
          window.speechSynthesis.speak(speech);
        });
      });
    }
    // "Print" buttons: the browser's own print dialog (hidden without script).
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
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
    // A card session on a shared computer ends when idle. Two minutes before,
    // a warning offers to stay (WCAG 2.2.1); without JavaScript, a meta refresh
    // in <noscript> leaves the page instead.
    var idle = document.getElementById("card-idle");
    if (idle) {
      var limit = Number(idle.getAttribute("data-idle-seconds")) * 1000;
      var leave = idle.getAttribute("data-leave");
      var timers = [];
      var arm = function () {
        timers.forEach(clearTimeout);
        idle.replaceChildren();
        timers = [
          setTimeout(function () {
            var warning = document.getElementById("card-idle-warning");
            idle.append(warning.content.cloneNode(true));
          }, Math.max(limit - 120000, 0)),
          setTimeout(function () { window.location.replace(leave); }, limit)
        ];
      };
      idle.addEventListener("click", function (event) {
        if (!event.target.closest("button")) return;
        // A request tells the server the person is still here.
        fetch(window.location.href, {method: "HEAD", cache: "no-store"})
          .then(function (response) {
            if (response.redirected) window.location.replace(leave);
            else arm();
          });
      });
      arm();
    }
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
