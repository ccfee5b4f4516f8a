"""Actors: who is who in the news (states, organisations, offices, office holders).

The knowledge base lives in ``data/`` as versioned data files (schema: ``data/SCHEMA.md``);
:mod:`sitrep.actors.kb` loads, validates and queries it.
"""

from sitrep.actors.kb import (
    KBWarning,
    KnowledgeBase,
    Office,
    Organisation,
    Person,
    Role,
    State,
    check,
    load_kb,
)

__all__ = ["KBWarning", "KnowledgeBase", "Office", "Organisation", "Person", "Role", "State", "check",
           "load_kb"]
