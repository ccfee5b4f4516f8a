"""A realistic synthetic news corpus for benchmarks: N articles written from our own sentence
templates over the real actors, places and PLOVER cues of sitrep's data files.

    python benchmarks/corpus.py OUT_DIR N [--seed 7]

Each article has a headline, sometimes ``Date:``/``Source:`` header lines and a dateline, 4-9
paragraphs of event and background sentences, and web boilerplate (share bars, tags, teasers,
credits) for the cleaner to remove. About 5% of the articles repeat an earlier one: half exact
copies (with different boilerplate, in another file) and half near copies (one word changed).
Formats: ~82% ``.txt``, ~5% ``.md``, ~3% ``.html`` and ~10% as records in ``.jsonl`` files of
up to 50 records. The same (N, seed) always gives the same files, so runs compare.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
ACTORS = SRC / "actors" / "data"
GEO = SRC / "geo" / "data"
EVENTS = SRC / "events" / "data"

OUTLETS = ["The Harbour Post", "Desert Ledger", "Meridian Wire", "Sahel Courier", "Libya Monitor", "Coastal Times",
           "The Maghreb Observer", "Levant Dispatch"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TOPICS = ["the ceasefire", "oil exports", "fuel smuggling", "migrant detention", "border security", "the elections",
          "the central bank", "prisoner exchanges", "the arms embargo", "reconstruction funds", "coastguard training",
          "the unity government", "foreign fighters", "electricity cuts", "the budget"]
SAYERS = ["officials said", "a spokesman said", "according to a statement", "diplomats said", "state media reported",
          "witnesses said", "a government source said"]
THEATRE = ["Libya", "Egypt", "Turkey", "Russia", "France", "Italy", "the United States", "the United Kingdom", "Tunisia",
           "Algeria", "Qatar", "the United Arab Emirates", "Sudan", "Chad", "Niger", "Malta", "Greece", "Germany"]
BOILERPLATE = ["Share this: Twitter | Facebook | WhatsApp | Email", "Subscribe to our newsletter",
               "Follow us on Twitter", "Sign up for our daily briefing", "Advertisement", "Click here to comment",
               "All rights reserved.", "Print this article"]
IRREGULAR = {"meet": "met", "hold": "held", "send": "sent", "withdraw": "withdrew", "fight": "fought",
             "shoot": "shot", "seize": "seized", "take": "took", "give": "gave", "speak": "spoke", "strike": "struck",
             "lead": "led", "begin": "began", "seek": "sought", "tell": "told", "bring": "brought", "buy": "bought",
             "sell": "sold", "beat": "beat", "hit": "hit", "put": "put", "set": "set", "shut": "shut", "cut": "cut",
             "forbid": "forbade", "overthrow": "overthrew", "lay": "laid", "win": "won", "lose": "lost",
             "flee": "fled", "free": "freed", "bar": "barred", "ban": "banned", "plan": "planned", "slam": "slammed",
             "snub": "snubbed", "veto": "vetoed", "stop": "stopped", "drop": "dropped", "ship": "shipped",
             "shell": "shelled", "kidnap": "kidnapped", "rebel": "rebelled", "spurn": "spurned", "label": "labelled",
             "quit": "quit", "split": "split", "storm": "stormed", "arm": "armed", "grant": "granted"}


def past(lemma: str) -> str:
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@dataclass(frozen=True)
class Cue:
    verb: str   # past tense, with its particle or preposition
    obj: str    # a noun the cue needs as object ("" when none)


@dataclass
class Vocabulary:
    states: list[tuple[str, str]]          # (name, adjective)
    organisations: list[str]
    people: list[tuple[str, str]]          # (title phrase, name)
    places: list[str]
    cues: list[Cue]
    nouns: list[str]


def _states() -> list[tuple[str, str]]:
    lines = [ln for ln in (ACTORS / "states.csv").read_text("utf-8").splitlines() if not ln.startswith("#")]
    return [(r["name"], r["adjectives"].split("|")[0]) for r in csv.DictReader(lines) if r["adjectives"]]


def vocabulary() -> Vocabulary:
    states = _states()
    adjective = {}
    for line in (ACTORS / "states.csv").read_text("utf-8").splitlines():
        parts = line.split(",")
        if len(parts) > 4 and not line.startswith(("#", "iso3")):
            adjective[parts[0]] = parts[4].split("|")[0]
    orgs = [o["name"] for block in yaml.safe_load((ACTORS / "organisations.yaml").read_text("utf-8"))
            for o in block.get("organisations", [])]
    offices = {o["office"]: o for o in yaml.safe_load((ACTORS / "offices.yaml").read_text("utf-8"))}
    people = []
    for block in yaml.safe_load((ACTORS / "people.yaml").read_text("utf-8")):
        for p in block.get("people", []):
            for role in p.get("roles", [])[:1]:
                office = offices.get(role["office"])
                if office and office.get("titles"):
                    adj = adjective.get(office["org"], office["org"])
                    people.append((f"{adj} {office['titles'][0]}", p["name"]))
    places = []
    for name in ("aliases.yaml", "facilities.yaml"):
        for block in yaml.safe_load((GEO / name).read_text("utf-8")):
            places += [p["name"] for p in block.get("places", [])]
    for block in yaml.safe_load((GEO / "regions.yaml").read_text("utf-8")):
        places += [r["name"] for r in block.get("regions", [])]
    lex = yaml.safe_load((EVENTS / "lexicon.yaml").read_text("utf-8"))
    cues = []
    for v in lex["verbs"]:
        if v.get("no_clause") or v.get("not_obj"):
            continue
        verb = past(v["lemma"]) + (f" {v['prt']}" if v.get("prt") else "") + (f" {v['prep']}" if v.get("prep") else "")
        cues.append(Cue(verb, _plural(v["obj"][0]) if v.get("obj") else ""))
    nouns = [n["lemma"] for n in lex.get("nouns", []) if not n.get("mod") and not n.get("prep_obj")]
    return Vocabulary(states, orgs, people, sorted(set(places)), cues, nouns or ["talks"])


class Writer:
    """Writes articles from the vocabulary, one call per article."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.v = vocab
        self.rng = rng

    def actor(self) -> str:
        r = self.rng.random()
        if r < 0.25:
            return self.rng.choice(THEATRE)
        if r < 0.45:
            return self.rng.choice(self.v.states)[0]
        if r < 0.7:
            name = self.rng.choice(self.v.organisations)
            return name if name.split()[0] in ("Al", "al") else f"the {name}"
        if r < 0.9:
            title, name = self.rng.choice(self.v.people)
            return f"{title} {name}"
        return f"{self.rng.choice(self.v.states)[1]} forces"

    def event_sentence(self, day: int) -> str:
        rng = self.rng
        a, b, cue, place = self.actor(), self.actor(), rng.choice(self.v.cues), rng.choice(self.v.places)
        obj = f"{b}'s {cue.obj}" if cue.obj else b
        when = rng.choice(WEEKDAYS) if rng.random() < 0.6 else f"day {day}"
        forms = [
            f"{a} {cue.verb} {obj} in {place} on {when}, {rng.choice(SAYERS)}.",
            f"On {when}, {a} {cue.verb} {obj} over {rng.choice(TOPICS)}, {rng.choice(SAYERS)}.",
            f"{rng.choice(SAYERS).capitalize()} that {a} had {cue.verb} {obj} near {place}.",
            f"In {place}, {a} {cue.verb} {obj} after weeks of disagreement over {rng.choice(TOPICS)}.",
        ]
        return _cap(rng.choice(forms))

    def background_sentence(self) -> str:
        rng = self.rng
        forms = [
            f"The dispute over {rng.choice(TOPICS)} has divided the country since {rng.randint(2011, 2024)}.",
            f"Analysts said the move could complicate efforts to resolve {rng.choice(TOPICS)} before the end of the year.",
            f"Residents of {rng.choice(self.v.places)} reported long queues at petrol stations and banks.",
            f"It was not immediately clear how many people were affected, and {rng.choice(SAYERS)} that figures would follow.",
            f"The {rng.choice(self.v.nouns)} came {rng.randint(2, 11)} days after a meeting in {rng.choice(self.v.places)}.",
        ]
        return rng.choice(forms)

    def article(self, n: int, start: date) -> dict:
        rng = self.rng
        day = start + timedelta(days=rng.randint(0, 4000))
        a, cue, b = self.actor(), rng.choice(self.v.cues), self.actor()
        title = _cap(f"{a} {cue.verb} {b} {'over ' + rng.choice(TOPICS) if rng.random() < 0.5 else ''}".strip())
        paras = []
        lead = f"{rng.choice(self.v.places).upper()}, {day:%B} {day.day} ({rng.choice(OUTLETS)}) - " if rng.random() < 0.4 else ""
        for i in range(rng.randint(4, 9)):
            sents = [self.event_sentence(n * 7 + i) if rng.random() < 0.6 else self.background_sentence()
                     for _ in range(rng.randint(1, 3))]
            paras.append(" ".join(sents))
        paras[0] = lead + paras[0]
        tail = rng.sample(BOILERPLATE, rng.randint(1, 3))
        if rng.random() < 0.5:
            tail.append(f"Tags: {', '.join(rng.sample([s[0] for s in self.v.states[:60]], 3))}")
        if rng.random() < 0.3:
            tail.append(f"Reporting by {rng.choice(['Amal', 'Omar', 'Sara', 'Ahmed', 'Leila'])} {rng.choice(['Haddad', 'Salem', 'Ben Ali', 'Mansour'])}")
        return {"id": f"bench-{n:06d}", "title": title, "date": day.isoformat(), "outlet": rng.choice(OUTLETS),
                "paragraphs": paras, "tail": tail}


def _plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in "aeiou" else noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def as_text(art: dict, header: bool) -> str:
    head = [f"Date: {art['date']}", f"Source: {art['outlet']}", ""] if header else []
    return "\n".join(head + [art["title"], ""]) + "\n" + "\n\n".join(art["paragraphs"] + art["tail"]) + "\n"


def as_html(art: dict) -> str:
    body = "".join(f"<p>{p}</p>" for p in art["paragraphs"])
    tail = "".join(f"<div class=\"share\">{t}</div>" for t in art["tail"])
    return (f"<html><head><title>{art['title']}</title><meta name=\"date\" content=\"{art['date']}\"></head><body>"
            f"<nav>Home | World | Africa</nav><article><h1>{art['title']}</h1>{body}</article>{tail}</body></html>")


def near_copy(art: dict, rng: random.Random) -> dict:
    """The same report with one word changed (Jaccard well above 0.9 for these lengths)."""
    paras = list(art["paragraphs"])
    i = rng.randrange(len(paras))
    words = paras[i].split()
    j = rng.randrange(len(words))
    words[j] = re.sub(r"\w+", "reportedly", words[j], count=1)
    paras[i] = " ".join(words)
    return {**art, "paragraphs": paras, "tail": rng.sample(BOILERPLATE, 2)}


def generate(out: Path, n: int, seed: int = 7, dup_rate: float = 0.05) -> Path:
    """Write ``n`` articles under ``out`` (created); returns ``out``."""
    rng = random.Random(seed)
    writer = Writer(vocabulary(), rng)
    out.mkdir(parents=True, exist_ok=True)
    start = date(2011, 2, 15)
    written: list[dict] = []
    records: list[dict] = []
    for k in range(n):
        if written and rng.random() < dup_rate:
            orig = rng.choice(written[-2000:])
            art = {**orig, "tail": rng.sample(BOILERPLATE, 2)} if rng.random() < 0.5 else near_copy(orig, rng)
            art = {**art, "id": f"bench-{k:06d}"}
        else:
            art = writer.article(k, start)
            written.append(art)
        r = rng.random()
        sub = out / f"{k // 1000:03d}"
        sub.mkdir(exist_ok=True)
        if r < 0.10:
            records.append({"id": art["id"], "title": art["title"], "published": art["date"], "source": art["outlet"],
                            "text": "\n\n".join(art["paragraphs"] + art["tail"])})
            if len(records) == 50:
                (sub / f"feed_{k:06d}.jsonl").write_text("".join(json.dumps(x) + "\n" for x in records), "utf-8")
                records = []
        elif r < 0.13:
            (sub / f"article_{k:06d}.html").write_text(as_html(art), "utf-8")
        elif r < 0.18:
            (sub / f"article_{k:06d}.md").write_text(as_text(art, header=False).replace(art["title"], "# " + art["title"], 1), "utf-8")
        else:
            (sub / f"article_{k:06d}.txt").write_text(as_text(art, header=rng.random() < 0.7), "utf-8")
    if records:
        (out / "999").mkdir(exist_ok=True)
        (out / "999" / "feed_last.jsonl").write_text("".join(json.dumps(x) + "\n" for x in records), "utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    generate(args.out, args.n, args.seed)
    print(f"{args.n} articles written under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
