"""The plan as typed data: what the program registered, section by section.

`report.build_plan` makes one `Plan`; the text (`render.py`), the diagram (`diagram.py`) and
the `--json` document (`document.py`, the fields in the order declared here) read it. Values
come from the resources' inputs as ARM received them and from the IDs and state the ARM-like
mocks returned, never from the component's arguments; None where the program gave none.
Numbers are whole where they are (Pulumi hands every number over as a float: 80, not 80.0).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from .document import OMITTED_WHEN_NONE
from .figures import DeploymentFigures, TypicalDuration


@dataclass(frozen=True)
class Resource:
    """A registered resource, as `pulumi preview` lists it."""

    type: str
    name: str
    parent: str
    """The parent's URN."""
    urn: str
    inputs: Mapping[str, Any]
    """As ARM received them in the run as `pulumi up`; an input that held a Pulumi secret
    anywhere in it is `[secret]` as a whole."""


# --- load balancers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frontend:
    """A frontend IP configuration: a public IP's name, or a private address in a subnet."""

    name: str | None
    public_ip: str | None
    private_ip: str | None
    """None: allocated dynamically."""
    subnet: str | None


@dataclass(frozen=True)
class BackendPool:
    name: str
    members: tuple[str, ...]
    """The VMs whose NICs join the pool (a NIC's name when no VM uses it), in natural order."""


@dataclass(frozen=True)
class Probe:
    name: str | None
    protocol: str | None
    port: int | None
    path: str | None
    interval_seconds: int | None


@dataclass(frozen=True)
class LoadBalancingRule:
    name: str | None
    protocol: str | None
    frontend_port: int | None
    backend_port: int | None
    frontend: str | None
    backend_pool: str | None
    probe: str | None


@dataclass(frozen=True)
class OutboundRule:
    name: str | None
    protocol: str | None
    backend_pool: str | None
    allocated_outbound_ports: int | None
    """None: Azure's default."""


@dataclass(frozen=True)
class NatRule:
    """An inbound NAT rule, inline or a resource of its own, and the VM behind it; or (V2) a port
    range over a backend pool, whose ports Azure gives the pool's members."""

    name: str
    vm: str | None
    protocol: str | None
    frontend_port: int | None
    backend_port: int | None
    frontend_port_range: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    """`start-end` of a rule over a backend pool."""
    backend_pool: str | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    """The backend pool a rule over a pool maps."""


@dataclass(frozen=True)
class LoadBalancer:
    name: str
    sku: str | None
    public: bool
    """A frontend is on a public IP."""
    frontends: tuple[Frontend, ...]
    backend_pools: tuple[BackendPool, ...]
    probes: tuple[Probe, ...]
    rules: tuple[LoadBalancingRule, ...]
    outbound_rules: tuple[OutboundRule, ...]
    nat_rules: tuple[NatRule, ...]
    """The NAT table: inline rules first, then the standalone ones."""


# --- network -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecurityRule:
    priority: int | None
    name: str | None
    direction: str | None
    access: str | None
    protocol: str | None
    source: str
    """The source prefix, or the prefixes joined with commas."""
    destination_ports: str
    """The port range, or the ranges joined with commas."""
    description: str | None


@dataclass(frozen=True)
class NetworkSecurityGroup:
    name: str
    attached_to: tuple[str, ...]
    """The subnets (inline, then standalone) and NICs it is on."""
    rules: tuple[SecurityRule, ...]
    """By direction, then priority."""


@dataclass(frozen=True)
class Subnet:
    name: str | None
    id: str | None
    virtual_network: str | None
    address_prefix: str
    network_security_group: str | None
    nat_gateway: str | None
    default_outbound_access: bool | None


@dataclass(frozen=True)
class VirtualNetwork:
    name: str
    address_space: tuple[str, ...]
    subnets: tuple[Subnet, ...]
    """The subnets declared inline."""


@dataclass(frozen=True)
class PublicIpAddress:
    name: str
    sku: str | None
    allocation: str | None
    dns_label: str | None
    zones: tuple[str, ...]


@dataclass(frozen=True)
class NatGateway:
    name: str


# --- compute and storage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AvailabilitySet:
    name: str
    sku: str | None
    fault_domains: int | None
    update_domains: int | None


@dataclass(frozen=True)
class VirtualMachine:
    name: str
    size: str | None
    os: str
    """`linux` or `windows`."""
    availability_set: str | None
    zones: tuple[str, ...]
    nics: tuple[str, ...]
    subnet_ids: tuple[str, ...]
    """ARM IDs of its NICs' subnets, the first NIC's first."""
    private_ips: tuple[str, ...]
    boot_diagnostics_account: str | None
    os_disk_account: str | None
    """The storage account of an unmanaged OS disk's VHD."""
    security_type: str
    extensions: tuple[str, ...]
    run_commands: tuple[str, ...]


@dataclass(frozen=True)
class Autoscale:
    minimum: int | None
    maximum: int | None
    default: int | None
    rules: tuple[str, ...]
    """Each rule in words: `Percentage CPU > 70 (Average over PT5M): Increase by 1`."""


@dataclass(frozen=True)
class ScaleSet:
    """A virtual machine scale set: how it runs its instances, how it changes them."""

    name: str
    orchestration_mode: str | None
    size: str | None
    capacity: int | None
    zones: tuple[str, ...]
    fault_domain_count: int | None
    """1: max spreading."""
    os: str
    """`linux` or `windows`."""
    security_type: str
    upgrade_mode: str | None
    max_batch_instance_percent: int | None
    max_surge: bool | None
    automatic_repairs_grace_period: str | None
    """None: no automatic repairs."""
    extensions: tuple[str, ...]
    """`name (type)` of each extension in its model."""
    subnet_ids: tuple[str, ...]
    """ARM IDs of the subnets its instances' NICs go to."""
    boot_diagnostics_account: str | None
    capacity_ignored: bool
    """`pulumi up` leaves the capacity to an autoscaler (`ignore_changes` on `sku.capacity`)."""
    autoscale: Autoscale | None


@dataclass(frozen=True)
class StorageFirewall:
    default_action: str
    bypass: str


@dataclass(frozen=True)
class StorageAccount:
    name: str
    logical_name: str
    sku: str | None
    kind: str | None
    firewall: StorageFirewall


@dataclass(frozen=True)
class OtherResource:
    """A resource the plan has no section for."""

    type: str
    name: str


@dataclass(frozen=True)
class DiagnosticSetting(OtherResource):
    """A diagnostic setting: what it watches and where its logs and metrics go."""

    resource: str | None
    destination: str | None
    """A storage account's name, or a Log Analytics workspace's ID."""


# --- outputs, figures, policy ----------------------------------------------------------------------


@dataclass(frozen=True)
class StackOutput:
    known_before_deployment: bool
    """`pulumi preview` already knows the value."""
    secret: bool
    value: Any
    """The value when known before deployment, else None; `[secret]` for a secret."""
    mock_value: Any
    """The value the mocks made up: an example, not a promise; `[secret]` for a secret."""


@dataclass(frozen=True)
class PlanFigures(DeploymentFigures):
    typical_seconds: Mapping[str, TypicalDuration]
    """Each written type's typical creation time, and where the figure comes from."""


@dataclass(frozen=True)
class PolicyFinding:
    policy: str
    level: str
    urn: str
    message: str


@dataclass(frozen=True)
class PolicyFindings:
    """What the policy pack (`policy/`) reports, as `pulumi preview --policy-pack policy` would."""

    pack: str
    policies: int
    """How many policies ran."""
    mandatory: tuple[PolicyFinding, ...]
    advisory: tuple[PolicyFinding, ...]
    undecided: tuple[PolicyFinding, ...]
    """Policies that could not decide offline (a value known only after deployment)."""


@dataclass(frozen=True)
class Plan:
    stack: str
    config: Mapping[str, str]
    """Key -> value as the program received it; secret keys `[secret]`."""
    resources: tuple[Resource, ...]
    """In dependency order, ties in natural order of name."""
    stack_urn: str
    counts: Mapping[str, int]
    """Resources by type, the stack itself left out."""
    load_balancers: tuple[LoadBalancer, ...]
    network_security_groups: tuple[NetworkSecurityGroup, ...]
    networks: tuple[VirtualNetwork, ...]
    subnets: tuple[Subnet, ...]
    """The subnets registered as resources of their own."""
    public_ips: tuple[PublicIpAddress, ...]
    nat_gateways: tuple[NatGateway, ...]
    availability_sets: tuple[AvailabilitySet, ...]
    vms: tuple[VirtualMachine, ...]
    """In natural order of name."""
    storage_accounts: tuple[StorageAccount, ...]
    other_resources: tuple[OtherResource, ...]
    outputs: Mapping[str, StackOutput]
    config_warnings: tuple[str, ...]
    """Config keys nothing reads, shown first."""
    warnings: tuple[str, ...]
    """The program's warnings, each once, the config warnings left out."""
    notes: tuple[str, ...]
    """The plan's own notes (a stack file that is missing, a value encrypted in it)."""
    figures: PlanFigures
    scale_sets: tuple[ScaleSet, ...] | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    """The scale sets; absent (None) when there is none."""
    policy: PolicyFindings | None = field(default=None, metadata=OMITTED_WHEN_NONE)
    """With `--policy` only."""


T = TypeVar("T")


def with_leaves(value: T, change: Callable[[object], object]) -> T:
    """`value` (a plan, a part of it, or plain data) rebuilt with `change` applied to each leaf:
    each value that is not a dataclass, a mapping (its keys stay), a list or a tuple."""
    return cast(T, _rebuilt(value, change))


def _rebuilt(value: object, change: Callable[[object], object]) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = {f.name: _rebuilt(getattr(value, f.name), change) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **parts)
    if isinstance(value, Mapping):
        return {key: _rebuilt(item, change) for key, item in value.items()}
    if isinstance(value, list):
        return [_rebuilt(item, change) for item in value]
    if isinstance(value, tuple):
        return tuple(_rebuilt(item, change) for item in value)
    return change(value)
