"""Issue 14: long texts are cut into windows of paragraphs; offsets stay exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faultline import pipeline
from faultline.records import Article, Quote, Span
from faultline.text.windows import shifted, windows

PARAGRAPHS = [
    "Gunmen attacked the village of Tin-Akoff in northern Burkina Faso on Sunday, killing at "
    "least eight civilians, a local official said.",
    "The army said on Monday that its troops had pursued the attackers and killed 15 of them "
    "near the border with Mali.",
    '"We buried them this morning," a resident told AFP by telephone.',
]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(5, 60))
@settings(max_examples=200, deadline=None)
def test_windows_cover_the_text_in_order_within_the_limit(text: str, limit: int) -> None:
    found = windows(text, limit)
    assert all(0 < end - start <= limit for start, end in found)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))
    kept = "".join(text[start:end] for start, end in found)
    assert "".join(kept.split()) == "".join(text.split())  # only whitespace is left out


def test_windows_end_at_paragraph_breaks() -> None:
    text = "\n\n".join(PARAGRAPHS * 4)
    for start, end in windows(text, 300):
        assert text[start:end] == text[start:end].strip()
        assert end == len(text) or text[end : end + 2] == "\n\n"


def test_shifted_moves_every_offset() -> None:
    quote = Quote("AFP", None, "We buried them", 10, 24, True, speaker_span=Span(30, 33, "AFP"),
                  pieces=(Span(10, 24, "We buried them"),))  # fmt: skip
    moved = shifted(quote, 100)
    assert (moved.start, moved.end, moved.speaker_span.start, moved.pieces[0].end) == (
        110, 124, 130, 124,
    )  # fmt: skip


@pytest.mark.model
def test_a_long_text_is_parsed_in_windows_with_exact_offsets(monkeypatch, nlp) -> None:
    text = "\n\n".join(PARAGRAPHS * 6)
    monkeypatch.setattr("faultline.text.nlp.PARSE_WINDOW", 400)
    parse = nlp.parse(text)
    assert parse.text == text
    assert all(text[t.start : t.end] == t.text for t in parse.tokens)
    assert [t.i for t in parse.tokens] == list(range(len(parse.tokens)))
    assert all(parse.sentences[t.sent].token_start <= t.i < parse.sentences[t.sent].token_end
               and parse.sentences[t.sent].token_start <= t.head
               < parse.sentences[t.sent].token_end for t in parse.tokens)  # fmt: skip
    assert [s.index for s in parse.sentences] == list(range(len(parse.sentences)))
    assert all(text[e.start : e.end] == e.text for e in parse.entities)
    paragraphs = [s.paragraph for s in parse.sentences]
    assert paragraphs == sorted(paragraphs) and paragraphs[-1] == len(PARAGRAPHS) * 6 - 1
    assert [p.text for p in nlp.pipe(["Short one.", text])][1] == text


@pytest.mark.model
def test_a_long_article_is_analysed_in_windows(monkeypatch, resources) -> None:
    monkeypatch.setattr(pipeline, "WINDOW_CHARS", 600)
    article = Article(id="long", text="\n\n".join(PARAGRAPHS * 5))
    result = pipeline.extract(article, resources)
    text = result.article.text
    assert len(text) > 2 * 600  # three windows or more
    assert result.events and result.claims and result.places and result.quotes
    spans = [s for e in result.events for s in e.evidence] + [c.evidence for c in result.claims]
    spans += [s for q in result.quotes for s in q.pieces]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert all(text[p.start : p.end] == p.text for p in result.places)
    assert all(text[d.start : d.end] == d.text for d in result.dates)
    event_ids = [e.event_id for e in result.events]
    claim_ids = [c.claim_id for c in result.claims]
    assert len(set(event_ids)) == len(event_ids) and len(set(claim_ids)) == len(claim_ids)
    assert event_ids == [f"long-e{n}" for n in range(1, len(event_ids) + 1)]
    assert all(i in claim_ids for e in result.events for i in e.claim_ids)
    assert all(i in event_ids for c in result.claims for i in c.event_ids)
    assert [p.code for p in result.problems].count("dates.no_publication_date") == 1
