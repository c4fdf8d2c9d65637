"""The quotes stage: quotation marks (`marks`), direct and reported attributions (`attribution`,
`reported`), their speakers (`speakers`) and the antecedents of pronoun speakers (`antecedents`)."""

from .attribution import find_quotes

__all__ = ["find_quotes"]
