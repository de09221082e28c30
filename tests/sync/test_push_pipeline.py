"""A push keeps the next batch waiting on the sender while one is at the server, and applies an
answer only once the batch after it has left.

The batches still reach the server one after the other, in seq order, each once; the answers
are all applied; and a gap still stops the push (nothing sent after a batch the server did
not process whole).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.sync.helpers import Device, WireTransport
from workbench.client.errors import Cancelled
from workbench.contract.sync import MutationBatch
from workbench.core.ids import uuid7
from workbench.store import steps
from workbench.sync.engine import SyncEngine
from workbench.sync.progress import Progress, SyncSummary


def _filters(dev: Device, count: int) -> list[str]:
    return [
        dev.edit("saved_filter.put", uuid7(), {"name": f"管线 {n}", "query": {}})
        for n in range(count)
    ]


def _note_steps(
    monkeypatch: pytest.MonkeyPatch, events: list[str], on_take: Callable[[int], None] | None = None
) -> None:
    """Note in ``events`` each batch the engine takes and each answer it applies (``on_take``:
    called with the first seq of each batch taken)."""
    taken, applied = steps.pending_batch, steps.apply_results

    def take(cache: Any, limit: int = 200, after: int = 0) -> Any:
        batch = taken(cache, limit, after)
        events.append(f"take {[m.seq for m in batch]}")
        if batch and on_take is not None:
            on_take(batch[0].seq)
        return batch

    def apply(cache: Any, results: Any) -> Any:
        events.append(f"apply {[r.seq for r in results]}")
        return applied(cache, results)

    monkeypatch.setattr(steps, "pending_batch", take)
    monkeypatch.setattr(steps, "apply_results", apply)


def test_the_next_batch_leaves_before_the_answer_is_applied(
    device: Callable[..., Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    wire = WireTransport()
    dev = device("pipeline", transport=wire)
    sent = _filters(dev, 7)
    events: list[str] = []  # the engine's own thread: what it did, in order
    _note_steps(monkeypatch, events)
    assert dev.api is not None
    summary = SyncSummary()
    SyncEngine(dev.cache, dev.api, push_batch=3).push(summary)
    assert events == [
        "take [1, 2, 3]",
        "take [4, 5, 6]",  # sent before the answer to 1-3 is applied
        "apply [1, 2, 3]",
        "take [7]",
        "apply [4, 5, 6]",
        "take []",
        "apply [7]",
    ]
    assert summary.applied == summary.pushed == len(sent)
    assert dev.cache.pending_count() == 0
    posts = [c for c in wire.calls if c[1] == "/v1/sync/mutations"]
    assert [status for _m, _p, status, _t in posts] == ["200", "200", "200"]


def test_a_gap_stops_the_push_with_nothing_in_flight(
    device: Callable[..., Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    dev = device("gap")
    _filters(dev, 5)
    assert dev.api is not None
    api = dev.api
    batches: list[list[int]] = []
    push = api.push_raw

    def skipping(batch: MutationBatch, **kw: Any) -> bytes:
        # The first batch reaches the server without its first mutation: the rest is a gap.
        batches.append([m.seq for m in batch.mutations])
        if len(batches) == 1:
            batch = batch.model_copy(update={"mutations": batch.mutations[1:]})
        return push(batch, **kw)

    monkeypatch.setattr(api, "push_raw", skipping)
    summary = SyncSummary()
    SyncEngine(dev.cache, api, push_batch=2).push(summary)
    assert batches == [[1, 2]]  # nothing after the batch the server stopped short in
    assert summary.pushed == 0 and dev.cache.pending_count() == 5


class _Recording(WireTransport):
    """The wire, noting each push's batch as it leaves and as its answer comes in; the first
    batch waits (at most 5 s) until ``gate`` is set before it goes."""

    def __init__(self, events: list[str], gate: threading.Event) -> None:
        super().__init__()
        self.events, self.gate = events, gate

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != "/v1/sync/mutations":
            return super().handle_request(request)
        seqs = [m["seq"] for m in json.loads(request.content)["mutations"]]
        self.events.append(f"send {seqs}")
        if seqs[0] == 1:
            self.gate.wait(5)
        response = super().handle_request(request)
        self.events.append(f"answer {seqs}")
        return response


def test_the_next_batch_waits_on_the_sender_and_leaves_before_the_answer_is_applied(
    device: Callable[..., Device], monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []  # both threads: the engine's and the sender's
    gate = threading.Event()
    dev = device("two-deep", transport=_Recording(events, gate))
    sent = _filters(dev, 7)
    _note_steps(monkeypatch, events, lambda first: gate.set() if first == 4 else None)
    assert dev.api is not None
    summary = SyncSummary()
    SyncEngine(dev.cache, dev.api, push_batch=3).push(summary)
    at = events.index
    # Taken while the first batch is at the server: it waits on the sender, ready to go.
    assert at("take [4, 5, 6]") < at("answer [1, 2, 3]")
    # The answer is applied once the next batch has left (not competing with its sending).
    assert at("send [4, 5, 6]") < at("apply [1, 2, 3]")
    assert at("send [7]") < at("apply [4, 5, 6]")
    assert [e for e in events if e.startswith("send")] == [
        "send [1, 2, 3]", "send [4, 5, 6]", "send [7]"
    ]  # fmt: skip
    assert [e for e in events if e.startswith("apply")] == [
        "apply [1, 2, 3]", "apply [4, 5, 6]", "apply [7]"
    ]  # fmt: skip
    assert summary.applied == summary.pushed == len(sent)
    assert dev.cache.pending_count() == 0


def test_a_cancel_sends_nothing_more(device: Callable[..., Device]) -> None:
    """Cancelled once the first answer is applied: the batch already away is not followed by
    the one queued behind it, and only the applied answer's edits leave the outbox."""
    wire = WireTransport()
    dev = device("cancel", transport=wire)
    _filters(dev, 10)
    stop = threading.Event()

    def progress(p: Progress) -> None:
        if p.phase == "push" and p.done >= 3:
            stop.set()

    assert dev.api is not None
    with pytest.raises(Cancelled):
        SyncEngine(dev.cache, dev.api, progress=progress, cancel=stop, push_batch=3).push(
            SyncSummary()
        )
    assert [c[1] for c in wire.calls].count("/v1/sync/mutations") == 2
    assert dev.cache.pending_count() == 7
