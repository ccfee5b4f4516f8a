"""Streaming: inputs are batched lazily and at most a window of batches is ever in flight."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitrep.engines import flow, work
from sitrep.models import RunReport
from sitrep.pipeline import Config


class FakeExecutor:
    """Runs the real clean task at once, and counts what was submitted and not yet collected."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.window = 2 * workers + 1
        work.setup(Config(stages=()), warm=False)
        self.ready: dict[int, Any] = {}
        self.next = 0
        self.max_out = 0
        self.out = 0

    def submit(self, task: str, payload: Any) -> int:
        ticket, self.next = self.next, self.next + 1
        self.ready[ticket] = work.clean_batch(payload) if task == "clean" else payload
        self.out += 1
        self.max_out = max(self.max_out, self.out)
        return ticket

    def collect(self, timeout: float) -> dict[int, Any]:
        # One result at a time: the slowest possible worker pool.
        if not self.ready:
            return {}
        ticket = min(self.ready)
        self.out -= 1
        return {ticket: self.ready.pop(ticket)}

    def terminate(self) -> None:
        pass


class NoStore:
    def existing_ids(self, ids: Any) -> set[str]:
        return set()

    def signatures(self) -> list:
        return []


def test_batches_are_read_lazily(tmp_path: Path) -> None:
    feed = tmp_path / "big.jsonl"
    feed.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Report number {i} about the port of Misrata reopening."}) + "\n"
                            for i in range(1000)), "utf-8")
    batches = flow.batches([feed], Config(batch_size=10), RunReport())
    first, _ = next(batches)
    assert len(first) == 10  # the first batch comes before the file is read to its end


def test_pipeline_pulls_a_window_of_batches_at_a_time(tmp_path: Path) -> None:
    docs = [tmp_path / f"r{i:03d}.txt" for i in range(60)]
    for i, p in enumerate(docs):
        p.write_text(f"Report {i}\n\nThe envoy number {i} met officials in Tripoli on day {i * 3} to discuss fuel smuggling.", "utf-8")
    pulled = [0]
    committed: list[int] = []

    def inputs() -> Iterator[flow.Batch]:
        for batch in flow.batches(docs, Config(batch_size=4), RunReport()):
            pulled[0] += 1
            yield batch

    executor = FakeExecutor(workers=2)
    window = 2 * executor.workers + 1

    def commit(batch: list, result: Any, nbytes: int) -> None:
        committed.append(len(batch))
        assert pulled[0] - len(committed) < window  # never more than a window in flight

    report = RunReport()
    flow.pipeline(executor, inputs(), flow.Deduper(NoStore(), 0.9), report, lambda b: ("analyse", b), commit)
    assert sum(committed) == 60 and report.documents == 60 and pulled[0] == 15
    assert executor.max_out <= 2 * window
