"""A VM set as one tier of an N-tier application, under the Azure mocks: internal load
balancers, NAT gateway outbound, and a subnet (and NSG) brought by the caller."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pulumi
import pytest
from pulumi_azure_native import network, resources

from components import InvalidArgumentError, LoadBalancedVmSet, LoadBalancedVmSetArgs
from components.vm_set import OUTPUT_NAMES
from plan.azure_mocks import SUBSCRIPTION_ID, AzureMocks
from plan.harness import Deployment, evaluate, evaluate_component
from plan.policy_check import check_policies

from .support.keys import ED25519

RG = "tiers-rg"
NETWORK = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}/providers/Microsoft.Network"
CALLER_SUBNET_ID = f"{NETWORK}/virtualNetworks/shared-vnet/subnets/app"
CALLER_NSG_ID = f"{NETWORK}/networkSecurityGroups/caller-nsg"
HUB_BASTION_SUBNET_ID = (
    f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/hub-rg/providers/Microsoft.Network"
    "/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet"
)
SCRIPT = "#!/bin/sh\necho ready\n"  # needs no downloads: internal tiers have no outbound by default


def caller_network() -> tuple[resources.ResourceGroup, network.VirtualNetwork]:
    """The caller's resource group, NSG and VNet (subnet `app`, 10.1.2.0/24)."""
    group = resources.ResourceGroup("rg", resource_group_name=RG, location="westeurope")
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


def vm_set_outputs(resource_group_name: pulumi.Input[str], args: dict[str, Any]) -> dict[str, Any]:
    vm_set = LoadBalancedVmSet(
        "app",
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
    return evaluate(lambda: vm_set_outputs(RG, args), mocks=mocks)


@pytest.fixture(scope="module")
def internal_static() -> Deployment:
    return evaluate_component(
        "app",
        {"ssh_public_key": ED25519, "public": False, "frontend_private_ip": "10.0.0.10", "custom_data": SCRIPT},
    )


@pytest.fixture(scope="module")
def internal_dynamic() -> Deployment:
    return evaluate_component("app", {"ssh_public_key": ED25519, "public": False, "custom_data": SCRIPT})


@pytest.fixture(scope="module")
def nat_gateway() -> Deployment:
    return evaluate_component("web", {"ssh_public_key": ED25519, "outbound": "nat_gateway"})


@pytest.fixture(scope="module")
def given_subnet() -> Deployment:
    """An internal tier in the caller's subnet, passed as an Output of the caller's VNet."""
    return with_caller_network(
        lambda vnet: {
            "public": False,
            "custom_data": SCRIPT,
            "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
            "app_source_prefixes": ["10.1.1.0/24"],
        }
    )


@pytest.fixture(scope="module")
def given_subnet_and_nsg() -> Deployment:
    """A public tier in the caller's subnet (named by plain ID, prefix stated) guarded by the caller's NSG."""
    return with_existing_caller_network(
        {
            "subnet_id": CALLER_SUBNET_ID,
            "subnet_address_prefix": "10.1.2.0/24",
            "network_security_group_id": CALLER_NSG_ID,
        }
    )


@pytest.fixture(scope="module")
def internal_zones() -> Deployment:
    return evaluate_component(
        "app", {"ssh_public_key": ED25519, "public": False, "placement": "zones", "custom_data": SCRIPT}
    )


def existing_hub_network(mocks: AzureMocks) -> None:
    """A hub VNet with an AzureBastionSubnet that exists before the stack runs (deployed earlier)."""

    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("hub", resource_group_name="hub-rg", location="westeurope")
        network.VirtualNetwork(
            "hub-vnet",
            network.VirtualNetworkInitArgs(
                resource_group_name=group.name,
                virtual_network_name="hub-vnet",
                address_space=network.AddressSpaceArgs(address_prefixes=["10.100.0.0/16"]),
                subnets=[network.SubnetArgs(name="AzureBastionSubnet", address_prefix="10.100.0.0/26")],
            ),
        )
        return {}

    evaluate(program, mocks=mocks)


@pytest.fixture(scope="module")
def bastion_in_given_subnets() -> Deployment:
    """A tier in the caller's subnet, administered through an existing hub's Bastion subnet."""
    mocks = AzureMocks()
    existing_hub_network(mocks)
    return with_caller_network(
        lambda vnet: {
            "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
            "admin_access": "bastion",
            "bastion_subnet_id": HUB_BASTION_SUBNET_ID,
            "bastion_subnet_address_prefix": "10.100.0.0/26",
        },
        mocks,
    )


def lb(deployment: Deployment) -> dict[str, Any]:
    return deployment.one("LoadBalancer").inputs


def frontend(deployment: Deployment) -> dict[str, Any]:
    frontends: list[dict[str, Any]] = lb(deployment)["frontendIPConfigurations"]
    assert len(frontends) == 1
    return frontends[0]


# --- internal load balancer ---------------------------------------------------------------------


def test_an_internal_tier_has_no_public_ip(internal_static: Deployment) -> None:
    assert internal_static.of_type("PublicIPAddress") == []


def test_an_internal_frontend_is_a_private_ip_of_the_tiers_subnet(internal_static: Deployment) -> None:
    assert frontend(internal_static)["subnet"]["id"] == internal_static.outputs["subnet_id"]


def test_a_pinned_internal_frontend_is_static(internal_static: Deployment) -> None:
    assert (frontend(internal_static)["privateIPAllocationMethod"], frontend(internal_static)["privateIPAddress"]) == (
        "Static",
        "10.0.0.10",
    )


def test_an_unpinned_internal_frontend_is_dynamic(internal_dynamic: Deployment) -> None:
    assert frontend(internal_dynamic)["privateIPAllocationMethod"] == "Dynamic"


def test_an_internal_tier_has_no_public_outputs(internal_static: Deployment) -> None:
    assert (internal_static.outputs["public_ip_address"], internal_static.outputs["fqdn"]) == (None, None)


def test_frontend_ip_address_is_the_pinned_private_ip(internal_static: Deployment) -> None:
    assert internal_static.outputs["frontend_ip_address"] == "10.0.0.10"


def test_frontend_ip_address_is_the_address_azure_assigned(internal_dynamic: Deployment) -> None:
    assert internal_dynamic.outputs["frontend_ip_address"] == "10.0.0.4"  # the subnet's first free address


def test_vms_never_get_the_frontends_address(internal_dynamic: Deployment) -> None:
    assert internal_dynamic.outputs["frontend_ip_address"] not in internal_dynamic.outputs["private_ip_addresses"]


def test_an_internal_tier_keeps_its_nat_rules(internal_static: Deployment) -> None:
    assert [r.inputs["frontendPort"] for r in internal_static.of_type("InboundNatRule")] == [50001, 50002]


def test_nat_endpoints_use_the_private_frontend(internal_static: Deployment) -> None:
    assert internal_static.outputs["nat_endpoints"] == {"app-vm-1": "10.0.0.10:50001", "app-vm-2": "10.0.0.10:50002"}


def test_an_internal_tier_has_no_outbound_rule(internal_static: Deployment) -> None:
    assert not lb(internal_static).get("outboundRules")


def test_internal_rules_leave_outbound_snat_alone(internal_static: Deployment) -> None:
    assert all("disableOutboundSnat" not in rule for rule in lb(internal_static)["loadBalancingRules"])


def test_an_internal_tier_admits_its_app_port_from_the_virtual_network(internal_static: Deployment) -> None:
    rules = internal_static.one("NetworkSecurityGroup").inputs["securityRules"]
    assert [r["sourceAddressPrefix"] for r in rules if r["name"].startswith("allow-app")] == ["VirtualNetwork"]


def test_an_internal_load_balancer_is_standard(internal_static: Deployment) -> None:
    assert lb(internal_static)["sku"]["name"] == "Standard"


# --- NAT gateway --------------------------------------------------------------------------------


def test_nat_gateway_outbound_creates_a_standard_nat_gateway(nat_gateway: Deployment) -> None:
    assert nat_gateway.one("NatGateway").inputs["sku"]["name"] == "Standard"


def test_the_nat_gateway_has_its_own_standard_static_public_ip(nat_gateway: Deployment) -> None:
    ip = nat_gateway.named("web-natgw-pip")
    assert nat_gateway.one("NatGateway").inputs["publicIpAddresses"] == [{"id": ip.id}]
    assert (ip.inputs["sku"]["name"], ip.inputs["publicIPAllocationMethod"]) == ("Standard", "Static")


def test_the_nat_gateway_serves_the_subnet(nat_gateway: Deployment) -> None:
    subnet = nat_gateway.one("VirtualNetwork").inputs["subnets"][0]
    assert subnet["natGateway"]["id"] == nat_gateway.one("NatGateway").id


def test_with_a_nat_gateway_the_subnet_stays_private(nat_gateway: Deployment) -> None:
    assert nat_gateway.one("VirtualNetwork").inputs["subnets"][0]["defaultOutboundAccess"] is False


def test_with_a_nat_gateway_the_load_balancer_has_no_outbound_rule(nat_gateway: Deployment) -> None:
    assert not lb(nat_gateway).get("outboundRules")


def test_with_a_nat_gateway_lb_rules_still_disable_outbound_snat(nat_gateway: Deployment) -> None:
    assert all(rule["disableOutboundSnat"] is True for rule in lb(nat_gateway)["loadBalancingRules"])


def test_the_default_public_tier_has_no_nat_gateway(linux_default: Deployment) -> None:
    assert linux_default.of_type("NatGateway") == []


# --- bring your own subnet ------------------------------------------------------------------------


def test_a_given_subnet_creates_no_vnet(given_subnet: Deployment) -> None:
    assert [v.name for v in given_subnet.of_type("VirtualNetwork")] == ["shared-vnet"]  # the caller's only


def test_the_nics_join_the_given_subnet(given_subnet: Deployment) -> None:
    subnets = {
        c["subnet"]["id"] for nic in given_subnet.of_type("NetworkInterface") for c in nic.inputs["ipConfigurations"]
    }
    assert subnets == {CALLER_SUBNET_ID}


def test_with_a_given_subnet_the_nsg_goes_on_each_nic(given_subnet: Deployment) -> None:
    nsg = given_subnet.named("app-nsg")
    assert all(nic.inputs["networkSecurityGroup"]["id"] == nsg.id for nic in given_subnet.of_type("NetworkInterface"))


def test_the_given_subnet_is_left_as_it_was(given_subnet: Deployment) -> None:
    assert "networkSecurityGroup" not in given_subnet.named("shared-vnet").inputs["subnets"][0]


def test_an_internal_frontend_in_a_given_subnet_takes_an_address_of_it(given_subnet: Deployment) -> None:
    assert frontend(given_subnet)["subnet"]["id"] == CALLER_SUBNET_ID
    assert given_subnet.outputs["frontend_ip_address"].startswith("10.1.2.")


def test_a_given_subnets_prefix_is_read_from_azure(given_subnet: Deployment) -> None:
    assert "azure-native:network:getSubnet" in given_subnet.invokes
    assert given_subnet.outputs["subnet_address_prefix"] == "10.1.2.0/24"


def test_the_given_subnet_id_is_an_output(given_subnet: Deployment) -> None:
    assert given_subnet.outputs["subnet_id"] == CALLER_SUBNET_ID


def test_nics_in_an_nsg_of_their_own_get_the_tiers_sources(given_subnet: Deployment) -> None:
    rules = given_subnet.named("app-nsg").inputs["securityRules"]
    assert [r["sourceAddressPrefix"] for r in rules if r["name"].startswith("allow-app")] == ["10.1.1.0/24"]


def test_every_wiring_output_is_set_for_a_tier_in_a_given_subnet(given_subnet: Deployment) -> None:
    wiring = ["subnet_id", "subnet_address_prefix", "network_security_group_id", "backend_pool_id"]
    wiring += ["load_balancer_id", "frontend_ip_address", "vm_ids", "private_ip_addresses"]
    assert all(given_subnet.outputs[name] for name in wiring)


def test_a_given_nsg_is_used_and_no_nsg_is_created(given_subnet_and_nsg: Deployment) -> None:
    assert [n.name for n in given_subnet_and_nsg.of_type("NetworkSecurityGroup")] == ["caller-nsg"]


def test_a_given_nsg_goes_on_each_nic(given_subnet_and_nsg: Deployment) -> None:
    nics = given_subnet_and_nsg.of_type("NetworkInterface")
    assert {nic.inputs["networkSecurityGroup"]["id"] for nic in nics} == {CALLER_NSG_ID}


def test_nothing_is_added_to_a_given_nsg(given_subnet_and_nsg: Deployment) -> None:
    assert given_subnet_and_nsg.named("caller-nsg").inputs.get("securityRules", []) == []


def test_the_given_nsg_is_the_nsg_output(given_subnet_and_nsg: Deployment) -> None:
    assert given_subnet_and_nsg.outputs["network_security_group_id"] == CALLER_NSG_ID


def test_a_stated_subnet_prefix_is_not_looked_up(given_subnet_and_nsg: Deployment) -> None:
    assert "azure-native:network:getSubnet" not in given_subnet_and_nsg.invokes
    assert given_subnet_and_nsg.outputs["subnet_address_prefix"] == "10.1.2.0/24"


def test_a_public_tier_in_a_given_subnet_keeps_its_outbound_rule(given_subnet_and_nsg: Deployment) -> None:
    assert [r["name"] for r in lb(given_subnet_and_nsg)["outboundRules"]] == ["outbound"]


# --- bad input: nothing registered ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        {"subnet_id": "not-an-arm-id"},
        {"public": False, "frontend_private_ip": "10.0.0.1"},
        {"public": False, "frontend_private_ip": "192.168.0.10"},
        {"subnet_id": CALLER_SUBNET_ID, "outbound": "nat_gateway"},
        {"public": False, "dns_label": "contoso"},
    ],
    ids=["subnet-id", "reserved-frontend-ip", "frontend-ip-outside", "nat-gateway-byo", "dns-label-internal"],
)
def test_bad_tier_arguments_register_nothing(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("app", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


# --- tiers with the production options --------------------------------------------------------------


def test_an_internal_frontend_across_zones_is_zone_redundant(internal_zones: Deployment) -> None:
    assert frontend(internal_zones)["zones"] == ["1", "2", "3"]


def test_an_internal_tier_across_zones_has_no_availability_set(internal_zones: Deployment) -> None:
    assert (internal_zones.of_type("AvailabilitySet"), internal_zones.outputs["availability_set_id"]) == ([], None)


def test_bastion_goes_into_the_given_bastion_subnet(bastion_in_given_subnets: Deployment) -> None:
    (configuration,) = bastion_in_given_subnets.one("BastionHost").inputs["ipConfigurations"]
    assert configuration["subnet"]["id"] == HUB_BASTION_SUBNET_ID


def test_with_bastion_in_a_given_subnet_the_nics_nsg_admits_ssh_only_from_it(
    bastion_in_given_subnets: Deployment,
) -> None:
    rules = bastion_in_given_subnets.named("app-nsg").inputs["securityRules"]
    assert [r["sourceAddressPrefix"] for r in rules if r.get("destinationPortRange") == "22"] == ["10.100.0.0/26"]


def test_with_bastion_in_a_given_subnet_there_are_no_nat_rules(bastion_in_given_subnets: Deployment) -> None:
    assert not bastion_in_given_subnets.of_type("InboundNatRule")
    assert bastion_in_given_subnets.outputs["nat_endpoints"] == {}


def test_a_bastion_subnet_from_the_same_program_is_waited_for() -> None:
    """A hub created beside the tier: its Bastion subnet's ID, an Output, makes the host wait for it."""

    def program() -> dict[str, Any]:
        group, vnet = caller_network()
        hub = network.VirtualNetwork(
            "hub",
            network.VirtualNetworkInitArgs(
                resource_group_name=group.name,
                virtual_network_name="hub-vnet",
                address_space=network.AddressSpaceArgs(address_prefixes=["10.100.0.0/16"]),
                subnets=[network.SubnetArgs(name="AzureBastionSubnet", address_prefix="10.100.0.0/26")],
            ),
        )
        return vm_set_outputs(
            group.name,
            {
                "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
                "admin_access": "bastion",
                "bastion_subnet_id": hub.id.apply(lambda i: f"{i}/subnets/AzureBastionSubnet"),
                "bastion_subnet_address_prefix": "10.100.0.0/26",
            },
        )

    deployment = evaluate(program)
    (configuration,) = deployment.one("BastionHost").inputs["ipConfigurations"]
    assert configuration["subnet"]["id"] == deployment.named("hub").id + "/subnets/AzureBastionSubnet"


def test_a_bastion_subnet_id_from_another_resource_is_checked_when_it_resolves() -> None:
    def program() -> dict[str, Any]:
        group, vnet = caller_network()
        return vm_set_outputs(
            group.name,
            {
                "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
                "admin_access": "bastion",
                "bastion_subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),  # not an AzureBastionSubnet
                "bastion_subnet_address_prefix": "10.100.0.0/26",
            },
        )

    # The SDK wraps what an apply raises in a ValueError that carries the message.
    with pytest.raises(ValueError, match=r"bastion_subnet_id: .* is not allowed; the ARM ID of a subnet named exactly"):
        evaluate(program)


def test_with_bastion_in_a_given_subnet_no_vnet_is_created(bastion_in_given_subnets: Deployment) -> None:
    assert [v.name for v in bastion_in_given_subnets.of_type("VirtualNetwork")] == ["hub-vnet", "shared-vnet"]


# --- the policy pack keeps every tier shape within the architecture's rules -------------------------


@pytest.mark.parametrize(
    "scenario", ["internal_static", "nat_gateway", "given_subnet", "given_subnet_and_nsg", "internal_zones"]
)
def test_the_policy_pack_passes_on_each_tier_shape(scenario: str, request: pytest.FixtureRequest) -> None:
    deployment: Deployment = request.getfixturevalue(scenario)
    assert check_policies(deployment).mandatory == []


def test_the_policy_pack_passes_on_a_tier_administered_through_bastion(bastion_in_given_subnets: Deployment) -> None:
    assert check_policies(bastion_in_given_subnets).mandatory == []
