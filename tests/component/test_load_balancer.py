"""The public IP, the Standard load balancer and its inbound NAT rules, under the Azure mocks."""

from __future__ import annotations

import pytest

from offline.harness import Deployment

from ..support.deployments import lb_inputs, nat_rule_ids_of_nics, nat_rules
from ..support.keys import ED25519
from ..support.scenarios import component


@pytest.fixture(scope="module")
def standalone() -> Deployment:
    """Three Linux VMs with one standalone NAT rule each (`nat_rule_capacity=0`)."""
    return component("web", {"ssh_public_key": ED25519, "vm_count": 3, "nat_rule_capacity": 0})


def test_the_load_balancer_holds_200_nat_rules_by_default_whatever_the_vm_count(
    sized: tuple[int, Deployment],
) -> None:
    _, deployment = sized
    assert [r["frontendPort"] for r in nat_rules(deployment)] == list(range(50001, 50201))


def test_inline_nat_rules_are_named_as_their_vms_rules(linux_default: Deployment) -> None:
    names = [r["name"] for r in nat_rules(linux_default)]
    assert (names[0], names[1], names[-1]) == ("web-vm-1-ssh", "web-vm-2-ssh", "web-vm-200-ssh")


def test_inline_nat_rules_leave_no_standalone_rule(linux_default: Deployment) -> None:
    assert linux_default.of_type("InboundNatRule") == []


def test_nat_rule_capacity_sets_how_many_rules_the_load_balancer_holds() -> None:
    deployment = component("web", {"ssh_public_key": ED25519, "vm_count": 3, "nat_rule_capacity": 5})
    assert [r["frontendPort"] for r in nat_rules(deployment)] == [50001, 50002, 50003, 50004, 50005]


def test_capacity_zero_gives_one_standalone_rule_per_vm(standalone: Deployment) -> None:
    assert [r["frontendPort"] for r in nat_rules(standalone)] == [50001, 50002, 50003]


def test_standalone_rules_leave_the_load_balancers_nat_rules_key_out(standalone: Deployment) -> None:
    # Absent, not []: only then does pulumi-azure-native keep the standalone rules on an update.
    assert "inboundNatRules" not in lb_inputs(standalone)


def test_standalone_rules_are_children_of_the_load_balancer(standalone: Deployment) -> None:
    lb = standalone.one("LoadBalancer")
    assert [r.id for r in standalone.of_type("InboundNatRule")] == [
        f"{lb.id}/inboundNatRules/web-vm-{i}-ssh" for i in (1, 2, 3)
    ]


def test_each_nic_uses_its_standalone_rule(standalone: Deployment) -> None:
    lb = standalone.one("LoadBalancer")
    assert nat_rule_ids_of_nics(standalone) == {
        f"web-vm-{i}-nic": [f"{lb.id}/inboundNatRules/web-vm-{i}-ssh"] for i in (1, 2, 3)
    }


def test_public_ip_is_standard_and_static(linux_default: Deployment) -> None:
    pip = linux_default.one("PublicIPAddress").inputs
    assert (pip["sku"]["name"], pip["publicIPAllocationMethod"]) == ("Standard", "Static")


def test_udp_rules_carry_no_tcp_settings(maximal: Deployment) -> None:
    [udp] = [r for r in lb_inputs(maximal)["loadBalancingRules"] if r["protocol"] == "Udp"]
    assert not {"enableTcpReset", "idleTimeoutInMinutes"} & set(udp)


def test_load_balancer_is_standard(linux_default: Deployment) -> None:
    assert lb_inputs(linux_default)["sku"]["name"] == "Standard"


def test_load_balancer_frontend_binds_the_public_ip(linux_default: Deployment) -> None:
    frontends = lb_inputs(linux_default)["frontendIPConfigurations"]
    assert [f["publicIPAddress"]["id"] for f in frontends] == [linux_default.one("PublicIPAddress").id]


def test_load_balancer_has_one_backend_pool(linux_default: Deployment) -> None:
    assert [p["name"] for p in lb_inputs(linux_default)["backendAddressPools"]] == ["backend-pool"]


def test_default_rule_is_tcp_80_to_80_with_the_probe(linux_default: Deployment) -> None:
    lb = lb_inputs(linux_default)
    [rule] = lb["loadBalancingRules"]
    assert (rule["protocol"], rule["frontendPort"], rule["backendPort"], rule["probe"]["id"].rsplit("/", 1)[1]) == (
        "Tcp",
        80,
        80,
        lb["probes"][0]["name"],
    )


def test_default_probe_is_http_get_slash_on_80(linux_default: Deployment) -> None:
    [probe] = lb_inputs(linux_default)["probes"]
    assert (probe["protocol"], probe["port"], probe["requestPath"], probe["intervalInSeconds"]) == ("Http", 80, "/", 5)


def test_rules_name_frontend_pool_and_probe_by_full_arm_id(linux_default: Deployment) -> None:
    lb_id = linux_default.outputs["load_balancer_id"]
    [rule] = lb_inputs(linux_default)["loadBalancingRules"]
    assert [rule["frontendIPConfiguration"]["id"], rule["backendAddressPool"]["id"], rule["probe"]["id"]] == [
        f"{lb_id}/frontendIPConfigurations/frontend",
        f"{lb_id}/backendAddressPools/backend-pool",
        f"{lb_id}/probes/health-probe",
    ]


def test_lb_rules_disable_outbound_snat(maximal: Deployment) -> None:
    assert {r["disableOutboundSnat"] for r in lb_inputs(maximal)["loadBalancingRules"]} == {True}


def test_outbound_rule_gives_the_pool_internet_access(linux_default: Deployment) -> None:
    [rule] = lb_inputs(linux_default)["outboundRules"]
    assert (rule["backendAddressPool"]["id"], rule["protocol"]) == (linux_default.outputs["backend_pool_id"], "All")


def test_nat_rules_forward_to_ssh_on_linux(linux_default: Deployment) -> None:
    assert {r["backendPort"] for r in nat_rules(linux_default)} == {22}


def test_nat_rules_forward_to_rdp_on_windows(windows: Deployment) -> None:
    assert {r["backendPort"] for r in nat_rules(windows)} == {3389}


def test_backend_pool_stays_inline(linux_default: Deployment) -> None:
    assert "LoadBalancerBackendAddressPool" not in linux_default.count_by_type()


def test_nat_rules_use_the_load_balancers_frontend(linux_default: Deployment) -> None:
    frontend = f"{linux_default.one('LoadBalancer').id}/frontendIPConfigurations/frontend"
    assert {r["frontendIPConfiguration"]["id"] for r in nat_rules(linux_default)} == {frontend}


def test_each_nic_is_in_the_pool(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    pools = {
        p["id"]
        for nic in deployment.of_type("NetworkInterface")
        for p in nic.inputs["ipConfigurations"][0]["loadBalancerBackendAddressPools"]
    }
    assert pools == {deployment.outputs["backend_pool_id"]}


def test_each_nic_uses_its_own_inline_rule_by_its_arm_id(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    lb = deployment.one("LoadBalancer")
    assert nat_rule_ids_of_nics(deployment) == {
        f"web-vm-{i}-nic": [f"{lb.id}/inboundNatRules/web-vm-{i}-ssh"] for i in range(1, count + 1)
    }


def test_the_nics_use_the_first_inline_rules_by_the_ids_azure_gave_them(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    ids = [r["id"] for r in deployment.one("LoadBalancer").state["inboundNatRules"]]
    used = [rule for nic in sorted(nat_rule_ids_of_nics(deployment).values()) for rule in nic]
    assert sorted(used) == sorted(ids[:count])


def test_custom_rules_probe_and_nat_start_are_used(maximal: Deployment) -> None:
    lb = lb_inputs(maximal)
    rules = {(r["protocol"], r["frontendPort"], r["backendPort"]) for r in lb["loadBalancingRules"]}
    probe = lb["probes"][0]
    assert (rules, probe["protocol"], probe["requestPath"], nat_rules(maximal)[0]["frontendPort"]) == (
        {("Tcp", 80, 8080), ("Tcp", 443, 8443), ("Udp", 5353, 5353)},
        "Https",
        "/healthz",
        60001,
    )


def test_dns_label_gives_an_fqdn(maximal: Deployment) -> None:
    assert maximal.outputs["fqdn"] == "contoso-web.northeurope.cloudapp.azure.com"


def test_no_dns_label_no_fqdn(linux_default: Deployment) -> None:
    assert linux_default.outputs["fqdn"] is None


@pytest.fixture(scope="module")
def ten_vms() -> Deployment:
    return component("web", {"ssh_public_key": ED25519, "vm_count": 10})


def test_a_nic_waits_for_the_nic_eight_before_it(ten_vms: Deployment) -> None:
    """At most 8 NICs join the load balancer's NAT rules at once (Azure answered 10 with 429)."""
    nics = {nic.name: nic for nic in ten_vms.of_type("NetworkInterface")}
    waits = {
        name: sorted(other for other, o in nics.items() if o.urn in nic.dependencies) for name, nic in nics.items()
    }
    assert (waits["web-vm-8-nic"], waits["web-vm-9-nic"], waits["web-vm-10-nic"]) == (
        [],
        ["web-vm-1-nic"],
        ["web-vm-2-nic"],
    )
