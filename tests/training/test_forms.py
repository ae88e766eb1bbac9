"""The training forms' own reading of what is typed or pasted."""

import pytest

from training.forms import addresses_in


@pytest.mark.parametrize(
    ("pasted", "addresses"),
    [
        ("", []),
        ("a@x.be\r\nB@X.be\n\n", ["a@x.be", "b@x.be"]),
        ("a@x.be, b@x.be;c@x.be  d@x.be", ["a@x.be", "b@x.be", "c@x.be", "d@x.be"]),
        ("a@x.be; A@x.be, a@x.be", ["a@x.be"]),
        # As an e-mail program copies its recipients: the names are left out.
        (
            '"Dupont, Marie" <marie@x.be>; Jean Leroy <jean@x.be>, c@x.be',
            ["marie@x.be", "jean@x.be", "c@x.be"],
        ),
        # Without brackets, a word is an address to check, not a name to skip.
        ("Marie a@x.be", ["marie", "a@x.be"]),
    ],
)
def test_addresses_are_read_as_they_are_pasted(pasted, addresses):
    assert addresses_in(pasted) == addresses


def test_addresses_keep_the_order_they_were_pasted_in():
    pasted = "'c@x.be', Marie <M@x.be>\n(b@x.be)"

    assert addresses_in(pasted) == ["c@x.be", "m@x.be", "b@x.be"]
