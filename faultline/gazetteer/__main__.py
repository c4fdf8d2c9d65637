"""Build (or rebuild) the place index: `python -m faultline.gazetteer [CACHE_DIR] [--force]`.

Without CACHE_DIR the configured `cache_dir` setting is used. The index is built only when missing
or stale unless `--force` is given.
"""

from __future__ import annotations

import logging
import sys

from ..settings import load_settings
from . import build_index, index_path, load_gazetteer


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = [a for a in argv if a != "--force"]
    cache_dir = args[0] if args else load_settings().cache_dir
    if "--force" in argv:
        stats = build_index(index_path(cache_dir))
        print(f"{stats['places']} places, {stats['bytes'] / 1e6:.1f} MB, {stats['seconds']:.1f} s")
    gazetteer = load_gazetteer(cache_dir)
    print(f"{index_path(cache_dir)}: ready (names up to {gazetteer.max_name_tokens} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
