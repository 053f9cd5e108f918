"""`subnet_id` and `network_security_group_id`: a set in the caller's subnet, guarded by its NSG or the caller's."""

from __future__ import annotations

import pytest

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import frontend, lb_inputs
from ..support.scenarios import CALLER_NSG_ID, CALLER_SUBNET_ID, with_caller_network


def test_a_given_subnet_creates_no_vnet(given_subnet: Deployment) -> None:
    assert [v.name for v in given_subnet.of_type("VirtualNetwork")] == ["shared-vnet"]  # the caller's only


def test_the_nics_join_the_given_subnet(given_subnet: Deployment) -> None:
    subnets = {
        c["subnet"]["id"] for nic in given_subnet.of_type("NetworkInterface") for c in nic.inputs["ipConfigurations"]
    }
    assert subnets == {CALLER_SUBNET_ID}


def test_with_a_given_subnet_the_nsg_goes_on_each_nic(given_subnet: Deployment) -> None:
    nsg = given_subnet.named("app-nsg")
    assert all(
        nic.inputs["networkSecurityGroup"]["id"] == nsg.id for nic in each(given_subnet.of_type("NetworkInterface"))
    )


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
    assert [r["name"] for r in lb_inputs(given_subnet_and_nsg)["outboundRules"]] == ["outbound"]


def test_a_subnet_id_from_another_resource_is_checked_when_it_resolves() -> None:
    # The SDK wraps what an apply raises in a ValueError that carries the message.
    with pytest.raises(
        ValueError, match=r"subnet_id: '/subscriptions/.*' is not allowed; an ARM resource ID .*/subnets/<subnet>"
    ):
        with_caller_network(lambda vnet: {"subnet_id": vnet.id})  # the VNet's ID, not a subnet's


def test_an_nsg_id_from_another_resource_is_checked_when_it_resolves() -> None:
    with pytest.raises(
        ValueError, match=r"network_security_group_id: '/subscriptions/.*' is not allowed; an ARM resource ID .*/<nsg>"
    ):
        with_caller_network(
            lambda vnet: {
                "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
                "subnet_address_prefix": "10.1.2.0/24",
                "network_security_group_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),  # a subnet's ID
            }
        )
