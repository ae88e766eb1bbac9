"""CSV injection: text a spreadsheet would run is written as text, numbers stay."""

import csv
import io
from decimal import Decimal

import pytest

from common import csv_safe


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "＝1+1",
        "＋1",
        "－1",
        "＠x",
    ],
)
def test_text_that_starts_a_formula_is_quoted(text):
    assert csv_safe.safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Namur", "", "5000", "a=b", "2024-09-01", 3, -4.8653, Decimal("-1.5")]
)
def test_other_cells_and_numbers_are_written_as_they_are(value):
    assert csv_safe.safe_cell(value) == value


def test_the_writer_escapes_every_cell_of_a_row():
    buffer = io.StringIO()
    writer = csv_safe.writer(buffer)
    writer.writerows([["=1", -4.5, "ok"], ["+x", 0, "@y"]])

    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["'=1", "-4.5", "ok"],
        ["'+x", "0", "'@y"],
    ]
