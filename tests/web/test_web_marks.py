"""Marking an article's text (faultline/web/marks.py): pure functions, no model, no store."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.web.marks import KINDS, Mark, article_marks, evidence_marks, segment_text

TEXT = "Rebels shelled Goma on Friday, the army said."


def test_segments_cut_at_every_boundary_and_keep_every_kind() -> None:
    marks = [Mark(0, 29, "evidence"), Mark(15, 19, "place", "Goma", "place: Goma"),
             Mark(20, 29, "date", "2024-02-09")]  # fmt: skip
    segments = segment_text(TEXT, marks)
    assert [(s.text, s.kinds) for s in segments] == [
        ("Rebels shelled ", ("evidence",)),
        ("Goma", ("evidence", "place")),
        (" ", ("evidence",)),
        ("on Friday", ("evidence", "date")),
        (", the army said.", ()),
    ]
    assert segments[1].labels == (("place", "Goma"),) and segments[1].titles == ("place: Goma",)
    assert segments[3].labels == (("date", "2024-02-09"),)


@pytest.mark.parametrize(("mark", "kinds"), [
    (Mark(-5, 3, "place"), ()),  # starts before the text: ignored
    (Mark(40, 99, "place"), (("said.", ("place",)),)),  # runs past the end: cut at it
    (Mark(5, 5, "place"), ()),  # empty
    (Mark(0, 6, "unknown-kind"), ()),
])  # fmt: skip
def test_odd_marks_are_cut_or_ignored(mark, kinds) -> None:
    marked = tuple((s.text, s.kinds) for s in segment_text(TEXT, [mark]) if s.kinds)
    assert marked == kinds


spans = st.tuples(st.integers(-3, 60), st.integers(-3, 60), st.sampled_from(KINDS))


@given(st.text(max_size=50), st.lists(spans, max_size=8))
def test_segments_rejoin_into_the_text_and_each_kind_covers_its_span(text, raw) -> None:
    marks = [Mark(start, end, kind, "x") for start, end, kind in raw]
    segments = segment_text(text, marks)
    assert "".join(s.text for s in segments) == text
    offset = 0
    for segment in segments:
        end = offset + len(segment.text)
        covering = {m.kind for m in marks if 0 <= m.start <= offset and end <= m.end}
        assert set(segment.kinds) == covering and segment.text
        offset = end


def test_article_and_evidence_marks_come_from_the_output_contract() -> None:
    result = {
        "places": [{"start": 15, "end": 19, "name": "Goma", "resolved": True,
                    "admin1": "North Kivu", "country_code": "CD", "latitude": -1.68,
                    "longitude": 29.22}],
        "dates": [{"start": 20, "end": 29, "value": "2024-02-09", "granularity": "day",
                   "is_background": False}],
        "claims": [{"kind": "killed", "count": 3, "count_low": 3, "count_high": None,
                    "victims": "civilians", "claimant": "army",
                    "evidence": {"start": 0, "end": 29, "text": TEXT[:29]}}],
        "quotes": [{"start": 0, "end": 45, "speaker": "army", "is_direct": False,
                    "speaker_start": 31, "speaker_end": 39}],
        "background": [{"start": 31, "end": 45, "when": "2019"}],
    }  # fmt: skip
    kinds = [(m.kind, m.label) for m in article_marks(result)]
    assert kinds == [("place", "Goma"), ("date", "2024-02-09"), ("claim", "killed 3"),
                     ("quote", ""), ("attribution", ""), ("background", "")]  # fmt: skip
    assert article_marks({"places": [{"start": 0, "end": 6, "resolved": False}]})[0].label == (
        "PLACE?"
    )
    marks = evidence_marks([{"start": 0, "end": 29}], result["claims"], result["quotes"])
    assert [m.kind for m in marks] == ["evidence", "claim", "quote", "attribution"]
    (said,) = [m for m in marks if m.kind == "attribution"]
    assert TEXT[said.start : said.end] == "the army" and "army" in said.title
