"""Evaluating the component and the stack under the Azure mocks, once per set of inputs.

`component` and `stack` keep every result for the session, keyed by the inputs: the same
inputs asked for twice (by two fixtures, or by a fixture and the scaling shapes) are evaluated
once. A `Deployment` is read by many tests: never change one. The caller's own networks that
some scenarios build on (a VNet with a subnet and an NSG, a hub with an AzureBastionSubnet)
are here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pulumi
from pulumi_azure_native import network, resources

from components import LoadBalancedVmSet, LoadBalancedVmSetArgs
from components.vm_set import OUTPUT_NAMES
from offline.azure_mocks import SUBSCRIPTION_ID, AzureMocks
from offline.harness import REPO_ROOT, Deployment, evaluate, evaluate_component, evaluate_stack, stack_config

from .keys import ED25519

_evaluated: dict[str, Deployment] = {}


def _once(key: str, run: Callable[[], Deployment]) -> Deployment:
    if key not in _evaluated:
        _evaluated[key] = run()
    return _evaluated[key]


def _canonical(value: Any) -> Any:
    """`value` with its mappings sorted, so equal inputs give equal keys whatever their order."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return type(value).__name__, tuple(_canonical(v) for v in value)
    return value


def component(name: str, args: dict[str, Any], *, unmanaged_disks: bool = False) -> Deployment:
    """One `LoadBalancedVmSet` named `name` in a mock resource group, under fresh mocks.
    `unmanaged_disks`: the mocks accept VHD disks (as Azure Stack Hub does; public Azure retired them)."""
    key = repr(("component", name, _canonical(args), unmanaged_disks))
    mocks = AzureMocks(accept_unmanaged_disks=unmanaged_disks)
    return _once(key, lambda: evaluate_component(name, args, mocks=mocks))


def stack(
    overrides: dict[str, Any] | None = None,
    *,
    preview: bool = False,
    secret_keys: tuple[str, ...] = (),
    project_dir: Path = REPO_ROOT,
) -> Deployment:
    """The stack program in `project_dir` with its dev stack's config and `overrides` (full keys),
    under fresh mocks. `preview`: as `pulumi preview` runs it; `secret_keys`: keys set with `--secret`."""
    config = stack_config("dev", overrides, project_dir=project_dir)
    key = repr(("stack", _canonical(config), preview, secret_keys, str(project_dir)))
    return _once(
        key,
        lambda: evaluate_stack(config, preview=preview, secret_keys=list(secret_keys), project_dir=project_dir),
    )


# --- the caller's own networks --------------------------------------------------------------------

CALLER_RG = "tiers-rg"
CALLER_NETWORK = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{CALLER_RG}/providers/Microsoft.Network"
CALLER_SUBNET_ID = f"{CALLER_NETWORK}/virtualNetworks/shared-vnet/subnets/app"
CALLER_NSG_ID = f"{CALLER_NETWORK}/networkSecurityGroups/caller-nsg"
HUB_BASTION_SUBNET_ID = (
    f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/hub-rg/providers/Microsoft.Network"
    "/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet"
)


def caller_network() -> tuple[resources.ResourceGroup, network.VirtualNetwork]:
    """The caller's resource group, NSG and VNet (subnet `app`, 10.1.2.0/24)."""
    group = resources.ResourceGroup("rg", resource_group_name=CALLER_RG, location="westeurope")
    nsg = network.NetworkSecurityGroup(
        "caller-nsg",
        network.NetworkSecurityGroupInitArgs(resource_group_name=group.name, network_security_group_name="caller-nsg"),
    )
    vnet = network.VirtualNetwork(
        "shared-vnet",
        network.VirtualNetworkInitArgs(
            resource_group_name=group.name,
            virtual_network_name="shared-vnet",
            address_space=network.AddressSpaceArgs(address_prefixes=["10.1.0.0/16"]),
            subnets=[network.SubnetArgs(name="app", address_prefix="10.1.2.0/24", default_outbound_access=False)],
        ),
        opts=pulumi.ResourceOptions(depends_on=[nsg]),
    )
    return group, vnet


def vm_set_outputs(resource_group_name: pulumi.Input[str], args: dict[str, Any], name: str = "app") -> dict[str, Any]:
    """A Linux set named `name` in `resource_group_name`, and its outputs."""
    vm_set = LoadBalancedVmSet(
        name,
        cast(LoadBalancedVmSetArgs, {"resource_group_name": resource_group_name, "ssh_public_key": ED25519, **args}),
    )
    return {key: getattr(vm_set, key) for key in OUTPUT_NAMES}


def with_caller_network(
    args: Callable[[network.VirtualNetwork], dict[str, Any]], mocks: AzureMocks | None = None
) -> Deployment:
    """The caller's network and, in the same program, a VM set built from `args(vnet)`: IDs
    taken from the VNet's outputs make the VM set wait for it."""

    def program() -> dict[str, Any]:
        group, vnet = caller_network()
        return vm_set_outputs(group.name, args(vnet))

    return evaluate(program, mocks=mocks)


def with_existing_caller_network(args: dict[str, Any]) -> Deployment:
    """The caller's network deployed before (by another stack, say), then a VM set naming it by
    plain ARM IDs: a plain ID carries no dependency, so the network must already exist."""
    mocks = AzureMocks()
    evaluate(lambda: (caller_network(), {})[1], mocks=mocks)
    return evaluate(lambda: vm_set_outputs(CALLER_RG, args), mocks=mocks)


def hub_network() -> network.VirtualNetwork:
    """A hub VNet (in `hub-rg`) with an AzureBastionSubnet."""
    group = resources.ResourceGroup("hub", resource_group_name="hub-rg", location="westeurope")
    return network.VirtualNetwork(
        "hub-vnet",
        network.VirtualNetworkInitArgs(
            resource_group_name=group.name,
            virtual_network_name="hub-vnet",
            address_space=network.AddressSpaceArgs(address_prefixes=["10.100.0.0/16"]),
            subnets=[network.SubnetArgs(name="AzureBastionSubnet", address_prefix="10.100.0.0/26")],
        ),
    )


def existing_hub_network(mocks: AzureMocks) -> AzureMocks:
    """`mocks` after deploying the hub network (before the stack runs: a plain subnet ID carries no dependency)."""
    evaluate(lambda: (hub_network(), {})[1], mocks=mocks)
    return mocks
