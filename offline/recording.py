"""A mock monitor that keeps what the Pulumi engine would know of each registration.

`pulumi.runtime.mocks.MockMonitor` hands the mocks a resource's type, name and inputs only.
The engine also receives the resource's parent and its dependencies (explicit `depends_on`
plus every resource whose outputs flow into its inputs), which decide the order of a
`pulumi up`: this monitor records them, so the plan's deployment figures come from the
graph the program really declared.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from google.protobuf import json_format
from pulumi.runtime.mocks import MockMonitor

from .azure_mocks import AzureMocks, EngineOptions

STACK_TYPE = "pulumi:pulumi:Stack"


@dataclass(frozen=True)
class Registration:
    """One `RegisterResource` call as the engine would see it."""

    urn: str
    type: str
    name: str
    parent: str
    """The parent's URN; empty for the stack itself."""
    custom: bool
    """True for a cloud resource (an ARM call); False for a component or the stack."""
    dependencies: tuple[str, ...]
    """URNs this resource waits for before it is created (its parent is not among them)."""

    @property
    def short_type(self) -> str:
        return self.type.rsplit(":", 1)[-1]


Listener = Callable[[Registration], None]


class RecordingMonitor(MockMonitor):
    """`MockMonitor` that also records every registration, in order, and tells `listener`."""

    def __init__(self, mocks: AzureMocks, listener: Listener | None = None) -> None:
        super().__init__(mocks)
        self.registrations: list[Registration] = []
        self._listener = listener
        self._lock = threading.Lock()  # the SDK calls the monitor from a thread pool

    def RegisterResource(self, request: Any) -> Any:
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        self._annotate(request, response.urn)
        registration = Registration(
            urn=response.urn,
            type=request.type,
            name=request.name,
            parent=request.parent,
            custom=bool(request.custom),
            dependencies=tuple(request.dependencies),
        )
        with self._lock:
            self.registrations.append(registration)
        if self._listener is not None:
            self._listener(registration)
        return response

    def _annotate(self, request: Any, urn: str) -> None:
        """Note on the mocks' `Registered` record what the engine knows beyond the inputs (the
        policy pack's stack policies read it)."""
        mocks = self.mocks
        assert isinstance(mocks, AzureMocks)
        with self._lock:
            for registered in reversed(mocks.registered):
                if registered.type == request.type and registered.name == request.name and not registered.urn:
                    registered.urn = urn
                    registered.parent_urn = request.parent
                    registered.dependencies = tuple(request.dependencies)
                    registered.property_dependencies = {
                        key: tuple(value.urns) for key, value in request.propertyDependencies.items()
                    }
                    registered.aliases = tuple(alias.urn or alias.spec.type for alias in request.aliases)
                    registered.options = EngineOptions(
                        delete_before_replace=bool(request.deleteBeforeReplace),
                        replace_on_changes=tuple(request.replaceOnChanges),
                        ignore_changes=tuple(request.ignoreChanges),
                        replacement_trigger=_plain(request.replacement_trigger)
                        if request.HasField("replacement_trigger")
                        else None,
                        replace_with=tuple(request.replace_with),
                    )
                    mocks.engine_registered(registered)
                    return


def _plain(value: Any) -> Any:
    """A protobuf `Value` as plain data (a secret's wrapper kept: the engine unwraps it before it
    compares replacement triggers, pulumi/pulumi#22119, and so does the diff)."""
    return json_format.MessageToDict(value)
