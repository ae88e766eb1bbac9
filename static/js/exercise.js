// Python exercises: the learner's program and the tests run in a Web Worker
// with Pyodide, loaded on the first run only (the lesson page stays light);
// a run longer than the exercise's time limit is stopped by ending the worker.
// The result is reported to the server, which records it: see the README on
// what a pass reported by the browser proves.
(function () {
  "use strict";

  var messagesElement = document.getElementById("exercise-messages");
  if (!messagesElement || !window.Worker) return;
  var M = JSON.parse(messagesElement.textContent);
  var INDENT = "    ";

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key];
    });
  }

  // One Python for the page, started when first needed, restarted after a
  // program had to be stopped.
  var python = { worker: null, ready: null, pending: null };

  function pythonStart(section) {
    if (python.ready) return python.ready;
    var worker = new Worker(section.dataset.workerUrl, { type: "module" });
    python.worker = worker;
    python.ready = new Promise(function (resolve, reject) {
      worker.onmessage = function (event) {
        var message = event.data;
        if (message.type === "ready") resolve();
        else if (message.type === "failed") reject(new Error(message.error));
        else if (message.type === "result" && python.pending) python.pending(message.result);
      };
      worker.onerror = function (event) {
        reject(new Error(event.message || "worker"));
      };
    });
    var indexURL = new URL(section.dataset.pyodideUrl, document.baseURI).href;
    worker.postMessage({ type: "load", indexURL: indexURL });
    python.ready.catch(pythonStop);
    return python.ready;
  }

  function pythonStop() {
    if (python.worker) python.worker.terminate();
    python.worker = null;
    python.ready = null;
    python.pending = null;
  }

  function csrfToken(section) {
    var input = section.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function Exercise(section) {
    this.section = section;
    this.config = JSON.parse(
      document.getElementById("exercise-config-" + section.dataset.exerciseId).textContent
    );
    this.code = section.querySelector(".exercise-code");
    this.status = section.querySelector(".exercise-status");
    this.runButton = section.querySelector("[data-action=run]");
    this.stopButton = section.querySelector("[data-action=stop]");
    this.timer = null;
    section.querySelector(".exercise-controls").hidden = false;
    this.indentWithTab();
    var self = this;
    if (this.runButton) this.runButton.addEventListener("click", function () { self.run(); });
    if (this.stopButton) this.stopButton.addEventListener("click", function () { self.stop(); });
    section.addEventListener("submit", function (event) {
      if (event.target.dataset.exerciseForm) self.helpAsk(event);
    });
  }

  // Tab indents (Python needs it); Escape then Tab leaves the box, as the
  // help text under the label says.
  Exercise.prototype.indentWithTab = function () {
    var code = this.code;
    var released = false;
    code.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        released = true;
        return;
      }
      if (event.key !== "Tab" || event.shiftKey || released || event.ctrlKey || event.altKey) {
        released = false;
        return;
      }
      event.preventDefault();
      var start = code.selectionStart;
      code.setRangeText(INDENT, start, code.selectionEnd, "end");
    });
    code.addEventListener("blur", function () {
      released = false;
    });
  };

  Exercise.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Exercise.prototype.busy = function (running) {
    if (this.runButton) this.runButton.disabled = running;
    if (this.stopButton) this.stopButton.hidden = !running;
  };

  Exercise.prototype.run = function () {
    var self = this;
    var code = this.code.value;
    var tests = this.config.tests.map(function (test) { return test.code; });
    // Names the run: a report sent twice (a retry) is recorded once.
    var run = window.crypto && crypto.randomUUID ? crypto.randomUUID() : undefined;
    this.busy(true);
    this.say(python.ready ? M.RUNNING : M.LOADING);
    pythonStart(this.section).then(
      function () {
        self.say(M.RUNNING);
        python.pending = function (result) {
          self.finish();
          self.show(result);
          self.report({ code: code, run_id: run, passed: result.results.map(function (r) { return r.passed; }) });
        };
        self.timer = window.setTimeout(function () { self.tooLong(code, run); }, self.config.time_limit * 1000);
        python.worker.postMessage({ type: "run", code: code, tests: tests });
      },
      function () {
        self.finish();
        self.say(M.NOT_LOADED);
      }
    );
  };

  Exercise.prototype.finish = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
    python.pending = null;
    this.busy(false);
  };

  Exercise.prototype.stop = function () {
    this.finish();
    pythonStop();
    this.say(M.STOPPED);
  };

  Exercise.prototype.tooLong = function (code, run) {
    this.finish();
    pythonStop();
    this.say(format(M.TOO_LONG, { seconds: this.config.time_limit }));
    this.showResults([], "");
    this.report({ code: code, run_id: run, passed: [], timed_out: true });
  };

  Exercise.prototype.show = function (result) {
    var passed = result.results.filter(function (r) { return r.passed; }).length;
    var total = result.results.length;
    var text = passed === total ? M.ALL_PASSED : format(M.SOME_FAILED, { passed: passed, total: total });
    if (result.error) text = this.errorText(result.error) + " " + text;
    this.say(text);
    this.showResults(result.results, result.output);
  };

  Exercise.prototype.errorText = function (error) {
    var what = error.type === "InputNotAvailable" ? M.NO_INPUT : error.type + ": " + error.message;
    if (error.line) return format(M.ERROR_LINE, { line: error.line, error: what });
    return format(M.ERROR, { error: what });
  };

  Exercise.prototype.showResults = function (results, output) {
    var list = this.section.querySelector(".exercise-results");
    var tests = this.config.tests;
    list.textContent = "";
    results.forEach(function (result, index) {
      var item = document.createElement("li");
      item.className = result.passed ? "result-ok" : "result-ko";
      var label = result.passed ? "✓ " + M.PASSED : "✗ " + M.FAILED;
      var text = label + " — " + (tests[index].description || M.HIDDEN_TEST);
      if (!result.passed && result.message && tests[index].description) {
        text += " (" + result.message + ")";
      }
      item.textContent = text;
      list.appendChild(item);
    });
    this.section.querySelector(".exercise-output").textContent = output || M.NO_OUTPUT;
    this.section.querySelector(".exercise-run").hidden = false;
  };

  Exercise.prototype.report = function (report) {
    var self = this;
    var url = this.section.dataset.reportUrl;
    if (!url) return;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(this.section) },
      body: JSON.stringify(report),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (answer) {
        self.helpReplace(answer.help_html, null);
        if (answer.lesson_completed) self.say(self.status.textContent + " " + M.LESSON_DONE);
      })
      .catch(function () {
        self.say(self.status.textContent + " " + M.NOT_SAVED);
      });
  };

  // A hint or the solution, asked without reloading the page (which would
  // lose the code being written); the plain form still works without us.
  Exercise.prototype.helpAsk = function (event) {
    var self = this;
    var form = event.target;
    event.preventDefault();
    fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(form),
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (answer) {
        self.helpReplace(answer.help_html, form.dataset.exerciseForm);
      })
      .catch(function () {
        form.submit();
      });
  };

  // Swap in the hints and solution as the server shows them now; after asking
  // for one ("hint" or "solution"), move the focus to it.
  Exercise.prototype.helpReplace = function (html, asked) {
    var help = this.section.querySelector(".exercise-help");
    var fresh = document.createElement("div");
    fresh.innerHTML = html;
    fresh = fresh.firstElementChild;
    help.replaceWith(fresh);
    if (!asked) return;
    var shown = fresh.querySelectorAll(asked === "hint" ? ".exercise-hint" : ".exercise-solution h3");
    var target = shown[shown.length - 1];
    if (target) {
      target.tabIndex = -1;
      target.focus();
    }
  };

  function start() {
    document.querySelectorAll(".exercise[data-exercise-id]").forEach(function (section) {
      section.exercise = new Exercise(section);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
