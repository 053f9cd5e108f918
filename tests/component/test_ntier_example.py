"""examples/ntier, run under the same mocks: the tiers exist and each is reachable only from
the tier in front of it."""

from __future__ import annotations

from typing import Any

import pytest

from components import InvalidArgumentError
from offline.azure_mocks import Registered
from offline.harness import Deployment

from ..support.checks import each
from ..support.constants import NTIER, NTIER_NS
from ..support.scenarios import stack

WEB, BUSINESS, DATA = "10.10.1.0/24", "10.10.2.0/24", "10.10.3.0/24"
OPEN_TO_ALL = {"*", "internet", "any", "0.0.0.0/0"}
ADMIN_PORTS = {"22", "3389", "5985", "5986"}


def subnet_prefixes(deployment: Deployment) -> dict[str, str]:
    return {s["name"]: s["addressPrefix"] for s in deployment.one("VirtualNetwork").inputs["subnets"]}


def nics_of(deployment: Deployment, tier: str) -> list[Registered]:
    return [n for n in deployment.of_type("NetworkInterface") if n.name.startswith(f"{tier}-vm-")]


def allow_rules(nsg: Registered) -> list[dict[str, Any]]:
    return [r for r in nsg.inputs.get("securityRules", []) if r["access"] == "Allow"]


def ports(rule: dict[str, Any]) -> set[str]:
    return set(rule.get("destinationPortRanges") or [rule["destinationPortRange"]])


def nsg_of(deployment: Deployment, nic: Registered) -> Registered:
    nsg_id = nic.inputs["networkSecurityGroup"]["id"]
    return next(n for n in deployment.of_type("NetworkSecurityGroup") if n.id == nsg_id)


def test_one_vnet_with_web_business_and_data_subnets(ntier: Deployment) -> None:
    assert subnet_prefixes(ntier) == {"web": WEB, "business": BUSINESS, "data": DATA}


def test_every_subnet_is_private(ntier: Deployment) -> None:
    assert all(s["defaultOutboundAccess"] is False for s in each(ntier.one("VirtualNetwork").inputs["subnets"]))


def test_a_public_web_tier_of_two_or_more_vms(ntier: Deployment) -> None:
    assert len(nics_of(ntier, "web")) >= 2


def test_an_internal_business_tier_of_two_or_more_vms(ntier: Deployment) -> None:
    assert len(nics_of(ntier, "business")) >= 2


def test_each_tiers_vms_sit_in_its_own_subnet(ntier: Deployment) -> None:
    for tier in ("web", "business"):
        subnets = {
            c["subnet"]["id"].rsplit("/", 1)[1] for n in nics_of(ntier, tier) for c in n.inputs["ipConfigurations"]
        }
        assert subnets == {tier}


def test_no_vm_has_a_public_ip(ntier: Deployment) -> None:
    configurations = [c for n in ntier.of_type("NetworkInterface") for c in n.inputs["ipConfigurations"]]
    assert configurations and not any("publicIPAddress" in c for c in configurations)


def test_only_the_web_load_balancer_has_a_public_frontend(ntier: Deployment) -> None:
    public = [
        lb.name
        for lb in ntier.of_type("LoadBalancer")
        if any("publicIPAddress" in f for f in lb.inputs["frontendIPConfigurations"])
    ]
    assert public == ["web-lb"]


def test_the_other_public_ip_only_carries_outbound_traffic(ntier: Deployment) -> None:
    on_lbs = {
        f["publicIPAddress"]["id"]
        for lb in ntier.of_type("LoadBalancer")
        for f in lb.inputs["frontendIPConfigurations"]
        if "publicIPAddress" in f
    }
    on_nat = {ip["id"] for g in ntier.of_type("NatGateway") for ip in g.inputs["publicIpAddresses"]}
    assert {ip.id for ip in ntier.of_type("PublicIPAddress")} == on_lbs | on_nat


def test_the_business_load_balancer_listens_on_a_private_ip_of_its_subnet(ntier: Deployment) -> None:
    (frontend,) = ntier.named("business-lb").inputs["frontendIPConfigurations"]
    assert (frontend["subnet"]["id"].rsplit("/", 1)[1], frontend["privateIPAddress"]) == ("business", "10.10.2.10")


def test_the_business_tier_reaches_the_internet_through_the_nat_gateway(ntier: Deployment) -> None:
    business = next(s for s in ntier.one("VirtualNetwork").inputs["subnets"] if s["name"] == "business")
    assert business["natGateway"]["id"] == ntier.one("NatGateway").id


def test_the_web_tier_admits_http_from_the_internet_only_on_port_80(ntier: Deployment) -> None:
    rules = allow_rules(ntier.named("web-nsg"))
    assert [ports(r) for r in rules if r["sourceAddressPrefix"] == "Internet"] == [{"80"}]


def test_the_business_tier_admits_its_app_port_only_from_the_web_subnet(ntier: Deployment) -> None:
    rules = [r for r in allow_rules(ntier.named("business-nsg")) if "80" in ports(r)]
    assert {r["sourceAddressPrefix"] for r in rules} == {WEB, "AzureLoadBalancer"}  # and the health probe


def test_the_business_tier_admits_nothing_from_outside_the_vnet(ntier: Deployment) -> None:
    sources = {r["sourceAddressPrefix"] for r in allow_rules(ntier.named("business-nsg"))}
    assert sources <= {WEB, "AzureLoadBalancer"}


def test_every_vm_nic_is_guarded_by_an_nsg_that_denies_the_rest(ntier: Deployment) -> None:
    for nic in nics_of(ntier, "web") + nics_of(ntier, "business"):
        rules = nsg_of(ntier, nic).inputs["securityRules"]
        assert any(r["access"] == "Deny" and r["sourceAddressPrefix"] == "*" and r["priority"] == 4096 for r in rules)


def test_the_data_subnet_admits_only_the_business_subnet(ntier: Deployment) -> None:
    data = next(s for s in ntier.one("VirtualNetwork").inputs["subnets"] if s["name"] == "data")
    nsg = next(n for n in ntier.of_type("NetworkSecurityGroup") if n.id == data["networkSecurityGroup"]["id"])
    assert [r["sourceAddressPrefix"] for r in allow_rules(nsg)] == [BUSINESS]
    assert any(r["access"] == "Deny" and r["priority"] == 4096 for r in nsg.inputs["securityRules"])


def test_no_nsg_opens_an_admin_port_to_everyone(ntier_with_admin: Deployment) -> None:
    for nsg in ntier_with_admin.of_type("NetworkSecurityGroup"):
        for rule in allow_rules(nsg):
            opens_admin = ports(rule) & ADMIN_PORTS or "*" in ports(rule)
            assert not (opens_admin and rule["sourceAddressPrefix"].lower() in OPEN_TO_ALL), (nsg.name, rule)


def test_web_ssh_is_open_only_to_the_whitelisted_address(ntier_with_admin: Deployment) -> None:
    rules = [r for r in allow_rules(ntier_with_admin.named("web-nsg")) if "22" in ports(r)]
    assert [r["sourceAddressPrefix"] for r in rules] == ["203.0.113.7/32"]


def test_business_ssh_is_open_only_to_the_web_subnet(ntier_with_admin: Deployment) -> None:
    rules = [r for r in allow_rules(ntier_with_admin.named("business-nsg")) if "22" in ports(r)]
    assert [r["sourceAddressPrefix"] for r in rules] == [WEB]


def test_business_nat_rules_stay_on_the_private_frontend(ntier: Deployment) -> None:
    assert ntier.outputs["business_nat_endpoints"] == {
        "business-vm-1": "10.10.2.10:50001",
        "business-vm-2": "10.10.2.10:50002",
    }


def test_the_web_tier_is_the_public_entry_point(ntier: Deployment) -> None:
    ip = ntier.named("web-pip").state["ipAddress"]
    assert ntier.outputs["web_url"] == f"http://{ip}/"


def test_the_business_tier_is_addressed_privately(ntier: Deployment) -> None:
    assert ntier.outputs["business_url"] == "http://10.10.2.10/"


# --- a tier as a scale set -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ntier_business_scale_set() -> Deployment:
    """examples/ntier with its business tier as a scale set."""
    return stack({f"{NTIER_NS}:businessOrchestration": "scale_set"}, project_dir=NTIER)


def test_a_tier_runs_as_a_scale_set(ntier_business_scale_set: Deployment) -> None:
    assert [s.name for s in ntier_business_scale_set.of_type("VirtualMachineScaleSet")] == ["business-vmss"]


def test_the_other_tier_keeps_its_vms(ntier_business_scale_set: Deployment) -> None:
    assert {vm.name for vm in ntier_business_scale_set.of_type("VirtualMachine")} == {"web-vm-1", "web-vm-2"}


def test_the_scale_set_tier_stays_in_its_subnet(ntier_business_scale_set: Deployment) -> None:
    vmss = ntier_business_scale_set.one("VirtualMachineScaleSet").inputs
    (nic,) = vmss["virtualMachineProfile"]["networkProfile"]["networkInterfaceConfigurations"]
    assert nic["ipConfigurations"][0]["subnet"]["id"].endswith("/subnets/business")


def test_the_scale_set_tiers_instances_are_guarded_by_its_nsg(ntier_business_scale_set: Deployment) -> None:
    vmss = ntier_business_scale_set.one("VirtualMachineScaleSet").inputs
    (nic,) = vmss["virtualMachineProfile"]["networkProfile"]["networkInterfaceConfigurations"]
    assert nic["networkSecurityGroup"]["id"].endswith("/networkSecurityGroups/business-nsg")


def test_the_scale_set_tier_spreads_over_the_stacks_regions_zones(ntier_business_scale_set: Deployment) -> None:
    assert ntier_business_scale_set.one("VirtualMachineScaleSet").inputs["zones"] == ["1", "2", "3"]


def test_the_scale_set_tier_exports_its_name(ntier_business_scale_set: Deployment) -> None:
    assert ntier_business_scale_set.outputs["business_scale_set_name"] == "business-vmss"


def test_a_tier_s_vm_count_of_zero_is_refused_not_turned_into_two() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        stack({f"{NTIER_NS}:webVmCount": "0"}, project_dir=NTIER)
    assert (caught.value.argument, caught.value.value) == ("vm_count", 0)
