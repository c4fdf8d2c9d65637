"""Quotes stage: quotation marks (no model), speakers and roles (model), the seed article."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faultline.evaluate.quotes import QuoteTally, match_pieces, read_brat, score_quotes
from faultline.quotes.attribution import find_quotes, join_pieces, quote_spans
from faultline.quotes.speakers import Attribution
from faultline.records import Quote, Span


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we will stay" on Monday.', ["we will stay"]),
        (
            '"We will stay," he said, adding that "nothing changes."',
            ["We will stay,", "nothing changes."],
        ),
        ("'Neither war, nor peace'\n\nThe talks resumed.", []),
        ("He called it a “turning point” for the region.", ["turning point"]),
        ('The mayor said the town was safe."', []),  # a stray closing mark is not a quote
        ('"We stayed.\n\n"We are still here," she said.', ["We stayed.", "We are still here,"]),
        ('He said "first" and "second" today.', ["first", "second"]),
        ("It's the rebels' base, he said.", []),
        ("''We will stay,'' he said.", ["We will stay,"]),  # newspaper archives' marks
        ("``Go home,'' she said of the students'' union.", ["Go home,"]),
        ("”Fear. We are afraid,” she wrote.", ["Fear. We are afraid,"]),  # a mistyped opener
    ],
)
def test_quote_spans(text: str, quoted: list[str]) -> None:
    assert [text[s.start : s.end] for s in quote_spans(text)] == quoted


@given(st.text(alphabet=st.sampled_from(list("ab \"“”'`.,\n")), max_size=60))
def test_quote_spans_lie_inside_the_text(text: str) -> None:
    previous_end = 0
    for span in quote_spans(text):
        assert 0 <= span.open < span.start <= span.end <= span.close <= len(text)
        assert span.open >= previous_end
        previous_end = span.close


MALI = (
    "Mali's defence ministry said on Tuesday that 14 soldiers were killed when rebels attacked a "
    "base near Kidal.\n\n"
    '"Our forces repelled the assault and the situation is under control," the ministry said in a '
    "statement.\n\n"
    "The Coordination of Azawad Movements claimed it had killed at least 30 soldiers and denied "
    "targeting civilians.\n\n"
    'Army spokesman Souleymane Dembele told AFP that "dozens of terrorists were neutralised."\n\n'
    '"We will not stop," he added.\n\n'
    '"The region has not been this tense in years."\n\n'
    "According to local officials, about 2,000 residents fled their homes.\n\n"
    "One of the survivors, Aminata Traore, 42, said the gunmen burned the market.\n\n"
    'Analyst Jane Roe of the Sahel Policy Center described the fighting as "a turning point."\n'
)


@pytest.fixture(scope="module")
def mali_quotes(parse_text) -> tuple[Quote, ...]:  # noqa: ANN001
    return find_quotes(parse_text(MALI))


def _quote(quotes: tuple[Quote, ...], fragment: str) -> Quote:
    matches = [q for q in quotes if fragment in q.text]
    assert matches, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return matches[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("fragment", "speaker", "role", "is_direct"),
    [
        ("14 soldiers were killed", "Mali's defence ministry", None, False),
        ("Our forces repelled", "Mali's defence ministry", None, True),  # "the ministry said"
        ("killed at least 30 soldiers", "Coordination of Azawad Movements", None, False),
        ("targeting civilians", "Coordination of Azawad Movements", None, False),
        ("dozens of terrorists", "Souleymane Dembele", "army spokesman", True),
        ("We will not stop", "Souleymane Dembele", "army spokesman", True),  # "he added"
        ("not been this tense", "Souleymane Dembele", "army spokesman", True),  # continuation
        ("2,000 residents fled", "local officials", None, False),  # according to
        ("burned the market", "Aminata Traore", "survivor", False),
        ("a turning point", "Jane Roe", "analyst", True),
    ],
)
def test_mali_speakers(
    mali_quotes, fragment: str, speaker: str, role: str | None, is_direct: bool
) -> None:  # noqa: ANN001
    quote = _quote(mali_quotes, fragment)
    assert (quote.speaker, quote.is_direct) == (speaker, is_direct)
    if role is not None:
        assert quote.speaker_role == role


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "role"),
    [
        (
            'The ministry spokesman Ali Hassan said "the road is open."',
            "road is open",
            "Ali Hassan",
            "ministry spokesman",
        ),
        (
            'Local resident Maria Lopez, 71, told Reuters that "the river rose at night."',
            "river rose",
            "Maria Lopez",
            "local resident",
        ),
        (
            '"We lost everything," one of the farmers, Juan Perez, 58, told AFP.',
            "lost everything",
            "Juan Perez",
            "farmer",
        ),
        (
            'Kenya\'s interior ministry said "the curfew stays."',
            "curfew stays",
            "Kenya's interior ministry",
            None,
        ),
        (
            "\"Calm has returned,\" Thursday's statement from Kenya's police said.",
            "Calm has returned",
            None,
            None,
        ),
        (
            "The Movement for Unity and Justice (MUJ), a rebel alliance, said it held the town.",
            "held the town",
            "Movement for Unity and Justice (MUJ)",
            None,
        ),
        (  # a name written with a hyphen and a lower-case part
            'Deputy Minister Lee Jae-sung said "the talks will resume in May."',
            "talks will resume",
            "Lee Jae-sung",
            "deputy minister",
        ),
        (
            "Police chief Omar Said said later that the suspects had fled.",
            "suspects had fled",
            "Omar Said",
            "police chief",
        ),
    ],
)
def test_speaker_cases(
    parse_text, text: str, fragment: str, speaker: str | None, role: str | None
) -> None:  # noqa: ANN001
    quote = _quote(find_quotes(parse_text(text)), fragment)
    if speaker is not None:
        assert quote.speaker == speaker
    else:
        assert quote.speaker is not None
    assert quote.speaker_role == role


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "is_direct"),
    [
        # the second half of a quote split by its cue continues the speaker
        ('"We will stay," the mayor, Ana Ortiz, said. "This is our land."', "our land",
         "Ana Ortiz", True),
        # the parser ends the sentence at "?": the cue opens the next one
        ('"How long must we wait?" Governor Ali Musa asked.', "must we wait", "Ali Musa", True),
        ('"OKAFOR: We will accept the result of the vote."', "We will accept", "OKAFOR", True),
        ("“The water is gone and the wells are dry.”― Amina Sow", "wells are dry", "Amina Sow",
         True),
        ("''We will rebuild the bridge,'' said Ana Ruiz, the mayor of the town.", "rebuild",
         "Ana Ruiz", True),
        ("The camp, Governor Ali Musa said, will close next week.", "will close", "Ali Musa",
         False),
        ("The convoy reached the town on Friday, the army said.", "convoy reached", "army",
         False),
        ("The senator demanded that the army withdraw.", "army withdraw", "senator", False),
        ("A survey by the agency shows that most families have fled.", "families have fled",
         None, False),
        ('As the mayor put it, "the river decides."', "river decides", "mayor", True),
        ('"The vote was fair," Rep. Ana Ruiz (D-Ore.) said.', "vote was fair", "Ana Ruiz", True),
        # a name after brackets closed before it, and the name of a role "to" a place
        ('Joint secretary (home) Ali Musa Khan said "the roads are closed".', "roads are closed",
         "Ali Musa Khan", True),
        ('The U.N. envoy to Sudan, Volker Perthes, said he was "deeply concerned".',
         "deeply concerned", "Volker Perthes", True),
        # a phrasal speech verb
        ('"The roads are closed," the governor pointed out.', "roads are closed", "governor",
         True),
        ("The governor urged residents to leave the coast.", "residents to leave", "governor",
         False),
        # the verb before its subject, opening the sentence
        ('Some doubt the plan. Said Omar Farah: "The plan will not work."', "will not work",
         "Omar Farah", True),
        # the parser takes a word of the quote as the subject: the one outside it speaks
        ('"She would be a great mayor. Not good, great. One of the finest lawyers in the whole '
         'state," Rep. Ana Ruiz (D-Ore.) said in a phone interview.', "great mayor", "Ana Ruiz",
         True),
        # a quote with no cue after a reported clause goes on with its speaker
        ('The bridge will reopen next week, Governor Ali Musa said. "We have repaired the '
         'pillars and the road."', "repaired the pillars", "Ali Musa", True),
        # a pronoun in a clause under a named subject is that subject, not the last speaker
        ('Brigadier Musa Bello said the town was calm.\n\nGovernor Ali Musa condemned what he '
         'called a "cowardly attack" on the market.', "cowardly attack", "Ali Musa", True),
        # a saying noun quotes its owner's words
        ("Officials disputed Ali Musa's claim that there were \"thousands of refugees\" in the "
         "camp.", "thousands of refugees", "Ali Musa", True),
        # a speech verb after "but" shares the subject of the one before it
        ('Rebels said on Monday that they held the town but said "the army is shelling the '
         'market."', "army is shelling", "Rebels", True),
        # a gerund under a preposition takes the subject of the clause it hangs on
        ("Governor Ali Musa refused to name a successor, aside from saying he wants a fair vote.",
         "fair vote", "Ali Musa", False),
    ],
)  # fmt: skip
def test_speaker_rules(
    parse_text, text: str, fragment: str, speaker: str | None, is_direct: bool
) -> None:  # noqa: ANN001
    quote = _quote(find_quotes(parse_text(text)), fragment)
    assert quote.is_direct == is_direct
    if speaker is not None:
        assert quote.speaker == speaker
    _assert_pieces_are_the_text(parse_text(text).text, quote)


def _assert_pieces_are_the_text(text: str, quote: Quote) -> None:
    """Every piece is a slice of the text; the quote runs from the first to the last piece."""
    assert quote.pieces
    for piece in quote.pieces:
        assert text[piece.start : piece.end] == piece.text
    assert quote.text == " ".join(piece.text for piece in quote.pieces)
    assert (quote.start, quote.end) == (quote.pieces[0].start, quote.pieces[-1].end)


@pytest.mark.model
def test_transcript_label_is_not_quoted(parse_text) -> None:  # noqa: ANN001
    quote = _quote(find_quotes(parse_text('"OKAFOR: We accept the vote."')), "accept")
    assert quote.text == "We accept the vote."


@pytest.mark.model
def test_quoted_titles_and_scare_quotes(parse_text) -> None:  # noqa: ANN001
    quotes = find_quotes(parse_text('She told the show "Morning Voices" that the border closed.'))
    assert [q.text for q in quotes] == ["the border closed"]  # a title is not a quote
    quotes = find_quotes(parse_text('The minister said the plan was "dead on arrival" on Monday.'))
    assert [q.is_direct for q in quotes] == [True]  # the clause quotes words; one quote
    assert quotes[0].text.startswith("the plan was")
    assert find_quotes(parse_text('Officials moved the "temporary" camp to the hills.')) == ()


@pytest.mark.model
def test_relative_pronoun_is_where_the_speaker_is_written(parse_text) -> None:  # noqa: ANN001
    text = "The commander, who said the town had fallen, left on Monday."
    quote = _quote(find_quotes(parse_text(text)), "town had fallen")
    assert quote.speaker == "commander"
    assert quote.speaker_span is not None and quote.speaker_span.text == "who"


@pytest.mark.model
def test_pronoun_resolves_to_the_last_person_speaker(parse_text) -> None:  # noqa: ANN001
    text = (
        'Nigeria\'s army said "the camp was cleared."\n\n'
        'Brigadier Musa Bello said "we hold the bridge."\n\n'
        '"No civilians were hurt," he said.\n'
    )
    quote = _quote(find_quotes(parse_text(text)), "No civilians")
    assert quote.speaker == "Musa Bello"
    assert quote.speaker_span is not None and quote.speaker_span.text == "he"


@pytest.mark.model
def test_every_quote_piece_is_its_text(parse_text) -> None:  # noqa: ANN001
    parse = parse_text(MALI)
    quotes = find_quotes(parse)
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        _assert_pieces_are_the_text(parse.text, quote)
        for span in (quote.speaker_span, quote.cue):
            if span is not None:
                assert parse.text[span.start : span.end] == span.text


@pytest.mark.model
def test_seed_article_quotes(corpora, parse_text) -> None:  # noqa: ANN001
    """Every quote of the seed article with its speaker (names are checked here, never in code)."""
    from faultline.text.clean import clean_text

    text = clean_text((corpora / "seed" / "article.txt").read_text(encoding="utf-8")).text
    quotes = find_quotes(parse_text(text))
    expected = [
        ("neither war, nor peace", "one analyst", True),
        ("ready to unilaterally hand over", "Azerbaijan's commission on prisoners of war", True),
        ("105 of its troops were killed", "Yerevan", False),
        ("the enemy re-launched its attack", "Armenia's defense ministry", True),
        ("military-political leadership continues", "Armenia's defense ministry", True),
        ("rocket-artillery shelling intensified", "Aram Tonoyan", False),
        ("violated the ceasefire", "Azerbaijani defense ministry", True),
        ("Definitely, tensions persisted", "Dmitry Peskov", True),
        ("has undone EU-led efforts", "Gela Vasadze", True),
        ("Brussels agreements are now practically nullified", "Gela Vasadze", True),
        ("have further radicalized public opinion", "Gela Vasadze", True),
        ("at least 2,750 people were forced to flee", "Kristina Grigoryan", True),
        ("women and children were evacuated", "Vardanush Vardanya", True),
        ("I've stayed and watched houses burning", "Vardanush Vardanya", True),
        ("We must fight for our lands", "Sokrat Khachaturyan", True),
    ]
    for fragment, speaker, is_direct in expected:
        quote = _quote(quotes, fragment)
        assert (quote.speaker, quote.is_direct) == (speaker, is_direct), fragment
    assert _quote(quotes, "rocket-artillery").speaker_role == "ministry spokesman"
    assert _quote(quotes, "at least 2,750").speaker_role == "rights ombudsperson"
    assert _quote(quotes, "women and children").speaker_role == "local resident"
    assert _quote(quotes, "We must fight").speaker_role == "relative"
    assert not any("Neither war, nor peace" == q.text for q in quotes)  # the heading
    assert dt.date(2022, 9, 14)  # publication date of the seed, for the reader


# ------------------------------------------------------------------------------ split quotes


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "pieces", "speaker"),
    [
        # the second piece continues the first
        ('"We will stay," the mayor, Ana Ortiz, said. "This is our land."',
         ["We will stay,", "This is our land."], "Ana Ortiz"),
        # both pieces hang on the same speech verb
        ('"The bridge is gone," Governor Ali Musa said, "and the road is flooded."',
         ["The bridge is gone,", "and the road is flooded."], "Ali Musa"),
        ("''We waited,'' said Maria Lopez. ''Nobody came. Then the water rose.''",
         ["We waited,", "Nobody came. Then the water rose."], "Maria Lopez"),
        # a paragraph that ends with the quote still open goes on in the next one
        ('Amina Sow said: "The shelling started at dawn. We hid in the cellar.\n\n'
         '"When it stopped, the school was gone."',
         ["The shelling started at dawn. We hid in the cellar.",
          "When it stopped, the school was gone."], "Amina Sow"),
    ],
)  # fmt: skip
def test_a_split_quote_is_one_quote_in_pieces(
    parse_text, text: str, pieces: list[str], speaker: str
) -> None:  # noqa: ANN001
    parse = parse_text(text)
    (quote,) = [q for q in find_quotes(parse) if q.is_direct]
    assert [piece.text for piece in quote.pieces] == pieces
    assert quote.speaker == speaker
    _assert_pieces_are_the_text(parse.text, quote)
    attribution = parse.text.index(pieces[0]) + len(pieces[0]) + 2  # inside "she said"
    assert quote.covers(quote.start) and not quote.covers(attribution)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # a second speech verb of its own: two quotes
        ('"We will stay," he said, adding that "nothing changes."',
         ["We will stay,", "nothing changes."]),
        # a closed quote in the next paragraph is a quote of its own (same speaker)
        ('"We will stay," Ana Ortiz said.\n\n"This is our land."',
         ["We will stay,", "This is our land."]),
    ],
)  # fmt: skip
def test_quotes_that_are_not_pieces_of_one(parse_text, text: str, quoted: list[str]) -> None:  # noqa: ANN001
    quotes = [q for q in find_quotes(parse_text(text)) if q.is_direct]
    assert [q.text for q in quotes] == quoted
    assert len({q.speaker for q in quotes}) == 1
    assert all(len(q.pieces) == 1 for q in quotes)


def _attribution(text: str, fragment: str, continues: str | None = None) -> Attribution:
    start = text.index(fragment)
    previous = text.index(continues) if continues is not None else None
    return Attribution(start, start + len(fragment), fragment, True, None, None, "test", previous)


@pytest.mark.parametrize(
    ("text", "fragments", "joined"),
    [
        ('"A b," he said. "C d." "E f."', [("A b,", None), ("C d.", "A b,"), ("E f.", "C d.")],
         [["A b,", "C d.", "E f."]]),
        ('"A b," he said.\n"C d."', [("A b,", None), ("C d.", "A b,")], [["A b,"], ["C d."]]),
        ('"A b c\n"C d."', [("A b c", None), ("C d.", "A b c")], [["A b c", "C d."]]),
        ('"A b," he said. "C d."\n"E f."', [("A b,", None), ("C d.", "A b,"), ("E f.", "C d.")],
         [["A b,", "C d."], ["E f."]]),
    ],
)  # fmt: skip
def test_join_pieces(text: str, fragments: list[tuple[str, str | None]], joined) -> None:  # noqa: ANN001
    attributions = [_attribution(text, f, c) for f, c in fragments]
    out = join_pieces(text, attributions)
    assert [[p.text for p in a.spans()] for a in out] == joined
    for attribution in out:  # a continuation in a later paragraph names the quote's start
        assert attribution.continues is None or attribution.continues in {a.start for a in out}


def test_a_quote_without_pieces_is_one_piece() -> None:
    quote = Quote("Ana Ortiz", None, "We will stay", 1, 13, True)
    assert quote.pieces == (Span(1, 13, "We will stay"),)
    assert quote.to_dict()["pieces"] == [{"start": 1, "end": 13}]
    assert quote.covers(1) and quote.covers(12) and not quote.covers(13)


# ------------------------------------------------------------- scoring split quotes (PolNeAR)

SPLIT_TEXT = '"We will stay," the mayor said. "This is our land." Police said roads were open.'
SPLIT_ANN = """T1\tSource 16 25\tthe mayor
T2\tCue 26 30\tsaid
T3\tContent 1 14;33 50\tWe will stay, This is our land.
E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1
"""


def _split_quote(pieces: list[tuple[int, int]], speaker: str = "the mayor") -> Quote:
    spans = tuple(Span(s, e, SPLIT_TEXT[s:e]) for s, e in pieces)
    text = " ".join(span.text for span in spans)
    return Quote(speaker, None, text, spans[0].start, spans[-1].end, True, pieces=spans)


def test_gold_content_pieces_are_read() -> None:
    (gold,) = read_brat(SPLIT_TEXT, SPLIT_ANN)
    assert gold.content == (1, 50) and gold.content_pieces() == ((1, 14), (33, 50))


@pytest.mark.parametrize(
    ("pred", "detected", "direct_speaker"),
    [
        ([[(1, 14), (33, 50)]], 100.0, 100.0),  # one quote in two pieces: one match
        ([[(1, 14)], [(33, 50)]], 200 / 3, 200 / 3),  # two quotes: one of them is extra
        ([[(52, 79)]], 0.0, 0.0),  # after the content: no match
    ],
)
def test_split_quotes_match_by_their_pieces(pred, detected: float, direct_speaker: float) -> None:  # noqa: ANN001
    tally = QuoteTally()
    score_quotes(read_brat(SPLIT_TEXT, SPLIT_ANN), [_split_quote(p) for p in pred], tally)
    assert tally.detection.f1 == pytest.approx(detected)
    assert tally.direct_speaker.f1 == pytest.approx(direct_speaker)


def test_the_attribution_between_pieces_matches_no_content() -> None:
    (gold,) = read_brat(SPLIT_TEXT, SPLIT_ANN)
    between = Quote("police", None, "the mayor said.", 16, 31, False)
    assert match_pieces([gold], [between]) == []
