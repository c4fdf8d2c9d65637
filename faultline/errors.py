"""The one exception tree of faultline.

    FaultlineError
     +-- InputError       this article (file, line, record) cannot be read
     +-- ResourceError    a model or index is missing; the message names the command that builds it
     +-- SettingsError    a setting or flag has an invalid value
     +-- StorageError     the database cannot be opened, migrated or written

"Not found" is data, not an exception: see `models.Problem`.
"""

from __future__ import annotations


class FaultlineError(Exception):
    """Base of every error faultline raises on purpose."""


class InputError(FaultlineError):
    """An input cannot be read; `input_name` names it (file, and line for JSON Lines); `code` is
    the stable dotted code of the reason (`read.language`, `read.no_words`, `read.json`, ...)."""

    def __init__(self, input_name: str, message: str, *, code: str = "read.input") -> None:
        super().__init__(f"{input_name}: {message}")
        self.input_name = input_name
        self.message = message
        self.code = code


class ResourceError(FaultlineError):
    """A model, lexicon or index is missing or broken."""


class SettingsError(FaultlineError):
    """A setting has an invalid value."""


class StorageError(FaultlineError):
    """The store cannot be opened, migrated or written."""
