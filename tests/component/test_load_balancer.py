"""The public IP, the Standard load balancer and its inbound NAT rules, under the Azure mocks."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.deployments import lb_inputs, nat_rules


def test_one_nat_rule_per_vm(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    assert [r["frontendPort"] for r in nat_rules(deployment)] == list(range(50001, 50001 + count))


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


def test_load_balancer_does_not_carry_the_inbound_nat_rules_key(linux_default: Deployment) -> None:
    # Absent, not []: only then does pulumi-azure-native keep the standalone rules on an update.
    assert "inboundNatRules" not in lb_inputs(linux_default)


def test_backend_pool_stays_inline(linux_default: Deployment) -> None:
    assert "LoadBalancerBackendAddressPool" not in linux_default.count_by_type()


def test_nat_rules_are_children_of_the_load_balancer(linux_default: Deployment) -> None:
    lb = linux_default.one("LoadBalancer")
    assert [r.id for r in linux_default.of_type("InboundNatRule")] == [
        f"{lb.id}/inboundNatRules/web-vm-1-ssh",
        f"{lb.id}/inboundNatRules/web-vm-2-ssh",
    ]


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


def test_each_nic_is_on_its_own_nat_rule(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    by_nic = {
        nic.inputs["networkInterfaceName"]: [
            r["id"].rsplit("/", 1)[1] for r in nic.inputs["ipConfigurations"][0]["loadBalancerInboundNatRules"]
        ]
        for nic in deployment.of_type("NetworkInterface")
    }
    assert by_nic == {f"web-vm-{i}-nic": [f"web-vm-{i}-ssh"] for i in range(1, count + 1)}


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
