"""`AzureMocks`, the `pulumi.runtime.Mocks` the engine calls: each invoke and each registration
goes to its handler in the table (handlers.py); a preview answers without asking ARM."""

from __future__ import annotations

from typing import Any

import pulumi

from .arm import DEFAULT_LOCATION, check_tags
from .handlers import INVOKES, RESOURCE_TYPES
from .network import check_one_load_balancer_write_at_a_time
from .state import ArmState, Registered

_SIG_KEY = pulumi.runtime.rpc._special_sig_key
_SECRET_SIG = pulumi.runtime.rpc._special_secret_sig


class AzureMocks(pulumi.runtime.Mocks):
    """ARM-shaped answers for the resource types the project uses.

    `accept_unmanaged_disks`: public Azure refuses new VMs with unmanaged (VHD) disks since their
    retirement; set True to model the Azure of 2016 and check the legacy layout itself."""

    def __init__(self, location: str = DEFAULT_LOCATION, accept_unmanaged_disks: bool = False) -> None:
        self.arm = ArmState(location=location, accept_unmanaged_disks=accept_unmanaged_disks)
        """What ARM holds of this deployment, which every handler reads and writes."""
        self.calls: list[str] = []
        """Every invoke's token, in order."""

    @property
    def location(self) -> str:
        """Where a resource group that names no location goes (the provider's `azure-native:location`)."""
        return self.arm.location

    @location.setter
    def location(self, location: str) -> None:
        self.arm.location = location

    @property
    def accept_unmanaged_disks(self) -> bool:
        return self.arm.accept_unmanaged_disks

    @accept_unmanaged_disks.setter
    def accept_unmanaged_disks(self, accept: bool) -> None:
        self.arm.accept_unmanaged_disks = accept

    @property
    def registered(self) -> list[Registered]:
        """Every custom resource registered, in order."""
        return self.arm.registered

    @property
    def unchecked(self) -> list[str]:
        """References to resources outside what the program created, which these mocks cannot
        see: accepted, and reported as not checked offline."""
        return self.arm.unchecked

    def engine_registered(self, resource: Registered) -> None:
        """What ARM refuses once the engine's order of `resource` is known (its dependencies, which
        `pulumi.runtime.Mocks` does not hand over): a second write on a load balancer free to run
        beside one before it. Called by a monitor that records them (offline/recording.py)."""
        check_one_load_balancer_write_at_a_time(self.arm, resource)

    # --- pulumi.runtime.Mocks ---------------------------------------------------------------

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        self.calls.append(args.token)
        invoke = INVOKES.get(args.token)
        if invoke is None:
            raise NotImplementedError(f"no mock for invoke {args.token}")
        return invoke(self.arm, args.args), []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        inputs, secret_inputs = _unwrap_secrets(dict(args.inputs))
        if not args.custom:
            return None, inputs
        kind = RESOURCE_TYPES.get(args.typ)
        if kind is None:
            raise NotImplementedError(f"no mock for resource type {args.typ}")
        if pulumi.runtime.is_dry_run():
            # `pulumi preview`: ARM is not called; IDs and computed properties stay unknown.
            self.arm.record(Registered(args.typ, args.name, "", inputs, inputs, frozenset(secret_inputs)))
            return "", _with_unknowns(inputs, kind.preview_computed)
        check_tags(kind.arm_type, inputs.get("tags"))
        autonamed = bool(kind.name_input) and not inputs.get(kind.name_input)
        resource_id, state = kind.answer(self.arm, args.name, inputs)
        self.arm.record(
            Registered(args.typ, args.name, resource_id, inputs, state, frozenset(secret_inputs), autonamed=autonamed)
        )
        return resource_id, state


def _unwrap_secrets(inputs: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The mock monitor hands secrets over wrapped; ARM sees plain values. Returns the plain
    inputs and the names of the top-level inputs that held a secret."""
    secret: set[str] = set()

    def plain(value: Any, top: str) -> Any:
        if isinstance(value, dict):
            if value.get(_SIG_KEY) == _SECRET_SIG:
                secret.add(top)
                return plain(value["value"], top)
            return {k: plain(v, top) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v, top) for v in value]
        return value

    return {key: plain(value, key) for key, value in inputs.items()}, secret


def _with_unknowns(inputs: dict[str, Any], computed: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """A preview's state: the inputs, with the nested computed properties unknown."""
    state = dict(inputs)
    for parent, name in computed:
        if isinstance(state.get(parent), dict):
            state[parent] = {**state[parent], name: pulumi.runtime.rpc.UNKNOWN}
    return state
