// Runs a learner's Python program and the exercise's tests with Pyodide, away
// from the page: the page stops this worker when a run takes too long, so an
// endless loop never freezes it. Messages: {type: "load", indexURL} answered
// by "ready" (or "failed"); {type: "run", code, tests} answered by "result".
import { loadPyodide } from "../vendor/pyodide/pyodide.mjs";

// The program runs in a fresh namespace with what it prints captured; each
// test then runs in a copy of that namespace, with `output` holding the print.
const RUNNER = `
import json
import sys
import traceback

MAX_OUTPUT = 20_000


class Output:
    """What the program prints, kept up to MAX_OUTPUT characters."""

    def __init__(self):
        self.parts, self.size = [], 0

    def write(self, text):
        if self.size < MAX_OUTPUT:
            self.parts.append(text[: MAX_OUTPUT - self.size])
        self.size += len(text)
        return len(text)

    def flush(self):
        pass

    def text(self):
        return "".join(self.parts)


class InputNotAvailable(Exception):
    pass


def no_input(prompt=""):
    raise InputNotAvailable()


def error_of(error):
    line = None
    if isinstance(error, SyntaxError) and error.filename == "<program>":
        line = error.lineno
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == "<program>":
            line = frame.lineno
    return {"type": type(error).__name__, "message": str(error), "line": line}


def run_exercise(code, tests_json):
    tests = json.loads(tests_json)
    output, real_stdout = Output(), sys.stdout
    namespace = {"__name__": "__main__", "input": no_input}
    error = None
    sys.stdout = output
    try:
        exec(compile(code, "<program>", "exec"), namespace)
    except BaseException as exc:  # SystemExit included: the tests still run
        error = error_of(exc)
    finally:
        sys.stdout = real_stdout
    printed = output.text()
    results = []
    for test in tests:
        scope = dict(namespace, output=printed)
        sys.stdout = Output()
        try:
            exec(compile(test, "<test>", "exec"), scope)
            results.append({"passed": True, "message": ""})
        except AssertionError as exc:
            results.append({"passed": False, "message": str(exc)})
        except BaseException as exc:
            results.append({"passed": False, "message": f"{type(exc).__name__}: {exc}"})
        finally:
            sys.stdout = real_stdout
    return json.dumps({"output": printed, "error": error, "results": results})
`;

let pyodide = null;

async function load(indexURL) {
  pyodide = await loadPyodide({ indexURL: indexURL, stdout: () => {}, stderr: () => {} });
  pyodide.runPython(RUNNER);
}

self.onmessage = async function (event) {
  const message = event.data;
  if (message.type === "load") {
    try {
      await load(message.indexURL);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", error: String(error) });
    }
  } else if (message.type === "run") {
    const run = pyodide.globals.get("run_exercise");
    const answer = run(message.code, JSON.stringify(message.tests));
    run.destroy();
    self.postMessage({ type: "result", result: JSON.parse(answer) });
  }
};
