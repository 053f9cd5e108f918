"""The set's VNet, subnet, NSG and NICs, under the Azure mocks."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.deployments import ports


def test_subnet_has_no_default_outbound_access(linux_default: Deployment) -> None:
    assert linux_default.one("VirtualNetwork").inputs["subnets"][0]["defaultOutboundAccess"] is False


def test_nsg_is_attached_to_the_subnet(linux_default: Deployment) -> None:
    subnet = linux_default.one("VirtualNetwork").inputs["subnets"][0]
    assert subnet["networkSecurityGroup"]["id"] == linux_default.one("NetworkSecurityGroup").id


def test_vnet_uses_the_default_address_space(linux_default: Deployment) -> None:
    vnet = linux_default.one("VirtualNetwork").inputs
    assert (vnet["addressSpace"]["addressPrefixes"], vnet["subnets"][0]["addressPrefix"]) == (
        ["10.0.0.0/16"],
        "10.0.0.0/24",
    )


def test_nsg_admits_only_probe_app_and_denies_the_rest_by_default(linux_default: Deployment) -> None:
    rules = linux_default.one("NetworkSecurityGroup").inputs["securityRules"]
    assert [(r["access"], r["sourceAddressPrefix"], ports(r)) for r in rules] == [
        ("Allow", "AzureLoadBalancer", ["80"]),
        ("Allow", "Internet", ["80"]),
        ("Deny", "*", ["*"]),
    ]


def test_nsg_wildcard_port_uses_the_single_value_field(linux_default: Deployment) -> None:
    deny = linux_default.one("NetworkSecurityGroup").inputs["securityRules"][-1]
    assert (deny["destinationPortRange"], "destinationPortRanges" in deny) == ("*", False)


def test_nsg_rule_for_several_ports_uses_the_list_field(maximal: Deployment) -> None:
    rules = maximal.one("NetworkSecurityGroup").inputs["securityRules"]
    assert [r["destinationPortRanges"] for r in rules if r["name"] == "allow-app-tcp-1"] == [["8080", "8443"]]


def test_nsg_rules_are_inbound(linux_default: Deployment) -> None:
    assert {r["direction"] for r in linux_default.one("NetworkSecurityGroup").inputs["securityRules"]} == {"Inbound"}


def test_admin_port_open_only_to_whitelisted_sources(maximal: Deployment) -> None:
    rules = maximal.one("NetworkSecurityGroup").inputs["securityRules"]
    admin = [(r["sourceAddressPrefix"], ports(r)) for r in rules if "2222" in ports(r)]
    assert admin == [("203.0.113.7/32", ["2222"]), ("198.51.100.0/24", ["2222"])]


def test_nics_have_no_public_ip(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    configs = [c for nic in deployment.of_type("NetworkInterface") for c in nic.inputs["ipConfigurations"]]
    assert configs and all("publicIPAddress" not in c for c in configs)


def test_nics_are_in_the_subnet(linux_default: Deployment) -> None:
    subnet_id = linux_default.outputs["subnet_id"]
    assert {nic.inputs["ipConfigurations"][0]["subnet"]["id"] for nic in linux_default.of_type("NetworkInterface")} == {
        subnet_id
    }
