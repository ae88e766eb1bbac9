"""A child solves a block puzzle in the browser: Blockly, the server decides."""

from playwright.sync_api import Page, expect

from courses.models import CoursePage, ModulePage
from learners import services
from learners import statements as xs
from learners.models import LessonProgress
from tests.browser.helpers import page_weight
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_learner_journey import sign_in
from tests.factories import CourseBuilder, learner_create
from xapi.models import Statement


def puzzle_lesson(site):
    builder = CourseBuilder(site)
    course = builder._publish(site, CoursePage(title="Code", summary="Coder."))
    module = builder._publish(course, ModulePage(title="Module"))
    lesson = builder.puzzle_lesson(module, title="Le couloir du robot", puzzles=1)
    learner = learner_create(email="lea@example.be", display_name="Léa")
    services.enrolment_create(user=learner, course=course)
    return lesson


def flyout_block(page: Page, block_type: str):
    """The block of this type in the toolbox (Blockly classes a block by type)."""
    return page.locator(f".blocklyFlyout g.{block_type}.blocklyDraggable").first


def drag(page: Page, source, x: float, y: float):
    """Drag a block with the mouse by its left edge to (x, y) of the page."""
    box = source.bounding_box()
    page.mouse.move(box["x"] + 8, box["y"] + 8)
    page.mouse.down()
    page.mouse.move(box["x"] + 40, box["y"] + 20, steps=5)
    page.mouse.move(x, y, steps=10)
    page.mouse.up()


def workspace_blocks(page: Page):
    """The blocks on the main workspace (not in the flyout)."""
    return page.locator("svg.blocklySvg .blocklyBlockCanvas .blocklyDraggable")


def test_a_child_fails_then_solves_a_puzzle_by_dragging_blocks(
    page: Page, site, assert_accessible
):
    lesson = puzzle_lesson(site)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Tall enough that nothing scrolls: mouse positions stay those measured.
    page.set_viewport_size({"width": 1280, "height": 1600})
    sign_in(page, "lea@example.be")
    page.goto(lesson.url)
    expect(page.locator(".blocklyFlyout .blocklyDraggable").first).to_be_visible()
    assert_accessible(page)
    workspace = page.locator(".puzzle-workspace").bounding_box()
    target_x, target_y = workspace["x"] + workspace["width"] * 0.6, workspace["y"] + 60

    drag(page, flyout_block(page, "maze_move_forward"), target_x, target_y)
    expect(workspace_blocks(page)).to_have_count(1)
    page.get_by_role("button", name=fr("Play")).click()
    status = page.locator(".puzzle-status")
    expect(status).to_contain_text(
        fr("The program ended before the robot reached the flag."), timeout=8000
    )

    first = workspace_blocks(page).first.bounding_box()
    drag(
        page,
        flyout_block(page, "maze_move_forward"),
        first["x"] + 8,
        first["y"] + first["height"] + 4,
    )
    expect(workspace_blocks(page)).to_have_count(2)
    page.get_by_role("button", name=fr("Play")).click()
    expect(status).to_contain_text("Bravo, le robot est arrivé", timeout=8000)
    expect(status).to_contain_text("★")
    forward = fr("move forward")
    expect(page.locator(".puzzle-program-text")).to_have_text(f"{forward}, {forward}")
    robot = page.locator("[data-robot]")
    assert "translate(120 24)" in robot.get_attribute("transform")
    assert not errors

    progress = LessonProgress.objects.get(lesson=lesson)
    assert [record["success"] for record in progress.answers.values()] == [True]

    page.get_by_text(fr("Hint"), exact=True).click()  # who is stuck: recorded
    expect(page.get_by_text("Avance deux fois.")).to_be_visible()
    for _ in range(50):
        if Statement.objects.filter(verb_id=xs.INTERACTED).exists():
            break
        page.wait_for_timeout(100)
    assert Statement.objects.filter(verb_id=xs.INTERACTED).count() == 1
    page.reload()
    expect(page.locator(".puzzle-solved")).to_be_visible()


# Where the keyboard focus is: on the blocks offered, on the program being built,
# elsewhere in Blockly (a hint's close button), or on a button (its text).
FOCUSED = """(() => {
  const element = document.activeElement;
  if (element.closest(".blocklyFlyout")) return "blocks offered";
  if (element.closest(".blocklyBlockCanvas")) return "program";
  if (element.closest(".injectionDiv")) return "blockly";
  return (element.textContent || "").trim();
})()"""


def tab_to(page: Page, wanted: str, *, backwards: bool = False, presses: int = 40):
    """Press Tab (or Shift+Tab) until the focus is on `wanted` (a place of
    FOCUSED, or a button's text)."""
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate(FOCUSED) == wanted:
            return
    raise AssertionError(f"{wanted!r} not reached with the keyboard")


def place_block_with_keyboard(page: Page):
    """T opens the blocks, Enter takes the one under focus, Enter drops it."""
    page.keyboard.press("t")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")


def test_a_child_fails_then_solves_a_puzzle_with_the_keyboard_only(page: Page, site):
    lesson = puzzle_lesson(site)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, "lea@example.be")
    page.goto(lesson.url)
    expect(page.locator(".blocklyFlyout .blocklyDraggable").first).to_be_visible()
    status = page.locator(".puzzle-status")

    tab_to(page, "blocks offered")
    place_block_with_keyboard(page)
    expect(workspace_blocks(page)).to_have_count(1)
    tab_to(page, fr("Play"))
    page.keyboard.press("Enter")
    expect(status).to_contain_text(
        fr("The program ended before the robot reached the flag."), timeout=8000
    )

    # Back on the program's last block, so that the next one goes under it
    # (Blockly's move hint, with its close button, comes first).
    tab_to(page, "program", backwards=True)
    place_block_with_keyboard(page)
    expect(workspace_blocks(page)).to_have_count(2)
    tab_to(page, fr("Play"))
    page.keyboard.press("Enter")
    expect(status).to_contain_text("Bravo, le robot est arrivé", timeout=8000)
    assert not errors


def test_blockly_weighs_on_puzzle_lessons_only(page: Page, site):
    """Bytes of HTML, CSS and JS (uncompressed): printed for bench/README.md."""
    lesson = puzzle_lesson(site)
    plain = CourseBuilder(site).lesson(lesson.get_parent(), title="Sans puzzle")
    sign_in(page, "lea@example.be")

    without, _rows = page_weight(page, plain.url)
    with_blockly, rows = page_weight(page, lesson.url)

    print(f"\nlesson without puzzle: {without} B; with a puzzle: {with_blockly} B")
    for kind, url, size in rows:
        print(f"  {kind:10} {size:>8}  {url.split('/static/')[-1]}")
    assert without < 150_000
    assert not any("blockly" in url for _kind, url, _size in _rows)
    assert any("blockly_compressed" in url for _kind, url, _size in rows)
    assert with_blockly - without < 800_000
