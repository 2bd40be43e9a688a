"""A lock held by another thread for as long as a `with` block runs, as a long job on a worker thread holds it."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import ContextManager, Iterator


@contextmanager
def held_on_another_thread(lock: ContextManager) -> Iterator[None]:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5), "the other thread never got the lock"
    try:
        yield
    finally:
        release.set()
        holder.join()
