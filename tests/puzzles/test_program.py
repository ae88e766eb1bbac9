"""Parsing posted Blockly programs: the tree built, and every refusal's code."""

import json

import pytest

from puzzles import (
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_PROGRAM_BYTES,
    ProgramError,
    parse_program,
)
from puzzles.program import (
    Collect,
    Condition,
    If,
    IfElse,
    MoveForward,
    Repeat,
    RepeatUntilGoal,
    Turn,
    TurnBlock,
)
from tests.puzzles.blockly import (
    chain,
    collect,
    if_,
    if_else,
    left,
    move,
    program,
    repeat,
    right,
    turn,
    until_goal,
    workspace,
)


def refusal(data, **kwargs) -> ProgramError:
    """The ProgramError parsing `data` raises (failing the test if none is)."""
    with pytest.raises(ProgramError) as caught:
        parse_program(data, **kwargs)
    assert caught.value.message
    return caught.value


def nested_repeats(depth: int) -> dict:
    """`depth` repeat blocks each inside the previous one, built without recursion."""
    block = move()
    for _ in range(depth - 1):
        block = {
            "type": "maze_repeat",
            "fields": {"TIMES": 2},
            "inputs": {"DO": {"block": block}},
        }
    return {"blocks": {"languageVersion": 0, "blocks": [block]}}


def test_a_program_is_parsed_into_a_tree_with_its_block_count():
    data = program(
        move("m1"),
        repeat(3, turn("left"), collect()),
        until_goal(
            if_("path_ahead", move()), if_else("item_here", (collect(),), (right(),))
        ),
    )

    parsed = parse_program(data)

    assert parsed.body == (
        MoveForward("m1"),
        Repeat(3, (TurnBlock(Turn.LEFT), Collect())),
        RepeatUntilGoal(
            (
                If(Condition.PATH_AHEAD, (MoveForward(),)),
                IfElse(Condition.ITEM_HERE, (Collect(),), (TurnBlock(Turn.RIGHT),)),
            )
        ),
    )
    assert parsed.block_count == 10


def test_text_bytes_and_dict_give_the_same_program():
    data = program(repeat(2, move(), left()), collect())
    text = json.dumps(data)

    assert parse_program(text) == parse_program(text.encode()) == parse_program(data)


def test_what_blockly_adds_is_ignored_and_empty_inputs_are_empty_bodies():
    data = program(repeat(2), if_else("path_left", (), ()))
    data["blocks"]["blocks"][0].update(x=38, y=12, collapsed=False, id="a")
    data["variables"] = []

    parsed = parse_program(data)

    assert parsed.body == (
        Repeat(2, (), "a"),
        IfElse(Condition.PATH_LEFT, (), ()),
    )


def test_duplicated_ids_are_fine():
    parsed = parse_program(program(move("same"), move("same")))

    assert parsed.body == (MoveForward("same"), MoveForward("same"))


def test_a_long_or_odd_id_is_dropped_not_echoed():
    parsed = parse_program(
        program({"type": "maze_move_forward", "id": "x" * 65}, move(7))
    )

    assert parsed.body == (MoveForward(None), MoveForward(None))


def test_brackets_and_quotes_inside_strings_do_not_count_as_nesting():
    block = move('[[[[{{{{"\\')
    text = json.dumps(program(*[block] * 150))

    assert parse_program(text).block_count == 150


@pytest.mark.parametrize("data", [[], 42, None, "[]", "42", '"text"', b"null"])
def test_a_program_must_be_an_object(data):
    assert refusal(data).code == "not_an_object"


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "{'blocks': 1}",
        b"\xff\xfe",
        '{"blocks": {"blocks": [{"type": "maze_repeat", "fields": {"TIMES": '
        + "9" * 5000
        + "}}]}}",
        '"' + '\\"' * 30_000,  # unterminated: must not take quadratic time
    ],
)
def test_invalid_json_is_refused(text):
    assert refusal(text).code == "invalid_json"


@pytest.mark.parametrize("kind", [str, bytes])
def test_json_over_the_size_limit_is_refused(kind):
    data = program(move())
    data["padding"] = "x" * MAX_PROGRAM_BYTES
    text = json.dumps(data)

    assert refusal(text if kind is str else text.encode()).code == "too_large"


def test_the_size_limit_counts_bytes_not_characters():
    data = program(move())
    data["padding"] = "é" * (MAX_PROGRAM_BYTES // 2)

    assert refusal(json.dumps(data, ensure_ascii=False)).code == "too_large"


@pytest.mark.parametrize("data", [{}, {"blocks": {"languageVersion": 0}}, workspace()])
def test_an_empty_program_is_refused(data):
    assert refusal(data).code == "empty_program"


def test_several_stacks_are_refused():
    data = workspace((move(), move()), (turn("left"),))

    assert refusal(data).code == "several_stacks"


@pytest.mark.parametrize(
    "kind", ["maze_jump", "", 42, None, ["maze_move_forward"], "x" * 10**6]
)
def test_an_unknown_block_type_is_refused(kind):
    error = refusal(program(move(), {"type": kind, "id": "bad"}))

    assert error.code == "unknown_block"
    assert error.block_id == "bad"
    assert len(error.message) < 100


def test_a_block_the_puzzle_does_not_offer_is_refused():
    data = program(move(), repeat(2, turn("left", "t1")))

    error = refusal(data, offered=["maze_move_forward", "maze_repeat"])

    assert (error.code, error.block_id) == ("block_not_offered", "t1")


def test_nesting_at_the_limit_is_accepted_and_one_more_level_refused():
    assert parse_program(nested_repeats(MAX_DEPTH)).block_count == MAX_DEPTH
    assert refusal(nested_repeats(MAX_DEPTH + 1)).code == "too_deep"


def test_a_dict_nested_ten_thousand_deep_is_refused():
    assert refusal(nested_repeats(10_000)).code == "too_deep"


def test_json_text_nested_as_deep_as_fits_in_the_size_limit_is_refused():
    """About 1,200 levels of blocks in 64 KB: refused before json.loads recurses."""
    opening = '{"type":"maze_repeat_until_goal","inputs":{"DO":{"block":'
    levels = (MAX_PROGRAM_BYTES - 100) // (len(opening) + 3)
    text = (
        '{"blocks":{"blocks":['
        + opening * levels
        + '{"type":"maze_move_forward"}'
        + "}}}" * levels
        + "]}}"
    )
    assert len(text) <= MAX_PROGRAM_BYTES

    assert refusal(text).code == "too_deep"


@pytest.mark.parametrize(
    "text", ["[" * 60_000, "[" * 30_000 + "]" * 30_000, '{"a":' * 10_000]
)
def test_deep_json_of_any_shape_is_refused(text):
    assert refusal(text).code == "too_deep"


def test_a_stack_far_longer_than_the_limit_is_refused_as_too_deep_json():
    """Each `next` nests the following block two JSON levels deeper."""
    text = json.dumps(program(*[move()] * 300))

    assert refusal(text).code == "too_deep"


def test_many_shallow_brackets_are_not_too_deep():
    data = program(move())
    data["noise"] = [[]] * 10_000

    assert parse_program(json.dumps(data)).block_count == 1


def test_blocks_up_to_the_limit_are_accepted_one_more_refused():
    assert (
        parse_program(json.dumps(program(*[move()] * MAX_BLOCKS))).block_count
        == MAX_BLOCKS
    )
    assert (
        refusal(json.dumps(program(*[move()] * (MAX_BLOCKS + 1)))).code
        == "too_many_blocks"
    )


def test_ten_thousand_blocks_are_refused():
    data = program(*[move()] * 10_000)
    # json.dumps recurses: build the text of the same chain by hand.
    opening = '{"type":"maze_move_forward","next":{"block":'
    text = (
        '{"blocks":{"blocks":['
        + opening * 9_999
        + '{"type":"maze_move_forward"}'
        + "}}" * 9_999
        + "]}}"
    )

    assert refusal(data).code == "too_many_blocks"
    assert refusal(text).code == "too_large"


def test_ten_thousand_blocks_in_loops_are_refused():
    data = program(*[repeat(2, move(), if_("path_ahead", collect()))] * 2_500)

    assert refusal(data).code == "too_many_blocks"


def test_a_dict_that_contains_itself_is_refused():
    """Impossible in JSON, possible in a dict handed over already parsed."""
    block = {"type": "maze_move_forward"}
    block["next"] = {"block": block}
    looped = {"type": "maze_repeat", "fields": {"TIMES": 2}, "inputs": {}}
    looped["inputs"]["DO"] = {"block": looped}

    assert refusal(program(block)).code == "too_many_blocks"
    assert refusal(program(looped)).code == "too_deep"


@pytest.mark.parametrize(
    "times",
    [
        10**9,
        -1,
        0,
        21,
        "abc",
        "3",
        3.0,
        True,
        None,
        [3],
        pytest.param(10**5000, id="huge"),
    ],
)
def test_repeat_times_outside_1_to_20_or_not_an_integer_is_refused(times):
    error = refusal(program(repeat(times, move())))

    assert error.code == "invalid_field"
    assert len(error.message) < 120


@pytest.mark.parametrize("times", [1, 20])
def test_repeat_times_at_the_bounds_is_accepted(times):
    assert parse_program(program(repeat(times, move()))).body[0].times == times


@pytest.mark.parametrize(
    "block",
    [
        turn("up"),
        turn(1),
        turn(None),
        turn(["left"]),
        if_("path_behind", move()),
        if_(True, move()),
        if_else("PATH_AHEAD", (move(),), ()),
    ],
)
def test_a_dropdown_value_that_is_not_offered_is_refused(block):
    assert refusal(program(block)).code == "invalid_field"


@pytest.mark.parametrize(
    "block",
    [
        {"type": "maze_turn"},
        {"type": "maze_turn", "fields": {"DIRECTION": "left"}},
        {"type": "maze_repeat", "inputs": {}},
        {"type": "maze_if", "fields": {}},
        {"type": "maze_if_else"},
    ],
)
def test_a_missing_field_is_refused(block):
    assert refusal(program(block)).code == "missing_field"


@pytest.mark.parametrize(
    "block",
    [
        "maze_move_forward",
        {"type": "maze_turn", "fields": "left"},
        {"type": "maze_turn", "fields": ["left"]},
        {"type": "maze_move_forward", "next": [move()]},
        {"type": "maze_move_forward", "next": {"block": 5}},
        {"type": "maze_move_forward", "next": {"block": "maze_move_forward"}},
        {"type": "maze_move_forward", "next": {"shadow": move()}},
        {"type": "maze_move_forward", "inputs": {"DO": {"block": move()}}},
        {"type": "maze_move_forward", "inputs": []},
        {"type": "maze_if", "fields": {"COND": "item_here"}, "inputs": {"ELSE": {}}},
        {"type": "maze_repeat_until_goal", "inputs": {"DO": [move()]}},
        {"type": "maze_repeat_until_goal", "inputs": dict.fromkeys(range(10**5), {})},
    ],
)
def test_a_malformed_block_is_refused(block):
    assert refusal({"blocks": {"blocks": [block]}}).code == "invalid_structure"


@pytest.mark.parametrize(
    "data",
    [{"blocks": []}, {"blocks": "maze_move_forward"}, {"blocks": {"blocks": {}}}],
)
def test_a_malformed_workspace_is_refused(data):
    assert refusal(data).code == "invalid_structure"


@pytest.mark.parametrize(
    "state", [{"enabled": False}, {"disabledReasons": ["MANUALLY_DISABLED"]}]
)
def test_a_disabled_block_is_refused(state):
    block = {**move("off"), **state}

    error = refusal(program(move(), block))

    assert (error.code, error.block_id) == ("disabled_block", "off")


def test_the_first_error_names_the_block_at_fault_deep_inside():
    data = program(
        repeat(2, move(), if_("path_ahead", {"type": "maze_jump", "id": "j"}))
    )

    assert refusal(data).block_id == "j"


def test_a_chain_helper_of_no_block_is_none():
    assert chain([]) is None


def test_the_json_depth_check_is_exact_on_valid_json(monkeypatch):
    """Strings full of quotes, backslashes and brackets do not fool the pre-check."""
    import random

    from puzzles import program as module

    monkeypatch.setattr(module, "MAX_JSON_DEPTH", -1)  # always the exact count
    rng = random.Random(7)
    strings = ['a"b', "\\", '\\"', "[{", '"]}', 'x\\\\"y', "é\u2028", "\\\\\\"]

    def value(depth: int):
        roll = rng.random()
        if depth > 6 or roll < 0.3:
            return rng.choice([*strings, 1, None, True, -2.5e-3])
        if roll < 0.65:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        keys = [*strings, "k"]
        return {rng.choice(keys) + str(i): value(depth + 1) for i in range(3)}

    def depth_of(data) -> int:
        if isinstance(data, dict):
            return 1 + max(map(depth_of, data.values()), default=0)
        if isinstance(data, list):
            return 1 + max(map(depth_of, data), default=0)
        return 0

    for _ in range(2000):
        data = value(0)
        for text in (json.dumps(data), json.dumps(data, ensure_ascii=False, indent=1)):
            assert module._json_depth(text) == depth_of(data), text
