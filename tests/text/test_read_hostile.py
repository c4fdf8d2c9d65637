"""Issue 14: inputs that real feeds produce are read into an article or refused with one error
naming them; nothing raises, and the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faultline.errors import InputError
from faultline.records import Article
from faultline.text.language import check_language, identify_language
from faultline.text.read import (
    MAX_JSON_DEPTH,
    InputFailure,
    article_from_record,
    json_depth,
    read_inputs,
)

ENGLISH = ("Gunmen attacked the village on Sunday, killing at least eight civilians, a local "
           "official said.")  # fmt: skip


def read(*paths: str) -> list[Article | InputFailure]:
    return list(read_inputs(list(paths), published=None, url=None, source=None,
                            max_bytes=50_000_000))  # fmt: skip


def test_a_lone_surrogate_is_replaced_and_reported(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "s\\ud800", "title": "\\udfff", "text": "' + ENGLISH[:-1]
                    + ' \\ud83d and \\u0000 here."}\n', encoding="utf-8")  # fmt: skip
    [article] = read(str(feed))
    assert isinstance(article, Article)
    assert "\ufffd and \ufffd here" in article.text
    assert article.id == "s\ufffd" and article.title == "\ufffd"
    article.text.encode("utf-8")  # every field can now be hashed, stored and sent as JSON
    [problem] = article.problems
    assert problem.code == "read.unencodable" and problem.detail.startswith("4 code point")


@pytest.mark.parametrize("text", ["!!! ... ???", "12 345 -- 678", "\u2014 \u2022 \u00a7",
                                  "x" * 1_000_000, "a" * 41])  # fmt: skip
def test_wordless_text_is_refused(text: str) -> None:
    with pytest.raises(InputError) as raised:
        article_from_record({"text": text}, "in")
    assert raised.value.code == "read.no_words"
    assert raised.value.message.startswith("no words")


def test_a_long_run_beside_real_words_is_read() -> None:
    assert article_from_record({"text": f"{ENGLISH} {'x' * 5000}"}, "in").text


def test_deep_json_is_refused_and_the_batch_goes_on(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": ENGLISH}) + "\n" + "[" * 5000 + "]" * 5000 + "\n"
                     + '{"text": "x", "id": ' + "9" * 5000 + "}\n"
                     + json.dumps({"id": "last", "text": ENGLISH}) + "\n",
                     encoding="utf-8")  # fmt: skip
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = read(str(deep), str(lines), str(good))
    assert [type(i).__name__ for i in items] == [
        "InputFailure", "Article", "InputFailure", "InputFailure", "Article", "Article"
    ]  # fmt: skip
    assert items[0].message == f"JSON nested 200000 levels deep, over the limit of {MAX_JSON_DEPTH}"
    assert items[2].input_name.endswith("lines.jsonl:2") and items[2].code == "read.json"
    assert items[3].message.startswith("invalid JSON: Exceeds the limit")


@pytest.mark.parametrize(("text", "depth"), [
    ("{}", 1), ('{"a": [[1], {"b": 2}]}', 3), ('"[[[["', 0), ('["\\"[[", [[]]]', 3), ("7", 0),
])  # fmt: skip
def test_json_depth_ignores_brackets_in_strings(text: str, depth: int) -> None:
    assert json_depth(text) == depth


FRENCH = ("Les forces gouvernementales ont bombardé la ville samedi, tuant au moins six civils "
          "selon des sources locales.")  # fmt: skip
SPANISH = ("Un ataque con drones contra una base militar dejó al menos cuatro muertos el "
           "domingo, informaron las autoridades.")  # fmt: skip


@pytest.mark.parametrize(("text", "language"), [(FRENCH, "French"), (SPANISH, "Spanish")])
def test_a_non_english_article_is_refused_naming_its_language(text: str, language: str) -> None:
    with pytest.raises(InputError) as raised:
        check_language(text, "in")
    assert raised.value.code == "read.language"
    assert f"in {language} (" in raised.value.message and "not English" in raised.value.message


@pytest.mark.parametrize("text", [
    ENGLISH, "Six killed.", "Kyiv, Kharkiv, Zaporizhzhia, Dnipro and Odesa were shelled overnight.",
    "Al-Shabaab fighters stormed Mogadishu's Hayat hotel, police in Mogadishu said on Saturday.",
])  # fmt: skip
def test_english_news_is_read(text: str) -> None:
    check_language(text, "in")


def test_the_identifier_runs_offline_and_names_a_language() -> None:
    code, probability = identify_language(FRENCH)
    assert code == "fr" and probability > 0.9
