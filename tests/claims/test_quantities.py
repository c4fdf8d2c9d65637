"""Quantity wording -> ACLED's conservative count and UCDP-style bounds (no model needed)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.claims.quantities import find_quantities, number_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 soldiers", (12, 12, 12)),
        ("1,250 people", (1250, 1250, 1250)),
        ("at least 20 civilians", (20, 20, None)),
        ("more than 6,400 troops", (6400, 6400, None)),
        ("over 40 people", (40, 40, None)),
        ("between 10 and 15 fighters", (10, 10, 15)),
        ("10 to 15 fighters", (10, 10, 15)),
        ("10-15 fighters", (10, 10, 15)),
        ("two or three villagers", (2, 2, 3)),
        ("up to 30 people", (30, None, 30)),
        ("fewer than 10 people", (9, None, 9)),
        ("around 25,000 lives", (25000, 25000, 25000)),
        ("some 40 herders", (40, 40, 40)),
        ("nearly 30 miners", (30, None, 30)),
        ("dozens of people", (12, 12, None)),
        ("a dozen gendarmes", (12, 12, 12)),
        ("hundreds of families", (100, 100, None)),
        ("thousands fled", (1000, 1000, None)),
        ("tens of thousands fled", (10000, 10000, None)),
        ("hundreds of thousands fled", (100000, 100000, None)),
        ("tens of residents", (10, 10, None)),
        ("scores of protesters", (20, 20, None)),
        ("several civilians", (3, 3, None)),
        ("a few soldiers", (3, 3, None)),
        ("many villagers", (10, 10, None)),
        ("five soldiers", (5, 5, 5)),
        ("twenty-five people", (25, 25, 25)),
        ("two hundred people", (200, 200, 200)),
        ("a hundred people", (100, 100, 100)),
        ("2.5 million people", (2_500_000, 2_500_000, 2_500_000)),
    ],
)
def test_quantity_wording(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    quantity = find_quantities(text)[0]
    assert (quantity.count, quantity.low, quantity.high) == expected


@pytest.mark.parametrize(
    ("words", "value"),
    [("6,500", 6500), ("seventy", 70), ("ninety-nine", 99), ("two thousand", 2000), ("a dozen", 12),
     ("three hundred and twelve", 312), ("nonsense", None)],
)  # fmt: skip
def test_number_value(words: str, value: int | None) -> None:
    assert number_value(words) == value


def test_quantity_spans_cover_modifier_and_number() -> None:
    text = "Officials said at least 2,750 people fled."
    quantity = find_quantities(text)[0]
    assert text[quantity.start : quantity.end] == "at least 2,750"
    assert text[quantity.number_start : quantity.number_end] == "2,750"


def test_a_score_is_not_a_range() -> None:
    assert [(q.count, q.high) for q in find_quantities("the 5-3 win")] == [(5, 5)]


@given(
    st.text(alphabet=st.sampled_from(list("0123456789 ,.-abcdefghijklmnoprstuvwxyz")), max_size=80)
)
def test_every_quantity_span_lies_inside_the_text(text: str) -> None:
    for quantity in find_quantities(text):
        assert (
            0
            <= quantity.start
            <= quantity.number_start
            < quantity.number_end
            <= quantity.end
            <= len(text)
        )
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
