"""One English sentence per event cluster, from the type/mode templates in ``data/phrases.yaml``.

The grammar is kept right by construction rather than by rules: templates are in the past tense
(no subject-verb agreement to get wrong), the one verb of each carries its base form for
"did not"/"might"/"was expected to", and names get "the" by the kind of actor they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_ROLE = re.compile(r"^(.+?) \((.+)\)$")
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}(\b|-)")
_STATE_WORDS = ("United ", "Republic", "Kingdom", "Islands", "Emirates", "Federation")


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("data").joinpath("phrases.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def name(text: str | None, kind: str | None) -> str | None:
    """How a name is said inside a sentence: "the United Nations", "Khalifa Haftar", "the government of Egypt"."""
    if not text:
        return None
    p = phrases()
    m = _ROLE.match(text)
    if m:
        base, role = m[1], m[2]
        if any(c.isupper() for c in role):  # "Élysée (French presidency)": the role is the name
            return f"the {role}"
        pattern = p["roles"].get(role, p["roles"]["_"])
        # The base is a state ("Egypt") or a body ("EU", "Group of Seven"): bodies take "the".
        body = bool(_ACRONYM.match(base)) or (len(base.split()) >= 3 and " and " not in base)
        return pattern.format(x=f"the {base}" if body else name(base, "state"), role=role)
    if kind == "person" or text in p["no_article"]:
        return text
    if kind == "state":
        needs = text in p["state_article"] or any(w in text for w in _STATE_WORDS)
        return f"the {text}" if needs else text
    if kind is None or _ACRONYM.match(text) or text[0].islower():
        return text  # unknown kind: a bare name is safer than a wrong article
    return f"the {text}"


def _verb(template: str, modality: str) -> str:
    how = phrases()["modality"].get(modality, "past")
    out = []
    for word in template.split(" "):
        if "|" in word:
            past, base = word.split("|", 1)
            word = past if how == "past" else f"{how} {base}"
        out.append(word)
    return " ".join(out)


def sentence(c: dict[str, Any], kinds: dict[str, str | None] | None = None) -> str:
    """The sentence for a cluster row of :func:`sitrep.query.report.clusters`, without support counts.

    ``kinds`` maps actor ids to their kind (to say names right); the place is added when the
    sentence does not already name it.
    """
    kinds = kinds or {}
    p = phrases()
    modes = p["types"].get(c["type"], {"_": ["{s} acted towards {t}", "{s} acted"]})
    with_target, alone = modes.get(c.get("mode") or "_", modes["_"])
    if c.get("subjects"):  # several sources of one act, read from one sentence
        said = [name(n, kinds.get(a or "")) or p["unknown_source"] for n, a in c["subjects"]]
        source = ", ".join(said[:-1]) + " and " + said[-1]
    else:
        source = name(c.get("source_name"), kinds.get(c.get("source_actor_id") or "")) or p["unknown_source"]
    target = name(c.get("target_name"), kinds.get(c.get("target_actor_id") or ""))
    if target and c.get("target_actor_id") == c.get("source_actor_id"):
        target = None  # "X criticised X" says nothing an analyst can use
    text = _verb(with_target if target else alone, c.get("modality") or "asserted").format(s=source, t=target)
    place = c.get("place") or {}
    named = " ".join(x for x in (c.get("source_name"), c.get("target_name")) if x).lower()
    if place.get("name") and place["name"].lower() not in named:
        text += " " + where(place["name"], place.get("precision"))
    return text[0].upper() + text[1:]


def where(place: str, precision: str | None) -> str:
    """"in Tripoli", "in the central Mediterranean", "at al-Watiya air base", "at the White House"."""
    prep = "at" if precision == "facility" else "in"
    the = place[0].islower() or place in phrases()["place_article"]
    return f"{prep} {'the ' if the else ''}{place}"


def support(c: dict[str, Any]) -> str:
    """"3 reports, 2 outlets", with the numbers' own grammar."""
    reports = f"{c['articles']} report" + ("s" if c["articles"] != 1 else "")
    if not c.get("outlets"):
        return f"{reports}, outlet unknown"
    return f"{reports}, {c['outlets']} outlet" + ("s" if c["outlets"] != 1 else "")
