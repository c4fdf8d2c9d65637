"""Actors: the ACLED-style actor dictionary (`dictionary`: names, aliases, inter codes) and the
countries a name stands for (`sides`: a country, its capital as a government metonym, its
demonym)."""

from .dictionary import ActorDictionary, load_actors

__all__ = ["ActorDictionary", "load_actors"]
