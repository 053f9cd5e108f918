"""The set's resources carry no versioned-module aliases, and nothing else changes with that.

Every shape is built twice in one program each, once as shipped and once with the alias
transformation disabled: the URNs, inputs, parents and dependencies must be the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

import pulumi
import pytest
from pulumi_azure_native import network, resources

import components.vm_set
from components import LoadBalancedVmSet, LoadBalancedVmSetArgs
from offline.azure_mocks import AzureMocks, Registered
from offline.harness import Deployment, evaluate, evaluate_stack, stack_config

from ..support.checks import each
from ..support.keys import ED25519, STRONG_PASSWORD
from ..support.scenarios import caller_network, stack

SCRIPT = "#!/bin/sh\necho ready\n"

# One component per shape, all in one program (each has its own VNet unless it is given one).
SHAPES: dict[str, Callable[[network.VirtualNetwork], dict[str, Any]]] = {
    "linux": lambda vnet: {"ssh_public_key": ED25519},
    "windows": lambda vnet: {"os_type": "windows", "admin_password": STRONG_PASSWORD, "vm_count": 3},
    "internal": lambda vnet: {"ssh_public_key": ED25519, "public": False, "custom_data": SCRIPT},
    "own-subnet": lambda vnet: {
        "ssh_public_key": ED25519,
        "public": False,
        "custom_data": SCRIPT,
        "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
        "app_source_prefixes": ["10.1.1.0/24"],
    },
    "natgw": lambda vnet: {"ssh_public_key": ED25519, "outbound": "nat_gateway"},
    "zones": lambda vnet: {"ssh_public_key": ED25519, "placement": "zones", "vm_count": 4},
    "vhd": lambda vnet: {"ssh_public_key": ED25519, "disk_storage": "vhd"},
    "bastion": lambda vnet: {
        "ssh_public_key": ED25519,
        "admin_access": "bastion",
        "admin_source_prefixes": ["203.0.113.7/32"],
    },
}


def every_shape() -> dict[str, Any]:
    group, vnet = caller_network()
    outputs: dict[str, Any] = {}
    for name, shape in SHAPES.items():
        args = cast(LoadBalancedVmSetArgs, {"resource_group_name": group.name, **shape(vnet)})
        outputs[name] = LoadBalancedVmSet(name, args).vm_ids
    return outputs


def every_shape_deployment() -> Deployment:
    return evaluate(every_shape, mocks=AzureMocks(accept_unmanaged_disks=True))


def dev_stack_deployment() -> Deployment:
    return evaluate_stack(stack_config("dev"))


@pytest.fixture(scope="module", params=["every shape", "dev stack"])
def runs(request: pytest.FixtureRequest) -> Iterator[tuple[Deployment, Deployment]]:
    """(as shipped, with every alias kept) for one program. The dev stack as shipped is the
    session's `dev_stack` scenario; the run with every alias kept is never shared."""
    run = every_shape_deployment if request.param == "every shape" else dev_stack_deployment
    shipped = run() if request.param == "every shape" else stack()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(components.vm_set, "drop_versioned_module_aliases", lambda args: None)
        all_aliases = run()
    yield shipped, all_aliases


def by_urn(deployment: Deployment) -> dict[str, Registered]:
    return {r.urn: r for r in deployment.registered}


def engine_view(r: Registered) -> tuple[Any, ...]:
    """What the engine receives for a resource, aliases aside."""
    return (
        r.type,
        r.name,
        r.parent_urn,
        r.inputs,
        r.secret_inputs,
        sorted(r.dependencies),
        {key: sorted(urns) for key, urns in r.property_dependencies.items()},
    )


def unversioned(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases whose type names no `/v<API version>` module."""
    return tuple(a for a in aliases if "/v" not in a.split(":")[1])


def in_a_vm_set(r: Registered) -> bool:
    return "LoadBalancedVmSet" in r.parent_urn


def test_the_same_resources_are_registered(runs: tuple[Deployment, Deployment]) -> None:
    shipped, all_aliases = runs
    assert sorted(by_urn(shipped)) == sorted(by_urn(all_aliases))


def test_every_resource_has_the_same_inputs_parent_and_dependencies(runs: tuple[Deployment, Deployment]) -> None:
    shipped, all_aliases = runs
    kept = by_urn(all_aliases)
    different = [urn for urn, r in by_urn(shipped).items() if engine_view(r) != engine_view(kept[urn])]
    assert different == []


def test_the_set_s_resources_keep_exactly_their_unversioned_aliases(runs: tuple[Deployment, Deployment]) -> None:
    shipped, all_aliases = runs
    kept = by_urn(all_aliases)
    ours = [r for r in shipped.registered if in_a_vm_set(r)]
    assert ours
    assert {r.urn: r.aliases for r in ours} == {r.urn: unversioned(kept[r.urn].aliases) for r in ours}


def test_without_the_transformation_the_set_s_resources_carry_versioned_aliases(
    runs: tuple[Deployment, Deployment],
) -> None:
    _, all_aliases = runs
    nics = [r for r in all_aliases.registered if r.short_type == "NetworkInterface"]
    assert nics and all(len(r.aliases) > len(unversioned(r.aliases)) for r in nics)


def test_an_unversioned_alias_survives(runs: tuple[Deployment, Deployment]) -> None:
    shipped, _ = runs
    diagnostic_settings = [r for r in shipped.registered if r.short_type == "DiagnosticSetting"]
    assert diagnostic_settings and all(r.aliases == unversioned(r.aliases) != () for r in diagnostic_settings)


def test_resources_outside_the_set_keep_all_their_aliases(runs: tuple[Deployment, Deployment]) -> None:
    shipped, all_aliases = runs
    kept = by_urn(all_aliases)
    theirs = [r for r in shipped.registered if not in_a_vm_set(r) and r.type.startswith("azure-native:")]
    assert theirs
    assert all(r.aliases == kept[r.urn].aliases and len(r.aliases) > 1 for r in each(theirs))


def test_an_alias_the_caller_adds_through_its_own_transformation_is_kept() -> None:
    moved = "azure-native:network/v20230501:NetworkInterface"

    def alias_nics(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
        if args.type_ != "azure-native:network:NetworkInterface":
            return None
        opts = pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(aliases=[pulumi.Alias(type_=moved)]))
        return pulumi.ResourceTransformationResult(args.props, opts)

    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        args = cast(LoadBalancedVmSetArgs, {"resource_group_name": group.name, "ssh_public_key": ED25519})
        vm_set = LoadBalancedVmSet("web", args, pulumi.ResourceOptions(transformations=[alias_nics]))
        return {"vm_ids": vm_set.vm_ids}

    nics = evaluate(program).of_type("NetworkInterface")
    assert nics and all(r.aliases == (moved,) for r in nics)
