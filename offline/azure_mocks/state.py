"""What ARM holds while a program deploys: each resource as the mocks saw it (`Registered`), the
subnets' address pools (`Subnet`), and `ArmState`, the one object every handler reads and writes:
the resources by ID, resource groups, subnets, load balancers' NAT rules, VMs' extensions,
storage accounts and public IP allocations, with the lookups the handlers share."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .arm import DEFAULT_LOCATION, ArmRejection, arm_location, autoname, resource_id

Answer = tuple[str, dict[str, Any]]
"""What a handler answers for a create: the resource's ID and the state ARM returns."""


@dataclass(frozen=True)
class EngineOptions:
    """What the Pulumi engine, not the provider, decides about a change: the resource options."""

    delete_before_replace: bool = False
    replace_on_changes: tuple[str, ...] = ()
    ignore_changes: tuple[str, ...] = ()
    replacement_trigger: Any = None
    """The `replacement_trigger` value; None when unset."""
    replace_with: tuple[str, ...] = ()
    """URNs of the resources whose replacement replaces this one too (`replace_with`)."""


@dataclass
class Registered:
    """One resource as the mocks saw it: its inputs and the state ARM returned."""

    type: str
    name: str
    id: str
    inputs: dict[str, Any]
    state: dict[str, Any]
    secret_inputs: frozenset[str] = frozenset()
    """Top-level inputs that arrived as Pulumi secrets."""
    # What the engine knows of the resource beyond its inputs (filled in by the harness's
    # monitor); the policy pack's stack policies read them.
    urn: str = ""
    parent_urn: str = ""
    dependencies: tuple[str, ...] = ()
    """URNs of the resources this one depends on."""
    property_dependencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Input name -> URNs of the resources that input's value came from."""
    aliases: tuple[str, ...] = ()
    """The resource's aliases as the engine receives them: a URN, or the earlier type an alias
    spec names (`azure-native:network/v20240501:NetworkInterface`)."""
    options: EngineOptions = field(default_factory=lambda: EngineOptions())
    """The resource options the engine applies to changes (filled in by the harness's monitor)."""
    autonamed: bool = False
    """The program left the Azure name to Pulumi's auto-naming (a random suffix)."""

    @property
    def short_type(self) -> str:
        return self.type.rsplit(":", 1)[-1]


OUTSIDE_SUBNET_STAND_IN = ipaddress.IPv4Network("10.0.0.0/8")
"""Where the made-up addresses of a subnet outside the program come from (its real prefix is in Azure)."""


@dataclass
class Subnet:
    """A subnet's address pool. Azure keeps five addresses of each subnet (network, .1 for
    the gateway, .2 and .3 for DNS, broadcast) and hands out the lowest free one.
    learn.microsoft.com/azure/virtual-network/virtual-networks-faq"""

    id: str
    prefix: ipaddress.IPv4Network
    used: set[ipaddress.IPv4Address] = field(default_factory=set)
    outside: bool = False
    """A subnet outside what the program created, whose prefix these mocks cannot know: `prefix` is
    a stand-in that dynamic addresses come from, and a requested address is taken as it is."""

    @property
    def name(self) -> str:
        return self.id.rsplit("/", 1)[1]

    def allocate(self, requested: str | None, method: str | None) -> str:
        first, last = self.prefix.network_address + 4, self.prefix.broadcast_address - 1
        if method == "Static" or requested:
            if not requested:
                raise ArmRejection("PrivateIPAddressRequired", "Static allocation needs privateIPAddress.")
            address = ipaddress.IPv4Address(requested)
            if not self.outside and not first <= address <= last:
                raise ArmRejection(
                    "PrivateIPAddressNotInSubnet" if address not in self.prefix else "PrivateIPAddressIsReserved",
                    f"{address} is not an assignable address of {self.id} ({first}-{last}).",
                )
            if address in self.used:
                raise ArmRejection("PrivateIPAddressInUse", f"{address} is already in use in {self.id}.")
        else:
            free = next((a for a in _addresses(first, last) if a not in self.used), None)
            if free is None:
                raise ArmRejection("SubnetIsFull", f"subnet {self.id} has no free address.")
            address = free
        self.used.add(address)
        return str(address)


def _addresses(first: ipaddress.IPv4Address, last: ipaddress.IPv4Address) -> Iterator[ipaddress.IPv4Address]:
    address = first
    while address <= last:
        yield address
        address += 1


@dataclass
class ArmState:
    """Everything ARM knows of one deployment, as the handlers create it; keys of IDs are lower
    case, as ARM compares IDs case-insensitively."""

    location: str = DEFAULT_LOCATION
    """Where a resource group that names no location goes."""
    accept_unmanaged_disks: bool = False
    """Model the Azure of 2016, which still created VMs with unmanaged (VHD) disks."""
    registered: list[Registered] = field(default_factory=list)
    """Every custom resource registered, in order (a preview's too)."""
    unchecked: list[str] = field(default_factory=list)
    """References to resources outside what the program created, which these mocks cannot see:
    accepted, and reported as not checked offline."""
    by_id: dict[str, Registered] = field(default_factory=dict)
    """ID -> each resource ARM created."""
    resource_groups: dict[str, str] = field(default_factory=dict)
    """Name -> location."""
    subnets: dict[str, Subnet] = field(default_factory=dict)
    """Subnet ID -> its address pool."""
    nat_rule_owners: dict[str, str] = field(default_factory=dict)
    """Inbound NAT rule ID -> the name of the NIC that uses it."""
    standalone_nat_rules: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Load balancer ID -> name -> inputs of its standalone inbound NAT rules."""
    extension_handlers: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)
    """VM ID -> (publisher, type) -> the name of its one extension of that handler."""
    storage_accounts: dict[str, str] = field(default_factory=dict)
    """Name (global: unique across Azure) -> SKU."""
    public_ips: int = 0
    """How many public IP addresses were allocated."""
    load_balancer_writes: dict[str, list[str]] = field(default_factory=dict)
    """Load balancer ID -> the URNs of the writes on it (itself, its standalone children, extension
    resources on it), in the order the program registered them."""
    load_balancer_writes_before: dict[str, frozenset[str]] = field(default_factory=dict)
    """URN -> the load-balancer writes it waits for, directly or not."""

    def record(self, resource: Registered) -> None:
        """Note a resource ARM created (or, with no ID, one a preview registered)."""
        self.registered.append(resource)
        if resource.id:
            self.by_id[resource.id.lower()] = resource

    def find(self, any_id: str) -> Registered | None:
        return self.by_id.get(any_id.lower())

    def top_level_id(
        self, arm_type: str, name_input: str, logical_name: str, inputs: dict[str, Any]
    ) -> tuple[str, str]:
        """The ID and name of a resource of a resource group; its name is the `name_input` input,
        or else Pulumi's auto-name, which the inputs then hold as ARM received it."""
        name = inputs.get(name_input) or autoname(logical_name)
        inputs[name_input] = name
        group = inputs["resourceGroupName"]
        if group not in self.resource_groups:
            raise ArmRejection("ResourceGroupNotFound", f"Resource group '{group}' could not be found.")
        return resource_id(group, arm_type, name), name

    def located(self, inputs: dict[str, Any]) -> dict[str, Any]:
        """azure-native fills a missing location from the resource group's."""
        location = inputs.get("location") or self.resource_groups.get(
            inputs.get("resourceGroupName", ""), self.location
        )
        return {**inputs, "location": arm_location(location)}

    def require(self, any_id: str, kind: str) -> None:
        """A reference ARM resolves: to a resource the program created, or, in a resource group
        the program did not create, to one these mocks cannot see (accepted, and noted as not
        checked offline). A missing resource in the program's own resource groups is refused."""
        if any_id.lower() in self.by_id:
            return
        if self.outside_the_program(any_id):
            self.unchecked.append(f"{kind} {any_id}")
            return
        raise ArmRejection("InvalidResourceReference", f"{kind} {any_id} not found.")

    def subnet(self, subnet_id: str) -> Subnet:
        """A subnet the program created or, in a resource group it did not create, one these mocks
        cannot see (noted as not checked offline, its addresses made up from a stand-in prefix)."""
        subnet = self.subnets.get(subnet_id.lower())
        if subnet is None and self.outside_the_program(subnet_id):
            self.unchecked.append(f"subnet {subnet_id}")
            subnet = self.subnets[subnet_id.lower()] = Subnet(subnet_id, OUTSIDE_SUBNET_STAND_IN, outside=True)
        if subnet is None:
            raise ArmRejection("InvalidResourceReference", f"subnet {subnet_id} not found.")
        return subnet

    def outside_the_program(self, any_id: str) -> bool:
        """Whether `any_id` names a resource in a resource group the program did not create."""
        group = re.match(r"^/subscriptions/[^/]+/resourceGroups/([^/]+)/", any_id, re.IGNORECASE)
        return group is not None and group[1] not in self.resource_groups
