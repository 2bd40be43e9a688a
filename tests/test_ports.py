"""The ports are storage's contract: every repository a port names exists, with every method and parameter."""
from __future__ import annotations

import inspect
import typing

from handlers import ports
from handlers.ports import WorkspacePort


def _protocol_methods(protocol: type) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(protocol).items()
            if callable(member) and not name.startswith("_")}


def _parameters(signature: inspect.Signature) -> list[tuple[str, object]]:
    return [(p.name, p.kind) for p in signature.parameters.values() if p.name != "self"]


def test_the_workspace_store_implements_every_port_method_handlers_may_call(store):
    hints = typing.get_type_hints(WorkspacePort, vars(ports))
    with store.workspace("console", "contract") as ws:
        for attribute, port in hints.items():
            assert hasattr(ws, attribute), attribute
            methods = _protocol_methods(port) if getattr(port, "_is_protocol", False) else {}
            for name, wanted in methods.items():
                implemented = getattr(getattr(ws, attribute), name, None)
                assert implemented is not None, f"ws.{attribute}.{name}"
                assert _parameters(inspect.signature(implemented)) == _parameters(wanted), f"ws.{attribute}.{name}"
        assert {"schedules", "feedback", "schedule_stats", "analytics"} <= set(hints)
