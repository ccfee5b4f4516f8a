"""Inclusive shares of the samples of a py-spy profile, by function (for "Where the time goes").

    py-spy record -o prof.txt -f raw -r 50 -- python -m sitrep run CORPUS --db p.duckdb --workers 1 --no-progress
    python benchmarks/shares.py prof.txt [--match REGEX] [--top N] [--under REGEX]

A function's share is the part of all samples whose stack holds it (once per stack, however
deep the recursion). ``--under REGEX`` counts only the stacks through a frame matching REGEX
(the shares stay shares of all samples); ``--match`` keeps the functions matching REGEX.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"(?P<name>.*?) \((?P<path>.*?)(?::\d+)?\)$")


def shares(lines: list[str], under: str | None = None) -> tuple[int, Counter[str]]:
    total, found = 0, Counter()
    for line in lines:
        stack, _, n = line.rstrip().rpartition(" ")
        if not n.isdigit():
            continue
        total += int(n)
        frames = stack.split(";")
        if under is not None:
            start = next((i for i, f in enumerate(frames) if re.search(under, f)), None)
            if start is None:
                continue
            frames = frames[start:]
        names = set()
        for f in frames:
            m = _FRAME.match(f)
            path = re.sub(r".*/(site-packages|src)/", "", m.group("path")) if m else ""
            names.add(f"{path}:{m.group('name')}" if m else f)
        for name in names:
            found[name] += int(n)
    return total, found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("profile", type=Path)
    ap.add_argument("--match", default="sitrep/", help="functions to list (regex on path:function)")
    ap.add_argument("--under", default=None, help="only stacks through a frame matching this regex")
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args(argv)
    total, found = shares(args.profile.read_text("utf-8").splitlines(), args.under)
    print(f"{total} samples")
    for name, n in [(k, v) for k, v in found.most_common() if re.search(args.match, k)][: args.top]:
        print(f"{100 * n / total:6.2f}%  {name}")


if __name__ == "__main__":
    main()
