"""The component's resources and outputs, under the Azure mocks.

Each scenario is evaluated once (session fixtures in conftest.py); every test states one
property of the infrastructure it builds.
"""

from __future__ import annotations

import base64
import re
from typing import Any

import pulumi
import pytest

from plan.azure_mocks import SUBSCRIPTION_ID, ArmRejection
from plan.harness import Deployment, evaluate_component

from .support.keys import ED25519, STRONG_PASSWORD

ARM_ID = re.compile(
    r"^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+/providers/Microsoft\.\w+/\w+/[^/]+(/\w+/[^/]+)*$"
)


@pytest.fixture(scope="session", params=[2, 3, 7])
def sized(request: pytest.FixtureRequest) -> tuple[int, Deployment]:
    count: int = request.param
    return count, evaluate_component("web", {"ssh_public_key": ED25519, "vm_count": count})


def ports(rule: dict[str, Any]) -> list[str]:
    """An NSG rule's destination ports, whichever of the two fields holds them."""
    return [rule["destinationPortRange"]] if "destinationPortRange" in rule else rule["destinationPortRanges"]


def lb_inputs(deployment: Deployment) -> dict[str, Any]:
    return deployment.one("LoadBalancer").inputs


def nat_rules(deployment: Deployment) -> list[dict[str, Any]]:
    """Inputs of the standalone inbound NAT rules, in VM order."""
    return [r.inputs for r in deployment.of_type("InboundNatRule")]


# --- resource types and counts -----------------------------------------------------------------


def test_resource_counts_scale_with_vm_count(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    assert deployment.count_by_type() == {
        "ResourceGroup": 1,
        "VirtualNetwork": 1,
        "NetworkSecurityGroup": 1,
        "PublicIPAddress": 1,
        "LoadBalancer": 1,
        "AvailabilitySet": 1,
        "StorageAccount": 1,
        "InboundNatRule": count,
        "NetworkInterface": count,
        "VirtualMachine": count,
        "DiagnosticSetting": 1,
    }


def test_one_nat_rule_per_vm(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    assert [r["frontendPort"] for r in nat_rules(deployment)] == list(range(50001, 50001 + count))


def test_every_child_is_parented_to_the_component(linux_default: Deployment) -> None:
    children = [urn for urn in linux_default.urns if "::rg" not in urn and "LoadBalancedVmSet::" not in urn]
    assert children and all("azure-multi-vm:index:LoadBalancedVmSet$" in urn for urn in children)


def test_component_type_token(linux_default: Deployment) -> None:
    assert any(urn.endswith("azure-multi-vm:index:LoadBalancedVmSet::web") for urn in linux_default.urns)


# --- network -------------------------------------------------------------------------------------


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


# --- public IP and load balancer -------------------------------------------------------------------


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


# --- availability set and VMs ------------------------------------------------------------------------


def test_availability_set_is_aligned_for_managed_disks(linux_default: Deployment) -> None:
    assert linux_default.one("AvailabilitySet").inputs["sku"]["name"] == "Aligned"


def test_availability_set_is_classic_for_vhds(vhd: Deployment) -> None:
    assert vhd.one("AvailabilitySet").inputs["sku"]["name"] == "Classic"


def test_availability_set_default_domains(linux_default: Deployment) -> None:
    avset = linux_default.one("AvailabilitySet").inputs
    assert (avset["platformFaultDomainCount"], avset["platformUpdateDomainCount"]) == (2, 5)


def test_availability_set_custom_domains(maximal: Deployment) -> None:
    avset = maximal.one("AvailabilitySet").inputs
    assert (avset["platformFaultDomainCount"], avset["platformUpdateDomainCount"]) == (3, 10)


def test_every_vm_is_in_the_availability_set(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    assert {vm.inputs["availabilitySet"]["id"] for vm in deployment.of_type("VirtualMachine")} == {
        deployment.outputs["availability_set_id"]
    }


def test_vms_use_their_own_nic(linux_default: Deployment) -> None:
    nic_ids = {nic.inputs["networkInterfaceName"]: nic.id for nic in linux_default.of_type("NetworkInterface")}
    assert {
        vm.inputs["networkProfile"]["networkInterfaces"][0]["id"] for vm in linux_default.of_type("VirtualMachine")
    } == set(nic_ids.values())


def test_default_vm_size(linux_default: Deployment) -> None:
    assert {vm.inputs["hardwareProfile"]["vmSize"] for vm in linux_default.of_type("VirtualMachine")} == {
        "Standard_D2s_v5"
    }


def test_default_linux_image_is_ubuntu_24_04(linux_default: Deployment) -> None:
    image = linux_default.of_type("VirtualMachine")[0].inputs["storageProfile"]["imageReference"]
    assert image == {"publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest"}


def test_default_windows_image_is_server_2022(windows: Deployment) -> None:
    image = windows.of_type("VirtualMachine")[0].inputs["storageProfile"]["imageReference"]
    assert (image["publisher"], image["offer"], image["sku"]) == (
        "MicrosoftWindowsServer",
        "WindowsServer",
        "2022-datacenter-azure-edition",
    )


def test_managed_os_disk_per_vm(linux_default: Deployment) -> None:
    disks = [vm.inputs["storageProfile"]["osDisk"] for vm in linux_default.of_type("VirtualMachine")]
    assert sorted((d["name"], "managedDisk" in d, "vhd" in d) for d in disks) == [
        ("web-vm-1-osdisk", True, False),
        ("web-vm-2-osdisk", True, False),
    ]


def test_boot_diagnostics_go_to_the_shared_account(sized: tuple[int, Deployment]) -> None:
    _, deployment = sized
    account = deployment.outputs["diagnostics_storage_account_name"]
    uris = {
        vm.inputs["diagnosticsProfile"]["bootDiagnostics"]["storageUri"] for vm in deployment.of_type("VirtualMachine")
    }
    assert uris == {f"https://{account}.blob.core.windows.net/"}


def test_linux_password_login_disabled_with_a_key(linux_default: Deployment) -> None:
    profile = linux_default.of_type("VirtualMachine")[0].inputs["osProfile"]
    assert (profile["linuxConfiguration"]["disablePasswordAuthentication"], "adminPassword" in profile) == (True, False)


def test_linux_key_goes_to_the_admin_users_authorized_keys(maximal: Deployment) -> None:
    [key] = maximal.of_type("VirtualMachine")[0].inputs["osProfile"]["linuxConfiguration"]["ssh"]["publicKeys"]
    assert key["path"] == "/home/opsadmin/.ssh/authorized_keys"


def test_default_cloud_init_names_each_vm(linux_default: Deployment) -> None:
    pages = {
        vm.inputs["vmName"]: base64.b64decode(vm.inputs["osProfile"]["customData"]).decode()
        for vm in linux_default.of_type("VirtualMachine")
    }
    assert all(f"Served by {name}" in page and "nginx" in page for name, page in pages.items())


def test_custom_data_replaces_the_default(maximal: Deployment) -> None:
    data = {base64.b64decode(vm.inputs["osProfile"]["customData"]).decode() for vm in maximal.of_type("VirtualMachine")}
    assert data == {"#cloud-config\nruncmd:\n  - echo custom\n"}


def test_windows_has_no_default_custom_data(windows: Deployment) -> None:
    assert all("customData" not in vm.inputs["osProfile"] for vm in windows.of_type("VirtualMachine"))


def test_windows_vms_get_a_web_server_for_the_default_probe(windows: Deployment) -> None:
    extensions = windows.of_type("VirtualMachineExtension")
    assert sorted((e.inputs["vmName"], e.inputs["type"]) for e in extensions) == [
        (f"app-vm-{i}", "CustomScriptExtension") for i in (1, 2, 3)
    ]


def test_windows_web_server_page_names_the_vm(windows: Deployment) -> None:
    extension = next(e for e in windows.of_type("VirtualMachineExtension") if e.inputs["vmName"] == "app-vm-2")
    command = extension.inputs["settings"]["commandToExecute"]
    assert "Install-WindowsFeature -Name Web-Server" in command and "Served by app-vm-2" in command


def test_windows_custom_data_replaces_the_default_web_server() -> None:
    deployment = evaluate_component(
        "app", {"os_type": "windows", "admin_password": STRONG_PASSWORD, "custom_data": "Write-Output hi"}
    )
    assert not deployment.of_type("VirtualMachineExtension")


def test_password_from_another_resource_is_checked_when_it_resolves() -> None:
    weak = pulumi.Output.secret("weak")
    # Pulumi reports it wrapped in the resource's ValueError; the message keeps the secret hidden.
    with pytest.raises(ValueError, match=r"admin_password: \[secret\] is not allowed"):
        evaluate_component("app", {"os_type": "windows", "admin_password": weak})


def test_linux_vms_have_no_extensions(linux_default: Deployment) -> None:
    assert not linux_default.of_type("VirtualMachineExtension")


def test_windows_computer_names_fit_netbios(windows: Deployment) -> None:
    assert all(len(vm.inputs["osProfile"]["computerName"]) <= 15 for vm in windows.of_type("VirtualMachine"))


def test_windows_vms_get_the_password(windows: Deployment) -> None:
    assert all(vm.inputs["osProfile"].get("adminPassword") for vm in windows.of_type("VirtualMachine"))


def test_location_and_tags_reach_every_resource(maximal: Deployment) -> None:
    # A diagnostic setting is an extension resource of the load balancer, a NAT rule one of
    # its children: they have neither.
    children = ("ResourceGroup", "DiagnosticSetting", "InboundNatRule")
    owned = [r for r in maximal.registered if r.short_type not in children]
    assert all(
        (r.inputs.get("location"), r.inputs.get("tags")) == ("northeurope", {"env": "test", "owner": "platform"})
        for r in owned
    )


def test_location_defaults_to_the_resource_groups(linux_default: Deployment) -> None:
    assert all("location" not in r.inputs for r in linux_default.registered if r.short_type != "ResourceGroup")


# --- storage -------------------------------------------------------------------------------------------


def test_storage_accounts_are_hardened(vhd: Deployment) -> None:
    accounts = vhd.of_type("StorageAccount")
    assert accounts and all(
        (a.inputs["enableHttpsTrafficOnly"], a.inputs["minimumTlsVersion"], a.inputs["allowBlobPublicAccess"])
        == (True, "TLS1_2", False)
        for a in accounts
    )


def test_diagnostics_account_is_standard_lrs_storage_v2(linux_default: Deployment) -> None:
    account = linux_default.one("StorageAccount").inputs
    assert (account["sku"]["name"], account["kind"]) == ("Standard_LRS", "StorageV2")


def test_storage_account_names_are_valid_and_deterministic(vhd: Deployment) -> None:
    # Literal names: a name derived from anything per-process (a salted hash, a random
    # suffix) would differ from run to run and fail here.
    names = sorted(a.inputs["accountName"] for a in vhd.of_type("StorageAccount"))
    assert names == ["legacy03acf1ccd3diag", "legacy03acf1ccd3vhd1", "legacy03acf1ccd3vhd2", "legacy03acf1ccd3vhd3"]


def test_vhd_mode_has_a_storage_account_per_vm_plus_diagnostics(vhd: Deployment) -> None:
    assert (len(vhd.of_type("StorageAccount")), len(vhd.outputs["vhd_storage_account_names"])) == (4, 3)


def test_vhd_mode_keeps_each_vms_disk_in_its_own_account(vhd: Deployment) -> None:
    uris = sorted(vm.inputs["storageProfile"]["osDisk"]["vhd"]["uri"] for vm in vhd.of_type("VirtualMachine"))
    expected = sorted(
        f"https://{account}.blob.core.windows.net/vhds/legacy-vm-{i + 1}-osdisk.vhd"
        for i, account in enumerate(vhd.outputs["vhd_storage_account_names"])
    )
    assert uris == expected


def test_vhd_containers_are_private(vhd: Deployment) -> None:
    containers = vhd.of_type("BlobContainer")
    assert [(c.inputs["containerName"], c.inputs["publicAccess"]) for c in containers] == [("vhds", "None")] * 3


def test_vhd_mode_warns_about_the_retirement(vhd: Deployment) -> None:
    assert any("unmanaged disks" in w and "retired" in w for w in vhd.warnings)


def test_public_azure_refuses_the_vhd_layout() -> None:
    with pytest.raises(ArmRejection, match="Unmanaged disks are retired"):
        evaluate_component("legacy", {"ssh_public_key": ED25519, "disk_storage": "vhd"})


def test_managed_mode_has_no_vhd_accounts(linux_default: Deployment) -> None:
    assert linux_default.outputs["vhd_storage_account_names"] == []


# --- outputs ---------------------------------------------------------------------------------------------


def test_nat_endpoints_map_each_vm_to_its_port(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    ip = deployment.outputs["public_ip_address"]
    assert deployment.outputs["nat_endpoints"] == {f"web-vm-{i + 1}": f"{ip}:{50001 + i}" for i in range(count)}


def test_public_ip_address_is_an_ipv4_address(linux_default: Deployment) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", linux_default.outputs["public_ip_address"])


def test_private_ips_are_in_the_subnet(sized: tuple[int, Deployment]) -> None:
    count, deployment = sized
    ips = deployment.outputs["private_ip_addresses"]
    assert len(set(ips)) == count and all(ip.startswith("10.0.0.") for ip in ips)


def test_vm_names_and_ids_are_in_order(linux_default: Deployment) -> None:
    names, ids = linux_default.outputs["vm_names"], linux_default.outputs["vm_ids"]
    assert [i.rsplit("/", 1)[1] for i in ids] == names == ["web-vm-1", "web-vm-2"]


@pytest.mark.parametrize(
    "output",
    ["vm_ids", "load_balancer_id", "backend_pool_id", "availability_set_id", "subnet_id", "network_security_group_id"],
)
def test_id_outputs_are_arm_ids_in_the_callers_subscription(linux_default: Deployment, output: str) -> None:
    value = linux_default.outputs[output]
    ids = value if isinstance(value, list) else [value]
    assert ids and all(ARM_ID.match(i) and f"/subscriptions/{SUBSCRIPTION_ID}/" in i for i in ids)


def test_no_output_is_secret_or_holds_the_password(windows: Deployment) -> None:
    assert not windows.secret_outputs and STRONG_PASSWORD not in repr(windows.outputs)
