"""StreamField blocks of a lesson: content blocks, quiz questions, block puzzles,
Python exercises."""

import ast
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from puzzles import PuzzleError, check_solution, puzzle_from_dict

EXERCISE_TIME_LIMIT = 5  # seconds a Python run may take before it is stopped


class AccessibleImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text and an optional caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image.html"
        description = _("An image with alternative text")


class MediaBlock(blocks.StructBlock):
    """A video or audio file with captions and a full transcript."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("video", _("Video")), ("audio", _("Audio"))],
        default="video",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(label=_("Media file (MP4, WebM or MP3)"))
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("Required for a video: a .vtt file with the spoken words."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("The full text of what is said and shown."),
    )

    class Meta:
        icon = "media"
        label = _("Video or audio")
        template = "courses/blocks/media.html"
        description = _("A video or audio file with captions and transcript")

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] == "video" and not value["captions"]:
            raise StructBlockValidationError(
                block_errors={
                    "captions": ValidationError(_("A video needs a captions file."))
                }
            )
        return value


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a tip, an important point or a warning."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("tip", _("Tip")),
            ("info", _("Good to know")),
            ("warning", _("Warning")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "courses/blocks/callout.html"
        description = _("A highlighted tip, note or warning")


class DownloadBlock(blocks.StructBlock):
    """A file the learner can download (a worksheet, a summary)."""

    document = DocumentChooserBlock(label=_("File"))
    description = blocks.CharBlock(label=_("Description"), max_length=200)

    class Meta:
        icon = "download"
        label = _("Download")
        template = "courses/blocks/download.html"
        description = _("A file to download")


class AnswerBlock(blocks.StructBlock):
    """One possible answer with the feedback shown when it is chosen."""

    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct answer"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback"),
        required=False,
        max_length=500,
        help_text=_("Shown to the learner who picks this answer."),
    )

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    CHOICES = [
        (SINGLE, _("Single choice")),
        (MULTIPLE, _("Multiple choice")),
        (TRUE_FALSE, _("True or false")),
    ]


class QuestionBlock(blocks.StructBlock):
    """A quiz question checked on the server, with feedback per answer."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE
    )
    prompt = blocks.CharBlock(label=_("Question"), max_length=500)
    # Two empty answers to start with: with Wagtail's default of one, a new
    # question showed "at least 2 items" in red before the editor typed anything.
    answers = blocks.ListBlock(
        AnswerBlock(),
        label=_("Answers"),
        min_num=2,
        default=[
            {"text": "", "correct": False, "feedback": ""},
            {"text": "", "correct": False, "feedback": ""},
        ],
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        required=False,
        features=["bold", "italic", "link"],
        help_text=_("Shown once the question is answered correctly."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Quiz question")
        template = "courses/blocks/question.html"
        description = _("A single choice, multiple choice or true/false question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for answer in value["answers"] if answer["correct"])
        kind = value["kind"]
        error = None
        if kind == QuestionKind.TRUE_FALSE and len(value["answers"]) != 2:
            error = _("A true/false question has exactly two answers.")
        elif kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
            error = _("Mark exactly one answer as correct.")
        elif kind == QuestionKind.MULTIPLE and correct < 1:
            error = _("Mark at least one answer as correct.")
        if error:
            raise StructBlockValidationError(
                block_errors={"answers": ValidationError(error)}
            )
        return value


# The puzzle's grid as an editor types it: one line per row, one sign per cell.
GRID_OPEN, GRID_WALL, GRID_START, GRID_GOAL, GRID_ITEM = ".", "#", "S", "G", "*"
GRID_HELP = _(
    "One line per row, one sign per cell: . a free cell, # a wall, S the start, "
    "G the goal (the flag), * an object to pick up. Example: S..# then .#.G"
)

BLOCK_CHOICES = [
    ("maze_move_forward", _("move forward")),
    ("maze_turn", _("turn left / right")),
    ("maze_collect", _("pick up")),
    ("maze_repeat", _("repeat … times")),
    ("maze_repeat_until_goal", _("repeat until the goal")),
    ("maze_if", _("if …")),
    ("maze_if_else", _("if … else")),
]

DIRECTION_CHOICES = [
    ("north", _("up")),
    ("east", _("right")),
    ("south", _("down")),
    ("west", _("left")),
]

# Where a PuzzleError's key of the definition is typed in the block.
_PUZZLE_FIELDS = {
    "width": "grid",
    "height": "grid",
    "walls": "grid",
    "goal": "grid",
    "items": "grid",
    "start": "grid",
    "blocks": "offered",
    "solution": "solution",
    "max_blocks": "max_blocks",
    "target_blocks": "target_blocks",
    "title": "title",
    "hint": "hint",
    "success": "success",
}


class PuzzleGridError(ValueError):
    """The grid text cannot be read; the message is for the editor."""


def grid_parse(text: str) -> dict[str, Any]:
    """The definition keys (size, walls, start cell, goal, items) of a grid text."""
    rows = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not rows:
        raise PuzzleGridError(_("Draw the grid: one line per row."))
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise PuzzleGridError(_("Every line of the grid must have the same length."))
    walls, items, starts, goals = [], [], [], []
    signs = {
        GRID_WALL: walls,
        GRID_ITEM: items,
        GRID_START: starts,
        GRID_GOAL: goals,
    }
    for y, row in enumerate(rows):
        for x, sign in enumerate(row):
            if sign == GRID_OPEN:
                continue
            if sign not in signs:
                raise PuzzleGridError(
                    _("Unknown sign “%(sign)s” in the grid.") % {"sign": sign}
                )
            signs[sign].append([x, y])
    if len(starts) != 1 or len(goals) != 1:
        raise PuzzleGridError(
            _("The grid needs exactly one S (start) and one G (goal).")
        )
    return {
        "width": width,
        "height": len(rows),
        "walls": walls,
        "items": items,
        "start": {"x": starts[0][0], "y": starts[0][1]},
        "goal": goals[0],
    }


def grid_text(definition: dict[str, Any]) -> str:
    """The grid text of a puzzle definition (demo data, imports)."""
    rows = [[GRID_OPEN] * definition["width"] for _row in range(definition["height"])]
    for x, y in definition.get("walls", []):
        rows[y][x] = GRID_WALL
    for x, y in definition.get("items", []):
        rows[y][x] = GRID_ITEM
    goal_x, goal_y = definition["goal"]
    rows[goal_y][goal_x] = GRID_GOAL
    start = definition["start"]
    rows[start["y"]][start["x"]] = GRID_START
    return "\n".join("".join(row) for row in rows)


def puzzle_definition(value) -> dict[str, Any]:
    """The interpreter's definition of a PuzzleBlock value.

    Raises PuzzleGridError for a grid that cannot be read and ValueError for a
    reference solution that is not JSON.
    """
    definition = grid_parse(value["grid"])
    definition["start"]["direction"] = value["direction"]
    definition["blocks"] = [
        kind for kind, _label in BLOCK_CHOICES if kind in (value["offered"] or [])
    ]
    for key in ("max_blocks", "target_blocks"):
        if value.get(key):
            definition[key] = value[key]
    definition["title"] = value["title"]
    definition["hint"] = value["hint"]
    definition["success"] = value["success"]
    definition["solution"] = json.loads(value["solution"] or "null")
    return definition


def _puzzle_error_message(error: PuzzleError) -> str:
    if error.code == "solution_fails":
        return _(
            "Your reference solution does not solve this puzzle: "
            "a learner could not solve it either."
        )
    if error.code == "solution_no_star":
        return _(
            "Your reference solution uses more blocks than the target: "
            "the star could not be earned."
        )
    if error.code == "solution_invalid":
        return _(
            "The reference solution cannot be read, or uses a block that is not "
            "offered (%(detail)s)."
        ) % {"detail": error.message}
    return error.message


class PuzzleBlock(blocks.StructBlock):
    """A block puzzle: a grid world the learner solves with Blockly blocks."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    statement = blocks.TextBlock(
        label=_("Instructions"),
        max_length=1000,
        help_text=_("What the learner must do, in a few simple words."),
    )
    grid = blocks.TextBlock(label=_("Grid"), help_text=GRID_HELP)
    direction = blocks.ChoiceBlock(
        label=_("The robot starts facing"),
        choices=DIRECTION_CHOICES,
        default="east",
    )
    offered = blocks.MultipleChoiceBlock(
        label=_("Blocks offered"),
        choices=BLOCK_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    max_blocks = blocks.IntegerBlock(
        label=_("Most blocks allowed"),
        required=False,
        min_value=1,
        max_value=200,
    )
    target_blocks = blocks.IntegerBlock(
        label=_("Blocks for a star"),
        required=False,
        min_value=1,
        max_value=200,
        help_text=_(
            "A learner who solves the puzzle with this many blocks or fewer "
            "earns a star."
        ),
    )
    hint = blocks.TextBlock(label=_("Hint"), required=False, max_length=1000)
    success = blocks.TextBlock(
        label=_("Success message"), required=False, max_length=1000
    )
    solution = blocks.TextBlock(
        label=_("Reference solution (Blockly JSON)"),
        help_text=_(
            "A program that solves the puzzle, as Blockly saves it. The puzzle "
            "cannot be saved unless this program solves it."
        ),
    )

    class Meta:
        icon = "code"
        label = _("Block puzzle")
        template = "courses/blocks/puzzle.html"
        description = _("A grid puzzle solved with programming blocks")

    def clean(self, value):
        value = super().clean(value)
        try:
            definition = puzzle_definition(value)
        except PuzzleGridError as error:
            raise StructBlockValidationError(
                block_errors={"grid": ValidationError(str(error))}
            ) from None
        except ValueError:
            raise StructBlockValidationError(
                block_errors={"solution": ValidationError(_("This is not valid JSON."))}
            ) from None
        try:
            check_solution(puzzle_from_dict(definition))
        except PuzzleError as error:
            field = _PUZZLE_FIELDS.get(error.field or "", "grid")
            raise StructBlockValidationError(
                block_errors={field: ValidationError(_puzzle_error_message(error))}
            ) from None
        return value


def blockly_messages() -> dict[str, str]:
    """The words on the puzzle blocks and buttons, in the active language."""
    from django.utils.translation import gettext

    return {
        "MOVE_FORWARD": gettext("move forward"),
        "TURN_LEFT": gettext("turn left"),
        "TURN_RIGHT": gettext("turn right"),
        "COLLECT": gettext("pick up"),
        # %1 is the number of times.
        "REPEAT": gettext("repeat %1 times"),
        "REPEAT_UNTIL_GOAL": gettext("repeat until the goal"),
        "DO": gettext("do"),
        "IF": gettext("if"),
        "ELSE": gettext("else"),
        "PATH_AHEAD": gettext("path ahead"),
        "PATH_LEFT": gettext("path to the left"),
        "PATH_RIGHT": gettext("path to the right"),
        "ITEM_HERE": gettext("object here"),
        "RUNNING": gettext("The robot is running your program…"),
        "STEP_OF": gettext("Step %(step)s of %(total)s"),
        "STAR": gettext("A star! You used few blocks."),
        "NETWORK": gettext("The program could not be sent. Check the connection."),
        "RESET": gettext("The robot is back at the start."),
        "BLOCKS_USED": gettext("Blocks used: %(count)s"),
        "LESSON_DONE": gettext("This lesson is done!"),
        "EMPTY_PROGRAM": gettext("No block yet."),
    }


def puzzle_of(value):
    """The interpreter's Puzzle of a saved PuzzleBlock value."""
    return puzzle_from_dict(puzzle_definition(value))


class ExerciseTestBlock(blocks.StructBlock):
    """One check of a Python exercise, run after the learner's program."""

    description = blocks.CharBlock(
        label=_("What the learner reads"),
        max_length=200,
        help_text=_('For example: add(2, 3) gives 5. Hidden tests show "Hidden test".'),
    )
    code = blocks.TextBlock(
        label=_("Python check"),
        help_text=_(
            "Python statements run after the learner's program, with its functions "
            "and variables; the check passes when nothing fails. The variable output "
            "holds what the program printed. Example: assert add(2, 3) == 5"
        ),
    )
    hidden = blocks.BooleanBlock(
        label=_("Hidden from the learner"),
        required=False,
        help_text=_("Hidden tests check what the learner cannot aim at directly."),
    )


class ExerciseBlock(blocks.StructBlock):
    """A Python exercise run in the learner's browser (Pyodide, in a worker).

    The browser runs the tests and reports; the server records what it is told.
    That proves little (see the README): unless the editor ticks "counts", a
    pass does not count towards the lesson's mark, nor towards badges.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    statement = blocks.TextBlock(
        label=_("Instructions"),
        max_length=2000,
        help_text=_("What the program must do, in a few simple sentences."),
    )
    starter_code = blocks.TextBlock(label=_("Starter code"), required=False)
    tests = blocks.ListBlock(ExerciseTestBlock(), label=_("Tests"), min_num=1)
    hints = blocks.ListBlock(
        blocks.TextBlock(max_length=1000),
        label=_("Hints, from gentle to precise"),
        default=[],
    )
    solution = blocks.TextBlock(label=_("Model solution"))
    solution_after = blocks.IntegerBlock(
        label=_("Failed runs before the model solution is offered"),
        default=3,
        min_value=1,
        max_value=50,
    )
    time_limit = blocks.IntegerBlock(
        label=_("Time limit of a run, in seconds"),
        default=EXERCISE_TIME_LIMIT,
        min_value=1,
        max_value=30,
    )
    counts = blocks.BooleanBlock(
        label=_("A pass counts towards the lesson's mark and the course's badge"),
        required=False,
        help_text=_(
            "The code runs on the learner's device, which reports the result: a "
            "determined learner can fake a pass. Tick only when that is acceptable."
        ),
    )

    class Meta:
        icon = "code"
        label = _("Python exercise")
        template = "courses/blocks/exercise.html"
        description = _("A Python program the learner writes and tests")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for field in ("starter_code", "solution"):
            message = python_syntax_error(value[field])
            if message:
                errors[field] = ValidationError(message)
        for index, test in enumerate(value["tests"]):
            message = python_syntax_error(test["code"])
            if message:
                errors["tests"] = ValidationError(
                    _("Test %(number)s: %(message)s")
                    % {"number": index + 1, "message": message}
                )
                break
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def python_syntax_error(code: str) -> str:
    """Why this Python cannot be read, else "". Parsed only, never run."""
    try:
        ast.parse(code)
    except SyntaxError as error:
        return _("Python cannot read line %(line)s: %(reason)s") % {
            "line": error.lineno,
            "reason": error.msg,
        }
    return ""


def exercise_messages() -> dict[str, str]:
    """The words the exercise script shows, in the active language."""
    from django.utils.translation import gettext

    return {
        "LOADING": gettext("Python is starting. The first time takes a while…"),
        "RUNNING": gettext("Your program is running…"),
        "TOO_LONG": gettext(
            "Your program was stopped after %(seconds)s seconds. Does a loop never end?"
        ),
        "STOPPED": gettext("Your program was stopped."),
        "NO_INPUT": gettext(
            "input() cannot be used here: give the values to your functions."
        ),
        "ERROR_LINE": gettext("Error on line %(line)s: %(error)s"),
        "ERROR": gettext("Error: %(error)s"),
        "PASSED": gettext("passed"),
        "FAILED": gettext("not yet"),
        "HIDDEN_TEST": gettext("Hidden test"),
        "ALL_PASSED": gettext("Well done: every test passes."),
        "SOME_FAILED": gettext(
            "%(passed)s tests of %(total)s pass. Read the results and try again."
        ),
        "NO_OUTPUT": gettext("(nothing printed)"),
        "NOT_LOADED": gettext(
            "Python could not start in this browser. Try again, or use a more "
            "recent browser."
        ),
        "NOT_SAVED": gettext("Your result could not be saved. Check the connection."),
        "LESSON_DONE": gettext("This lesson is done!"),
    }


def exercise_data(definition: dict[str, Any]) -> dict:
    """A Python exercise as raw StreamField data (demo content, imports, tests).

    The definition is the shape of courses/data/demo_python_course.json.
    """
    return {
        "type": "exercise",
        "value": {
            "title": definition["title"],
            "statement": definition["statement"],
            "starter_code": definition.get("starter_code", ""),
            "tests": [
                {
                    "description": test["description"],
                    "code": test["code"],
                    "hidden": bool(test.get("hidden")),
                }
                for test in definition["tests"]
            ],
            "hints": list(definition.get("hints", [])),
            "solution": definition["solution"],
            "solution_after": definition.get("solution_after", 3),
            "time_limit": definition.get("time_limit", EXERCISE_TIME_LIMIT),
            "counts": bool(definition.get("counts")),
        },
    }


class LessonStreamBlock(blocks.StreamBlock):
    """Everything a lesson can hold, in the order the editor chooses."""

    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="courses/blocks/paragraph.html",
        icon="pilcrow",
    )
    image = AccessibleImageBlock()
    media = MediaBlock()
    callout = CalloutBlock()
    download = DownloadBlock()
    question = QuestionBlock()
    code = blocks.TextBlock(
        label=_("Code example"),
        help_text=_("A short program shown as it is written, spaces kept."),
        template="courses/blocks/code.html",
        icon="code",
    )
    puzzle = PuzzleBlock()
    exercise = ExerciseBlock()


def question_data(
    *, kind: str, prompt: str, answers: list[dict], explanation_html: str
) -> dict:
    """A quiz question as raw StreamField data (demo content, imports, tests)."""
    return {
        "type": "question",
        "value": {
            "kind": kind,
            "prompt": prompt,
            "answers": answers,
            "explanation": explanation_html,
        },
    }


def puzzle_data(definition: dict[str, Any], *, statement: str) -> dict:
    """A block puzzle as raw StreamField data, from an interpreter definition.

    For demo content, imports and tests: the definition is what
    ``puzzles.puzzle_from_dict`` reads (puzzles/data/demo_puzzles.json).
    """
    return {
        "type": "puzzle",
        "value": {
            "title": definition.get("title", ""),
            "statement": statement,
            "grid": grid_text(definition),
            "direction": definition["start"]["direction"],
            "offered": list(definition["blocks"]),
            "max_blocks": definition.get("max_blocks"),
            "target_blocks": definition.get("target_blocks"),
            "hint": definition.get("hint", ""),
            "success": definition.get("success", ""),
            "solution": json.dumps(definition["solution"]),
        },
    }
