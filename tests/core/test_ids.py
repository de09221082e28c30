"""Client-made ids: the canonical UUIDv7 text, in order, and never the same in a forked child."""

from __future__ import annotations

import os
import random
import uuid

from workbench.core.ids import is_uuid, uuid7, uuid7_from


def test_the_layout_is_the_canonical_text_of_the_rfc_value() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        ms, a, b = rng.getrandbits(48), rng.getrandbits(12), rng.getrandbits(64)
        value = (ms << 80) | (0x7 << 76) | (a << 64) | (0b10 << 62) | (b & ((1 << 62) - 1))
        assert uuid7_from(ms, a, b) == str(uuid.UUID(int=value))


def test_ids_are_new_ordered_and_version_7() -> None:
    ids = [uuid7() for _ in range(3000)]  # several draws of the randomness buffer
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(is_uuid(i) and uuid.UUID(i).version == 7 for i in ids)


def test_a_forked_child_does_not_repeat_the_parents_randomness() -> None:
    uuid7()  # the parent holds randomness it has not used yet
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next ids' random part, then out
        os.write(write, "".join(uuid7()[-12:] for _ in range(4)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as pipe:
        child = pipe.read()
    assert child != "".join(uuid7()[-12:] for _ in range(4))
