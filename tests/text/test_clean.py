from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faultline.text.clean import clean_text, is_debris, keeps_hyphen


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the new ap-\nproach failed", "the new approach failed"),
        ("the govern-\nment said", "the government said"),
        ("heavy rocket-\nartillery fire", "heavy rocket-artillery fire"),
        ("using large-\n caliber weapons", "using large-caliber weapons"),
        ("the Nagorno-\nKarabakh region", "the Nagorno-Karabakh region"),
        ("a six-month-\nold war", "a six-month-old war"),
        ("a Moscow-\nled bloc", "a Moscow-led bloc"),
        ("a 10-\nyear conflict", "a 10-year conflict"),
        ("a well-\nknown commander", "a well-known commander"),
        ("the cross-\nborder raid", "the cross-border raid"),
        ("COVID-\n19 rules", "COVID-19 rules"),
        ("the unrec-\nognised militia", "the unrecognised militia"),
        ("the ceasefire -\nwhich held", "the ceasefire - which held"),
    ],
)
def test_hyphen_at_line_end(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(
    ("left", "right", "keeps"),
    [("ap", "proach", False), ("rocket", "artillery", True), ("Nagorno", "Karabakh", True),
     ("month", "old", True), ("govern", "ment", False), ("Darfur", "based", True)],
)  # fmt: skip
def test_keeps_hyphen(left: str, right: str, keeps: bool) -> None:
    assert keeps_hyphen(left, right) is keeps


@pytest.mark.parametrize(
    "debris",
    [
        "Related article: Sudan army retakes bridge in Omdurman",
        "RELATED: Mali junta expels French envoy",
        "Read more",
        "Read more: Sahel juntas quit ECOWAS",
        "Also read: How the war in Tigray ended",
        "See also: Myanmar's resistance explained",
        "https://www.example.com/news/2023/04/17/sudan-clashes",
        "www.example.org/sahel",
        "Photo: AFP",
        "Photo by Jane Doe / Reuters",
        "File photo: displaced families near Goma",
        "Share this article",
        "Share",
        "Facebook Twitter WhatsApp Email",
        "Follow us on Twitter",
        "Follow @newsdesk for updates",
        "Advertisement",
        "Scroll to continue with content",
        "Subscribe to our newsletter",
        "Copyright 2023 Example News",
    ],
)
def test_debris_line_is_dropped(debris: str) -> None:
    raw = f"Troops shelled the town on Monday.\n\n{debris}\n\nThe army denied it."
    cleaned = clean_text(raw)
    assert cleaned.text == "Troops shelled the town on Monday.\n\nThe army denied it."
    assert [span.text for span in cleaned.removed] == [debris]
    assert is_debris(debris)


@pytest.mark.parametrize(
    "prose",
    [
        "Photos of the destroyed bridge circulated widely on social media on Monday.",
        "Related fighting was reported in the north.",
        "Share prices fell in Khartoum as the fighting spread to the eastern districts.",
        "Follow-up talks are planned in Jeddah.",
        "More than 3,000 people fled across the border into Chad.",
        "Advertisements for recruits appeared in local papers.",
    ],
)
def test_prose_is_kept(prose: str) -> None:
    assert clean_text(prose).text == prose
    assert not is_debris(prose)


@pytest.mark.parametrize(
    ("raw", "expected", "removed"),
    [
        ("The army said (Photo by Ann Lee /\nAFP) it won.", "The army said it won.",
         "(Photo by Ann Lee /\nAFP)"),
        ("Details at https://example.org/report-2023 were\npublished.",
         "Details at were published.", "https://example.org/report-2023"),
        ("See the report (https://example.org/r).", "See the report.", "(https://example.org/r)"),
    ],
)  # fmt: skip
def test_inline_debris(raw: str, expected: str, removed: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert [span.text for span in cleaned.removed] == [removed]


def test_wrapped_related_headline_is_dropped_whole() -> None:
    raw = ("Rebels attacked the base.\n\nRelated article: Burkina Faso junta says it\n"
           "foiled a coup attempt\n\nThe army said ten soldiers died.")  # fmt: skip
    assert clean_text(raw).text == "Rebels attacked the base.\n\nThe army said ten soldiers died."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # hard-wrapped, blank lines between paragraphs
        ("Fighting erupted\nin the capital.\n\nThe army\nsaid so.",
         "Fighting erupted in the capital.\n\nThe army said so."),
        # one paragraph per line, no blank lines
        ("Gunmen killed five villagers, police said.\nResidents fled to Kaya, where aid groups "
         "are overwhelmed.\nThe attack was the third this month.",
         "Gunmen killed five villagers, police said.\n\nResidents fled to Kaya, where aid groups "
         "are overwhelmed.\n\nThe attack was the third this month."),
        # Windows line ends, trailing spaces, several blank lines
        ("One line\r\ngoes on.  \r\n\r\n\r\nTwo.\r\n", "One line goes on.\n\nTwo."),
        ("  \n\n  Padded text.  \n\n", "Padded text."),
    ],
)  # fmt: skip
def test_unwrap_paragraphs(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cWe will not retreat,\u201d he said.", '"We will not retreat," he said.'),
        ("the army\u2019s claim", "the army's claim"),
        ("on\u00a0Monday", "on Monday"),
        ("near\u200bGoma", "near Goma"),
        ("Khar\u00adtoum", "Khartoum"),
        ("five\u202fkilled\u2009today", "five killed today"),
        ("tabs\tand\tspaces", "tabs and spaces"),
    ],
)
def test_characters_are_normalised(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\n", "Read more", "\u200b\u00ad"])
def test_empty_or_all_debris(raw: str) -> None:
    assert clean_text(raw).text == ""


def test_removed_spans_point_into_the_raw_text() -> None:
    raw = "A \u201cquote\u201d.\r\n\r\nPhoto: AFP\r\n\r\nMore text at www.example.com/x here."
    cleaned = clean_text(raw)
    assert [raw[s.start : s.end] for s in cleaned.removed] == [s.text for s in cleaned.removed]
    assert [s.text for s in cleaned.removed] == ["Photo: AFP", "www.example.com/x"]


# ------------------------------------------------------------------------------------- properties

FRAGMENTS = ["word", "Word", "ap", "proach", "rocket", "artillery", "-", "-\n", "\n", "\n\n", " ",
             ".", ",", ":", '"', "(", ")", "\r\n", "\t", "\u201c", "\u2019", "\u00a0", "\u200b",
             "\u00ad", "Related article: ", "Read more", "Photo: AFP", "(Photo by Jo Doe / AFP)",
             "http://x.org/a-b", "www.example.com", "Advertisement", "Share this article",
             "Follow us on Twitter", "Nagorno", "Karabakh", "old", "six", "month"]  # fmt: skip
TEXTS = st.one_of(
    st.text(),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=30).map("".join),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXTS)
def test_clean_never_raises_and_is_idempotent(raw: str) -> None:
    cleaned = clean_text(raw)
    assert clean_text(cleaned.text).text == cleaned.text
    assert cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_removed_spans_are_raw_slices(raw: str) -> None:
    for span in clean_text(raw).removed:
        assert 0 <= span.start < span.end <= len(raw)
        assert raw[span.start : span.end] == span.text
