"""Client-made ids: UUIDv7 (RFC 9562), time-ordered and unique without coordination.

Anything a user creates gets its id on the device that creates it, so a create sent twice is
the same create. Python 3.11 has no ``uuid.uuid7``; this is the RFC layout.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0
_random = b""  # OS randomness drawn 4 KiB at a time (a read per id cost a system call)
_RANDOM_BATCH = 4096


def _forget_random() -> None:
    """A forked child draws its own (else parent and child would make the same ids)."""
    global _random
    _random = b""


os.register_at_fork(after_in_child=_forget_random)


def uuid7() -> str:
    """A new UUIDv7 as its canonical string; monotonic within this process."""
    global _last_ms, _counter, _random
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms <= _last_ms:
            # Same millisecond (or a clock step back): keep order with a counter in rand_a.
            _counter += 1
            if _counter > 0xFFF:
                _last_ms += 1
                _counter = 0
            now_ms = _last_ms
        else:
            _last_ms = now_ms
            _counter = 0
        rand_a = _counter
        if not _random:
            _random = os.urandom(_RANDOM_BATCH)
        rand_b, _random = _random[:8], _random[8:]
    return uuid7_from(now_ms, rand_a, int.from_bytes(rand_b, "big"))


def uuid7_from(unix_ms: int, rand_a: int, rand_b: int) -> str:
    """The RFC 9562 UUIDv7 layout: 48 bits of time, version, 12 + 62 bits of the given randomness.

    ``uuid7`` fills the random parts from the OS; the demo seeder fills them from its seeded
    generator so its rows come out the same every time.
    """
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand_a & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand_b & ((1 << 62) - 1)
    h = f"{value:032x}"  # the canonical text, as ``str(uuid.UUID(int=value))`` but cheaper
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def is_uuid(text: str) -> bool:
    """True when ``text`` is a canonical UUID string."""
    try:
        return str(uuid.UUID(text)) == text.lower()
    except (ValueError, AttributeError, TypeError):
        return False
