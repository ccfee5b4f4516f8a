"""Credits to outlets: "Via Financial Times" -> Financial Times; "www.defensenews.com" -> Defense News."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
import yaml

_URLISH = re.compile(r"^(?:https?://)?(?:www\.)?((?:[\w-]+\.)+[a-z]{2,})(?:[/?#]\S*)?$", re.IGNORECASE)
# "Outlet Name — www.example.org" / "Outlet Name (example.org)": a name and a link together.
_NAME_AND_LINK = re.compile(r"^(?P<name>.+?)\s*(?:[-–—|,(]\s*)(?P<link>(?:https?://|www\.)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?)\)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _domains() -> dict[str, str]:
    data = yaml.safe_load(resources.files(__package__).joinpath("outlets.yaml").read_text("utf-8"))
    return {k.casefold(): v for k, v in data["outlets"].items()}


def domain_of(link: str) -> str | None:
    m = _URLISH.match(link.strip())
    return m.group(1).casefold() if m else None


def outlet_for_domain(domain: str) -> str:
    """The outlet's name for a domain (or one of its subdomains), else the bare domain."""
    parts = domain.casefold().split(".")
    known = _domains()
    for i in range(len(parts) - 1):
        name = known.get(".".join(parts[i:]))
        if name:
            return name
    return domain.casefold().removeprefix("www.")


def outlet_from_credit(credit: str) -> tuple[str, str | None]:
    """Split a credit into (outlet name, url or None). The URL is kept as the credit gave it."""
    credit = credit.strip()
    domain = domain_of(credit)
    if domain:
        return outlet_for_domain(domain), credit
    m = _NAME_AND_LINK.match(credit)
    if m and domain_of(m.group("link")):
        return m.group("name").strip(), m.group("link")
    return credit, None
