"""`admin_access="bastion"`: Azure Bastion instead of NAT rules, in a subnet the set creates or is given."""

from __future__ import annotations

from typing import Any

import pytest

from offline.harness import Deployment, evaluate

from ..support.checks import each
from ..support.deployments import nsg_rules
from ..support.scenarios import HUB_BASTION_SUBNET_ID, caller_network, hub_network, vm_set_outputs


def admin_rules(deployment: Deployment) -> list[dict[str, Any]]:
    return [r for r in nsg_rules(deployment) if r.get("destinationPortRange") == "22" and r["access"] == "Allow"]


def test_bastion_removes_every_inbound_nat_rule(bastion: Deployment) -> None:
    assert (bastion.of_type("InboundNatRule"), "inboundNatRules" in bastion.one("LoadBalancer").inputs) == ([], False)


def test_bastion_nics_join_no_nat_rule(bastion: Deployment) -> None:
    configurations = [nic.inputs["ipConfigurations"][0] for nic in bastion.of_type("NetworkInterface")]
    assert all(not c.get("loadBalancerInboundNatRules") for c in each(configurations))


def test_bastion_nics_stay_in_the_backend_pool(bastion: Deployment) -> None:
    configurations = [nic.inputs["ipConfigurations"][0] for nic in bastion.of_type("NetworkInterface")]
    assert all(len(c["loadBalancerBackendAddressPools"]) == 1 for c in each(configurations))


def test_bastion_lists_no_nat_endpoints(bastion: Deployment) -> None:
    assert bastion.outputs["nat_endpoints"] == {}


def test_bastion_name_output(bastion: Deployment) -> None:
    assert bastion.outputs["bastion_name"] == "web-bastion"


def test_no_bastion_name_with_nat_rules(linux_default: Deployment) -> None:
    assert linux_default.outputs["bastion_name"] is None


def test_bastion_subnet_is_created_in_the_vnet(bastion: Deployment) -> None:
    subnets = {s["name"]: s for s in bastion.one("VirtualNetwork").inputs["subnets"]}
    assert subnets["AzureBastionSubnet"]["addressPrefix"] == "10.0.1.0/26"


def test_bastion_subnet_has_no_nsg(bastion: Deployment) -> None:
    subnets = {s["name"]: s for s in bastion.one("VirtualNetwork").inputs["subnets"]}
    assert "networkSecurityGroup" not in subnets["AzureBastionSubnet"]


def test_bastion_host_is_standard_with_native_client_tunnelling(bastion: Deployment) -> None:
    host = bastion.one("BastionHost").inputs
    assert (host["sku"]["name"], host["enableTunneling"]) == ("Standard", True)


def test_bastion_host_sits_in_the_bastion_subnet(bastion: Deployment) -> None:
    configuration = bastion.one("BastionHost").inputs["ipConfigurations"][0]
    assert configuration["subnet"]["id"] == f"{bastion.one('VirtualNetwork').id}/subnets/AzureBastionSubnet"


def test_bastion_has_its_own_standard_static_public_ip(bastion: Deployment) -> None:
    pip = bastion.named("web-bastion-pip")
    configuration = bastion.one("BastionHost").inputs["ipConfigurations"][0]
    assert (
        configuration["publicIPAddress"]["id"],
        pip.inputs["sku"]["name"],
        pip.inputs["publicIPAllocationMethod"],
    ) == (
        pip.id,
        "Standard",
        "Static",
    )


def test_bastion_nsg_admits_the_admin_port_only_from_the_bastion_subnet(bastion: Deployment) -> None:
    assert [r["sourceAddressPrefix"] for r in admin_rules(bastion)] == ["10.0.1.0/26"]


def test_bastion_nsg_never_admits_the_nat_sources(bastion: Deployment) -> None:
    assert all(r["sourceAddressPrefix"] != "203.0.113.7/32" for r in each(nsg_rules(bastion)))


def test_bastion_warns_that_admin_sources_are_ignored(bastion: Deployment) -> None:
    assert any("admin_source_prefixes is ignored" in w for w in bastion.warnings)


def test_given_bastion_subnet_creates_no_bastion_subnet(hub_bastion: Deployment) -> None:
    vnets = {v.name: v.inputs for v in hub_bastion.of_type("VirtualNetwork")}
    assert [s["name"] for s in vnets["web-vnet"]["subnets"]] == ["web-snet"]


def test_given_bastion_subnet_holds_the_bastion_host(hub_bastion: Deployment) -> None:
    subnet = hub_bastion.one("BastionHost").inputs["ipConfigurations"][0]["subnet"]["id"]
    assert subnet.endswith("/virtualNetworks/hub-vnet/subnets/AzureBastionSubnet")


def test_given_bastion_subnet_prefix_is_the_admin_source(hub_bastion: Deployment) -> None:
    rules = {r.name: r for r in hub_bastion.of_type("NetworkSecurityGroup")}["web-nsg"].inputs["securityRules"]
    admin = [r for r in rules if r.get("destinationPortRange") == "22" and r["access"] == "Allow"]
    assert [r["sourceAddressPrefix"] for r in admin] == ["10.100.0.0/26"]


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
        hub = hub_network()
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
    assert configuration["subnet"]["id"] == deployment.named("hub-vnet").id + "/subnets/AzureBastionSubnet"


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
