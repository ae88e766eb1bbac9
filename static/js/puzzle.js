// Block puzzles: a Blockly workspace per puzzle; the server runs the program and
// decides, this script only replays the steps it answers. Loaded (with Blockly,
// whose core has keyboard navigation) on lesson pages that hold a puzzle only.
(function () {
  "use strict";

  var STEP_MS = 450;
  var messagesElement = document.getElementById("puzzle-messages");
  if (!window.Blockly || !messagesElement) return;
  var Blockly = window.Blockly;
  var M = JSON.parse(messagesElement.textContent);
  var STATEMENT = { previousStatement: null, nextStatement: null };

  function block(definition, colour) {
    return Object.assign({ colour: colour }, STATEMENT, definition);
  }

  function conditionField() {
    return {
      type: "field_dropdown",
      name: "COND",
      options: [
        [M.PATH_AHEAD, "path_ahead"],
        [M.PATH_LEFT, "path_left"],
        [M.PATH_RIGHT, "path_right"],
        [M.ITEM_HERE, "item_here"],
      ],
    };
  }

  // The block types the server's interpreter knows (puzzles/program.py).
  Blockly.common.defineBlocksWithJsonArray([
    block({ type: "maze_move_forward", message0: M.MOVE_FORWARD }, 160),
    block(
      {
        type: "maze_turn",
        message0: "%1",
        args0: [
          {
            type: "field_dropdown",
            name: "DIR",
            options: [
              [M.TURN_LEFT, "left"],
              [M.TURN_RIGHT, "right"],
            ],
          },
        ],
      },
      160
    ),
    block({ type: "maze_collect", message0: M.COLLECT }, 40),
    block(
      {
        type: "maze_repeat",
        message0: M.REPEAT,
        args0: [{ type: "field_number", name: "TIMES", value: 2, min: 1, max: 20, precision: 1 }],
        message1: M.DO + " %1",
        args1: [{ type: "input_statement", name: "DO" }],
      },
      120
    ),
    block(
      {
        type: "maze_repeat_until_goal",
        message0: M.REPEAT_UNTIL_GOAL,
        message1: M.DO + " %1",
        args1: [{ type: "input_statement", name: "DO" }],
      },
      120
    ),
    block(
      {
        type: "maze_if",
        message0: M.IF + " %1",
        args0: [conditionField()],
        message1: M.DO + " %1",
        args1: [{ type: "input_statement", name: "DO" }],
      },
      210
    ),
    block(
      {
        type: "maze_if_else",
        message0: M.IF + " %1",
        args0: [conditionField()],
        message1: M.DO + " %1",
        args1: [{ type: "input_statement", name: "DO" }],
        message2: M.ELSE + " %1",
        args2: [{ type: "input_statement", name: "ELSE" }],
      },
      210
    ),
  ]);

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key];
    });
  }

  function Puzzle(section) {
    var self = this;
    this.section = section;
    this.config = JSON.parse(
      document.getElementById("puzzle-config-" + section.dataset.puzzleId).textContent
    );
    this.runUrl = section.dataset.runUrl;
    this.robot = section.querySelector("[data-robot]");
    this.status = section.querySelector(".puzzle-status");
    this.items = Array.prototype.slice.call(section.querySelectorAll(".item"));
    this.outcome = null; // the server's answer for the program it ran
    this.outcomeProgram = null; // that program, serialised
    this.replay = null; // the answer being replayed (kept if the program changes)
    this.position = 0; // the replayed step
    this.timer = null;
    var app = section.querySelector(".puzzle-app");
    app.hidden = false;
    this.workspace = Blockly.inject(section.querySelector(".puzzle-workspace"), {
      toolbox: {
        kind: "flyoutToolbox",
        contents: this.config.blocks.map(function (type) {
          return { kind: "block", type: type };
        }),
      },
      maxBlocks: this.config.max_blocks || Infinity,
      media: section.ownerDocument.querySelector("script[src*='blockly_compressed']")
        .src.replace(/blockly_compressed\.js.*$/, "media/"),
      sounds: false,
      trashcan: true,
      move: { scrollbars: true, drag: true, wheel: false },
      zoom: { controls: true, startScale: 1.1 },
    });
    // Blockly 13 gives the flyout's connection highlights (decoration, shown
    // only while a connection is picked) role=figure inside the flyout's
    // listbox, where only options belong (axe: aria-required-children).
    // The flyout draws its blocks after injection and again on resize.
    var flyout = section.querySelector(".blocklyFlyout");
    function decorationsPresentational() {
      flyout.querySelectorAll(".blocklyHighlightedConnectionPath").forEach(function (path) {
        if (path.hasAttribute("role")) path.removeAttribute("role");
        path.setAttribute("aria-hidden", "true");
      });
    }
    decorationsPresentational();
    new MutationObserver(decorationsPresentational).observe(flyout, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["role"],
    });
    this.programText = section.querySelector(".puzzle-program-text");
    this.workspace.addChangeListener(function (event) {
      if (!event.isUiEvent) self.describeProgram();
    });
    this.describeProgram();
    this.hintTold(section);
    section.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () {
        self[button.dataset.action]();
      });
    });
    this.show(this.startState());
  }

  // Tell the server the first time the hint is opened: it shows who is stuck.
  Puzzle.prototype.hintTold = function (section) {
    var hint = section.querySelector(".puzzle-hint");
    var url = section.dataset.hintUrl;
    if (!hint || !url) return;
    hint.addEventListener("toggle", function told() {
      if (!hint.open) return;
      hint.removeEventListener("toggle", told);
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken() },
      }).catch(function () {});
    });
  };

  // The program in words (Blockly's text of each stack), for everyone to read.
  Puzzle.prototype.describeProgram = function () {
    var stacks = this.workspace.getTopBlocks(true).map(function (top) {
      var words = [];
      for (var block = top; block; block = block.getNextBlock()) {
        words.push(block.toString());
      }
      return words.join(", ");
    });
    this.programText.textContent = stacks.length ? stacks.join(" | ") : M.EMPTY_PROGRAM;
  };

  Puzzle.prototype.startState = function () {
    var start = this.config.start;
    return { x: start.x, y: start.y, direction: start.direction, collected: 0 };
  };

  var ANGLES = { north: 0, east: 90, south: 180, west: 270 };

  Puzzle.prototype.show = function (state) {
    var cell = this.config.cell;
    this.robot.setAttribute(
      "transform",
      "translate(" + (state.x * cell + cell / 2) + " " + (state.y * cell + cell / 2) +
        ") rotate(" + ANGLES[state.direction] + ")"
    );
    this.robot.classList.toggle("robot-bump", state.action === "hit_wall" || state.action === "left_grid");
    if (state.action === "collect") {
      this.items.forEach(function (item) {
        if (item.dataset.cell === state.x + "," + state.y) item.classList.add("item-taken");
      });
    }
    this.highlight(state.block_id);
  };

  // Show which block acts; never let the highlight stop the replay.
  Puzzle.prototype.highlight = function (blockId) {
    try {
      this.workspace.highlightBlock(blockId || null);
    } catch (error) {
      // The block may have been deleted while the robot ran.
    }
  };

  Puzzle.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Puzzle.prototype.stop = function () {
    if (this.timer) window.clearInterval(this.timer);
    this.timer = null;
  };

  Puzzle.prototype.reset = function () {
    this.stop();
    this.position = 0;
    this.items.forEach(function (item) {
      item.classList.remove("item-taken");
    });
    this.show(this.startState());
    this.section.classList.remove("puzzle-done");
    this.say(M.RESET);
  };

  // Ask the server to run the program; calls back with its outcome.
  Puzzle.prototype.fetchOutcome = function (then) {
    var self = this;
    // Compared as it is now: Blockly tells of changes a moment after they
    // happen, too late for a Play pressed right after a block was dropped.
    var program = JSON.stringify(Blockly.serialization.workspaces.save(this.workspace));
    if (this.outcome && program === this.outcomeProgram) {
      return then((this.replay = this.outcome));
    }
    this.say(M.RUNNING);
    fetch(this.runUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: program,
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (answer) {
        if (!answer.ok) {
          var error = answer.data.error || {};
          self.say(error.message || M.NETWORK);
          if (error.block_id) {
            var faulty = self.workspace.getBlockById(error.block_id);
            if (faulty) faulty.select();
          }
          return;
        }
        self.reset();
        self.outcome = answer.data;
        self.outcomeProgram = program;
        self.replay = answer.data;
        then(self.replay);
      })
      .catch(function () {
        self.say(M.NETWORK);
      });
  };

  Puzzle.prototype.advance = function () {
    var steps = this.replay.steps;
    if (this.position >= steps.length - 1) {
      this.stop();
      this.finish();
      return false;
    }
    this.position += 1;
    this.show(steps[this.position]);
    return true;
  };

  Puzzle.prototype.finish = function () {
    var outcome = this.replay;
    var text = outcome.message;
    if (outcome.solved) {
      if (outcome.success) text += " " + outcome.success;
      if (outcome.star) text += " ★ " + M.STAR;
      text += " " + format(M.BLOCKS_USED, { count: outcome.blocks });
      if (outcome.lesson_completed) text += " " + M.LESSON_DONE;
      this.section.classList.add("puzzle-done");
    }
    this.say(text);
    this.highlight(outcome.block_id);
  };

  Puzzle.prototype.play = function () {
    var self = this;
    this.stop();
    this.fetchOutcome(function (outcome) {
      if (self.position >= outcome.steps.length - 1) self.reset();
      self.timer = window.setInterval(function () {
        self.advance();
      }, STEP_MS);
    });
  };

  Puzzle.prototype.step = function () {
    var self = this;
    this.stop();
    this.fetchOutcome(function (outcome) {
      if (self.advance()) {
        self.say(format(M.STEP_OF, { step: self.position, total: outcome.steps.length - 1 }));
      }
    });
  };

  function start() {
    document.querySelectorAll(".puzzle[data-puzzle-id]").forEach(function (section) {
      section.puzzle = new Puzzle(section);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
