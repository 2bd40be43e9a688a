"""A workspace's first command and a second one at the same moment: the second must not see (and cache) the new
workspace before its stages are committed — it found no open stage and answered "Something went wrong"."""
from __future__ import annotations

import threading

from storage.store import Store


def test_a_workspace_being_created_is_not_served_from_the_cache_before_it_commits(store: Store):
    created, release = threading.Event(), threading.Event()
    seen: dict[str, object] = {}

    def first_command(ws):
        created.set()  # the workspace and its stages are flushed, not committed
        assert release.wait(10)
        return [stage.name for stage in ws.stages.all()]

    def second_command():
        try:
            seen["stages"] = store.run("slack", "T-NEW", lambda ws: [s.name for s in ws.stages.all()], "New",
                                       read_only=True)
        except Exception as error:  # what the person would have been told about
            seen["error"] = error

    first = threading.Thread(target=lambda: seen.setdefault("first", store.run("slack", "T-NEW", first_command,
                                                                               "New")))
    first.start()
    assert created.wait(10)
    second = threading.Thread(target=second_command)
    second.start()
    second.join(0.5)  # it either waits for the first to commit, or (before the fix) had already read the cache
    release.set()
    first.join(10)
    second.join(10)
    assert "error" not in seen
    assert seen["first"] == seen["stages"] and "lead" in seen["stages"]
    # And the cache the next command reads holds the committed stages, not an empty list.
    assert store.run("slack", "T-NEW", lambda ws: [s.name for s in ws.stages.all()], read_only=True) == seen["first"]
