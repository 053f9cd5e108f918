"""The guardrail policy pack (policy/), run offline with Pulumi's policy SDK types.

Each policy gets a resource that passes and one that violates it, through the policy's own
`validate` with the `ResourceValidationArgs` / `StackValidationArgs` the CLI would build;
then the whole pack runs over stacks as the offline mocks register them.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi_azure_native import compute, network, resources, storage
from pulumi_policy import (
    EnforcementLevel,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from plan.harness import Deployment, evaluate
from plan.policy_check import PolicyReport, check_policies, resource_options
from policy.guardrails import PACK_NAME, POLICIES

from .support.keys import ED25519, STRONG_PASSWORD

VM = "azure-native:compute:VirtualMachine"
AVSET = "azure-native:compute:AvailabilitySet"
NIC = "azure-native:network:NetworkInterface"
NSG = "azure-native:network:NetworkSecurityGroup"
RULE = "azure-native:network:SecurityRule"
LB = "azure-native:network:LoadBalancer"
PIP = "azure-native:network:PublicIPAddress"
ACCOUNT = "azure-native:storage:StorageAccount"
CONTAINER = "azure-native:storage:BlobContainer"
LB_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb"
AVSET_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/availabilitySets/web-avset"


def policy_named(name: str) -> ResourceValidationPolicy | StackValidationPolicy:
    return next(p for p in POLICIES if p.name == name)


def resource_violations(policy_name: str, resource_type: str, props: dict[str, Any]) -> list[str]:
    """Run one resource policy on one resource, as the CLI's analyzer does."""
    policy = policy_named(policy_name)
    assert isinstance(policy, ResourceValidationPolicy)
    args = ResourceValidationArgs(
        resource_type=resource_type,
        props=unknown_checking_proxy(props),
        urn=f"urn:pulumi:test::p::{resource_type}::r",
        name="r",
        opts=resource_options(),
        provider=None,
    )
    messages: list[str] = []

    def report(message: str, urn: str | None = None) -> None:
        messages.append(message)

    policy.validate(args, report)
    return messages


# --- the resources ------------------------------------------------------------------------------


def linux_vm(**overrides: Any) -> dict[str, Any]:
    vm: dict[str, Any] = {
        "vmName": "web-vm-1",
        "availabilitySet": {"id": AVSET_ID},
        "osProfile": {
            "computerName": "web-vm-1",
            "adminUsername": "azureuser",
            "linuxConfiguration": {
                "disablePasswordAuthentication": True,
                "ssh": {"publicKeys": [{"path": "/home/azureuser/.ssh/authorized_keys", "keyData": ED25519}]},
            },
        },
        "storageProfile": {"osDisk": {"createOption": "FromImage", "managedDisk": {"storageAccountType": "SSD"}}},
        "diagnosticsProfile": {"bootDiagnostics": {"enabled": True}},
        "networkProfile": {"networkInterfaces": [{"id": "nic-id"}]},
    }
    vm.update(overrides)
    return vm


def linux_vm_with(path: str, value: Any) -> dict[str, Any]:
    """A good Linux VM with one nested property replaced (None: removed)."""
    vm = linux_vm()
    *parents, leaf = path.split(".")
    node = vm
    for key in parents:
        node = node[key]
    if value is None:
        node.pop(leaf, None)
    else:
        node[leaf] = value
    return vm


WINDOWS_VM = linux_vm(
    osProfile={"computerName": "app-vm-1", "adminUsername": "azureuser", "adminPassword": STRONG_PASSWORD}
)
PASSWORD_ONLY_LINUX_VM = linux_vm(
    osProfile={
        "computerName": "web-vm-1",
        "adminUsername": "azureuser",
        "adminPassword": STRONG_PASSWORD,
        "linuxConfiguration": {"disablePasswordAuthentication": False},
    }
)


def nsg_rule(**overrides: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "name": "allow-admin-1",
        "priority": 1000,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": "203.0.113.7/32",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "22",
    }
    rule.update(overrides)
    return rule


def nsg(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"networkSecurityGroupName": "web-nsg", "securityRules": list(rules)}


def load_balancer(rules: list[dict[str, Any]], sku: str | None = "Standard") -> dict[str, Any]:
    lb: dict[str, Any] = {
        "loadBalancerName": "lb",
        "frontendIPConfigurations": [{"name": "fe", "subnet": {"id": "subnet-id"}}],
        "backendAddressPools": [{"name": "pool"}],
        "probes": [{"name": "http", "protocol": "Http", "port": 80, "requestPath": "/"}],
        "loadBalancingRules": rules,
    }
    if sku is not None:
        lb["sku"] = {"name": sku}
    return lb


def lb_rule(probe: dict[str, Any] | None) -> dict[str, Any]:
    rule: dict[str, Any] = {"name": "http", "protocol": "Tcp", "frontendPort": 80, "backendPort": 80}
    if probe is not None:
        rule["probe"] = probe
    return rule


def account(**overrides: Any) -> dict[str, Any]:
    props: dict[str, Any] = {
        "accountName": "diag0123",
        "sku": {"name": "Standard_LRS"},
        "enableHttpsTrafficOnly": True,
        "minimumTlsVersion": "TLS1_2",
        "allowBlobPublicAccess": False,
    }
    props.update(overrides)
    return {k: v for k, v in props.items() if v is not None}


PASSING: list[tuple[str, str, dict[str, Any]]] = [
    ("vm-in-availability-set-or-zone", VM, linux_vm()),
    ("vm-in-availability-set-or-zone", VM, linux_vm_with("availabilitySet", None) | {"zones": ["2"]}),
    ("vm-in-availability-set-or-zone", VM, linux_vm(availabilitySet={"id": UNKNOWN_STRING_VALUE})),
    ("availability-set-fault-domains", AVSET, {"platformFaultDomainCount": 2}),
    ("availability-set-fault-domains", AVSET, {"platformFaultDomainCount": 3}),
    ("no-public-ip-on-vm-nic", NIC, {"ipConfigurations": [{"name": "ipconfig1", "subnet": {"id": "s"}}]}),
    (
        "no-public-ip-on-vm-nic",
        VM,
        linux_vm(networkProfile={"networkInterfaceConfigurations": [{"name": "n", "ipConfigurations": [{}]}]}),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule())),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="Internet", destinationPortRange="80"))),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*", access="Deny"))),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*", direction="Outbound"))),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*", protocol="Icmp"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix="Internet", destinationPortRange="23-3388")),
    ),
    (
        "admin-ports-not-open-to-internet",
        RULE,
        nsg_rule(sourceAddressPrefix="10.0.1.0/26", destinationPortRange="3389"),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*", destinationPortRange="http"))),
    ("load-balancer-standard-sku", LB, load_balancer([])),
    ("public-ip-standard-sku", PIP, {"sku": {"name": "Standard"}, "publicIPAllocationMethod": "Static"}),
    ("load-balancing-rule-has-probe", LB, load_balancer([lb_rule({"id": f"{LB_ID}/probes/http"})])),
    ("load-balancing-rule-has-probe", LB, load_balancer([lb_rule({"id": UNKNOWN_STRING_VALUE})])),
    ("storage-https-only", ACCOUNT, account()),
    ("storage-minimum-tls-1-2", ACCOUNT, account()),
    ("storage-minimum-tls-1-2", ACCOUNT, account(minimumTlsVersion="TLS1_3")),
    ("storage-no-public-blob-access", ACCOUNT, account()),
    ("storage-no-public-blob-access", CONTAINER, {"containerName": "vhds", "publicAccess": "None"}),
    ("storage-no-public-blob-access", CONTAINER, {"containerName": "vhds"}),
    ("vm-boot-diagnostics-enabled", VM, linux_vm()),
    ("linux-password-login-disabled", VM, linux_vm()),
    ("linux-password-login-disabled", VM, WINDOWS_VM),
    ("linux-password-login-disabled", VM, PASSWORD_ONLY_LINUX_VM),  # the advisory policy's case
    ("linux-ssh-key-present", VM, linux_vm()),
    ("linux-ssh-key-present", VM, WINDOWS_VM),
    ("no-unmanaged-disks", VM, linux_vm()),
]

VIOLATING: list[tuple[str, str, dict[str, Any]]] = [
    ("vm-in-availability-set-or-zone", VM, linux_vm_with("availabilitySet", None)),
    ("vm-in-availability-set-or-zone", VM, linux_vm_with("availabilitySet", None) | {"zones": []}),
    ("availability-set-fault-domains", AVSET, {"platformFaultDomainCount": 1}),
    ("availability-set-fault-domains", AVSET, {"platformUpdateDomainCount": 5}),
    ("no-public-ip-on-vm-nic", NIC, {"ipConfigurations": [{"name": "ip", "publicIPAddress": {"id": "pip"}}]}),
    (
        "no-public-ip-on-vm-nic",
        NIC,
        {"ipConfigurations": [{"name": "ip", "publicIPAddress": {"id": UNKNOWN_STRING_VALUE}}]},
    ),
    (
        "no-public-ip-on-vm-nic",
        VM,
        linux_vm(
            networkProfile={
                "networkInterfaceConfigurations": [
                    {"name": "n", "ipConfigurations": [{"name": "i", "publicIPAddressConfiguration": {"name": "p"}}]}
                ]
            }
        ),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix="Internet", destinationPortRange="3389")),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix="0.0.0.0/0", destinationPortRange="20-30")),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="any", destinationPortRange="*"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix="Any", destinationPortRange=None, destinationPortRanges=["80", "5985"])),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix=None, sourceAddressPrefixes=["10.0.0.0/8", "0.0.0.0/0"])),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(nsg_rule(sourceAddressPrefix="Internet", protocol="*", destinationPortRange="5986")),
    ),
    ("admin-ports-not-open-to-internet", RULE, nsg_rule(sourceAddressPrefix="Internet") | {"securityRuleName": "ssh"}),
    ("admin-ports-not-open-to-internet", RULE, nsg_rule(sourceAddressPrefix="*", destinationPortRange=3389.0)),
    ("load-balancer-standard-sku", LB, load_balancer([], sku="Basic")),
    ("load-balancer-standard-sku", LB, load_balancer([], sku=None)),
    ("public-ip-standard-sku", PIP, {"sku": {"name": "Basic"}}),
    ("public-ip-standard-sku", PIP, {"publicIPAllocationMethod": "Dynamic"}),
    ("load-balancing-rule-has-probe", LB, load_balancer([lb_rule(None)])),
    ("load-balancing-rule-has-probe", LB, load_balancer([lb_rule({"id": f"{LB_ID}/probes/missing"})])),
    ("storage-https-only", ACCOUNT, account(enableHttpsTrafficOnly=False)),
    ("storage-https-only", ACCOUNT, account(enableHttpsTrafficOnly=None)),
    ("storage-minimum-tls-1-2", ACCOUNT, account(minimumTlsVersion="TLS1_0")),
    ("storage-minimum-tls-1-2", ACCOUNT, account(minimumTlsVersion=None)),
    ("storage-no-public-blob-access", ACCOUNT, account(allowBlobPublicAccess=True)),
    ("storage-no-public-blob-access", ACCOUNT, account(allowBlobPublicAccess=None)),
    ("storage-no-public-blob-access", CONTAINER, {"containerName": "web", "publicAccess": "Blob"}),
    ("vm-boot-diagnostics-enabled", VM, linux_vm(diagnosticsProfile={"bootDiagnostics": {"enabled": False}})),
    ("vm-boot-diagnostics-enabled", VM, linux_vm_with("diagnosticsProfile", None)),
    (
        "linux-password-login-disabled",
        VM,
        linux_vm_with("osProfile.linuxConfiguration.disablePasswordAuthentication", False),
    ),
    (
        "linux-password-login-disabled",
        VM,
        linux_vm_with("osProfile.linuxConfiguration.disablePasswordAuthentication", None),
    ),
    ("linux-ssh-key-present", VM, PASSWORD_ONLY_LINUX_VM),
    ("no-unmanaged-disks", VM, linux_vm_with("storageProfile.osDisk", {"vhd": {"uri": "https://a.blob/vhds/os.vhd"}})),
    (
        "no-unmanaged-disks",
        VM,
        linux_vm_with("storageProfile.dataDisks", [{"lun": 0, "vhd": {"uri": "https://a.blob/vhds/data.vhd"}}]),
    ),
]


def case_id(case: tuple[str, str, dict[str, Any]]) -> str:
    return f"{case[0]}-{case[1].rsplit(':', 1)[-1]}"


@pytest.mark.parametrize("case", PASSING, ids=[case_id(c) for c in PASSING])
def test_policy_passes_a_conforming_resource(case: tuple[str, str, dict[str, Any]]) -> None:
    assert resource_violations(*case) == []


@pytest.mark.parametrize("case", VIOLATING, ids=[case_id(c) for c in VIOLATING])
def test_policy_reports_a_violating_resource(case: tuple[str, str, dict[str, Any]]) -> None:
    assert len(resource_violations(*case)) == 1


def test_every_resource_policy_has_a_passing_and_a_violating_case() -> None:
    resource_policies = {p.name for p in POLICIES if isinstance(p, ResourceValidationPolicy)}
    assert {c[0] for c in PASSING} == {c[0] for c in VIOLATING} == resource_policies


def test_admin_port_message_names_the_rule_and_ports() -> None:
    [message] = resource_violations(
        "admin-ports-not-open-to-internet", NSG, nsg(nsg_rule(sourceAddressPrefix="*", destinationPortRange="*"))
    )
    assert "'allow-admin-1'" in message and "22, 3389, 5985, 5986" in message


def test_unmanaged_disk_advice_names_the_retirement() -> None:
    [message] = resource_violations(
        "no-unmanaged-disks", VM, linux_vm_with("storageProfile.osDisk", {"vhd": {"uri": "https://a/v.vhd"}})
    )
    assert "2026-03-31" in message and "unmanaged-disks-deprecation" in message


def test_policies_recognise_tokens_that_pin_an_api_version() -> None:
    token = "azure-native:compute/v20240301:VirtualMachine"
    assert resource_violations("vm-boot-diagnostics-enabled", token, linux_vm_with("diagnosticsProfile", None))


def test_policies_ignore_other_providers() -> None:
    assert resource_violations("public-ip-standard-sku", "azure:network/publicIp:PublicIp", {"sku": "Basic"}) == []


@pytest.mark.parametrize(
    ("resource_type", "props"),
    [
        # Azure Bastion and a NAT gateway hold their own Standard public IPs: only VM NICs may not.
        (
            "azure-native:network:BastionHost",
            {"ipConfigurations": [{"name": "ip", "publicIPAddress": {"id": "pip"}, "subnet": {"id": "bastion"}}]},
        ),
        ("azure-native:network:NatGateway", {"sku": {"name": "Standard"}, "publicIpAddresses": [{"id": "pip"}]}),
    ],
)
def test_bastion_and_nat_gateway_public_ips_are_allowed(resource_type: str, props: dict[str, Any]) -> None:
    resource_policies = [p.name for p in POLICIES if isinstance(p, ResourceValidationPolicy)]
    assert [m for name in resource_policies for m in resource_violations(name, resource_type, props)] == []


ENFORCEMENT = {
    "vm-in-availability-set-or-zone": EnforcementLevel.MANDATORY,
    "availability-set-has-two-vms": EnforcementLevel.MANDATORY,
    "availability-set-fault-domains": EnforcementLevel.MANDATORY,
    "no-public-ip-on-vm-nic": EnforcementLevel.MANDATORY,
    "admin-ports-not-open-to-internet": EnforcementLevel.MANDATORY,
    "load-balancer-standard-sku": EnforcementLevel.MANDATORY,
    "public-ip-standard-sku": EnforcementLevel.MANDATORY,
    "load-balancing-rule-has-probe": EnforcementLevel.MANDATORY,
    "storage-https-only": EnforcementLevel.MANDATORY,
    "storage-minimum-tls-1-2": EnforcementLevel.MANDATORY,
    "storage-no-public-blob-access": EnforcementLevel.MANDATORY,
    "vm-boot-diagnostics-enabled": EnforcementLevel.MANDATORY,
    "linux-password-login-disabled": EnforcementLevel.MANDATORY,
    "linux-ssh-key-present": EnforcementLevel.ADVISORY,
    "no-unmanaged-disks": EnforcementLevel.ADVISORY,
}


def test_the_pack_has_exactly_the_documented_policies_and_levels() -> None:
    assert {p.name: p.enforcement_level for p in POLICIES} == ENFORCEMENT


def test_the_pack_name_is_valid_for_pulumi() -> None:
    assert PACK_NAME == "azure-multi-vm-guardrails"


# --- the stack policy: availability sets hold two VMs or more ---------------------------------------


def policy_resource(urn_name: str, resource_type: str, props: dict[str, Any]) -> PolicyResource:
    return PolicyResource(
        resource_type=resource_type,
        props=unknown_checking_proxy(props),
        urn=f"urn:pulumi:test::p::{resource_type}::{urn_name}",
        name=urn_name,
        opts=resource_options(),
        provider=None,
        parent=None,
        dependencies=[],
        property_dependencies={},
    )


def stack_violations(resources: list[PolicyResource]) -> list[tuple[str | None, str]]:
    policy = policy_named("availability-set-has-two-vms")
    assert isinstance(policy, StackValidationPolicy)
    found: list[tuple[str | None, str]] = []

    def report(message: str, urn: str | None = None) -> None:
        found.append((urn, message))

    policy.validate(StackValidationArgs(resources), report)
    return found


def vms_in(
    avset: PolicyResource, count: int, *, by_dependency: bool, vm_set_id: str = AVSET_ID
) -> list[PolicyResource]:
    vms = []
    for i in range(count):
        reference = {"id": UNKNOWN_STRING_VALUE if by_dependency else vm_set_id}
        vm = policy_resource(f"vm-{i}", VM, linux_vm(availabilitySet=reference))
        if by_dependency:
            vm.property_dependencies = {"availabilitySet": [avset]}
        vms.append(vm)
    return vms


AVSET_OUTPUTS = {"name": "web-avset", "resourceGroupName": "rg", "platformFaultDomainCount": 2}


@pytest.mark.parametrize("by_dependency", [True, False], ids=["preview-by-dependency", "deployed-by-id"])
def test_availability_set_with_two_vms_passes(by_dependency: bool) -> None:
    avset = policy_resource("web-avset", AVSET, AVSET_OUTPUTS)
    assert stack_violations([avset, *vms_in(avset, 2, by_dependency=by_dependency)]) == []


@pytest.mark.parametrize("by_dependency", [True, False], ids=["preview-by-dependency", "deployed-by-id"])
def test_availability_set_with_one_vm_is_reported_on_the_set(by_dependency: bool) -> None:
    avset = policy_resource("web-avset", AVSET, AVSET_OUTPUTS)
    assert [urn for urn, _ in stack_violations([avset, *vms_in(avset, 1, by_dependency=by_dependency)])] == [avset.urn]


def test_availability_set_ids_match_whatever_their_case() -> None:
    avset = policy_resource("web-avset", AVSET, AVSET_OUTPUTS)
    vms = vms_in(avset, 2, by_dependency=False, vm_set_id=AVSET_ID.upper().replace("/SUBSCRIPTIONS", "/subscriptions"))
    assert stack_violations([avset, *vms]) == []


def test_empty_availability_set_is_reported() -> None:
    assert len(stack_violations([policy_resource("web-avset", AVSET, AVSET_OUTPUTS)])) == 1


def test_vms_in_zones_need_no_availability_set() -> None:
    vms = [policy_resource(f"vm-{i}", VM, linux_vm_with("availabilitySet", None) | {"zones": [str(i)]}) for i in (1, 2)]
    assert stack_violations(vms) == []


# --- the whole pack over stacks as the mocks register them ------------------------------------------


@pytest.fixture(scope="module")
def dev_report(dev_stack: Deployment) -> PolicyReport:
    return check_policies(dev_stack)


def test_pack_passes_on_the_dev_stack(dev_report: PolicyReport) -> None:
    assert dev_report.violations == []


def test_pack_decides_every_policy_on_the_dev_stack(dev_report: PolicyReport) -> None:
    assert dev_report.undecided == []


def test_pack_saw_the_dev_stack_resources_with_their_urns(dev_stack: Deployment) -> None:
    assert all(r.urn.endswith(f"{r.type}::{r.name}") for r in dev_stack.registered)


def test_pack_passes_on_the_dev_stack_preview(dev_stack_preview: Deployment) -> None:
    report = check_policies(dev_stack_preview)
    assert (report.violations, report.undecided) == ([], [])


def test_pack_passes_on_every_option_set(maximal: Deployment) -> None:
    assert check_policies(maximal).violations == []


def test_pack_passes_on_windows(windows: Deployment) -> None:
    assert check_policies(windows).violations == []


def test_2016_vhd_layout_gets_only_the_unmanaged_disk_advice(vhd: Deployment) -> None:
    report = check_policies(vhd)
    assert {(v.policy, v.level) for v in report.violations} == {("no-unmanaged-disks", "advisory")}


def test_linux_password_stack_gets_only_the_ssh_key_advice(linux_password_stack: Deployment) -> None:
    report = check_policies(linux_password_stack)
    assert {(v.policy, v.level) for v in report.violations} == {("linux-ssh-key-present", "advisory")}


def legacy_2016_program() -> dict[str, Any]:
    """The 2016 article built naively with today's SDK: what the pack exists to stop."""
    group = resources.ResourceGroup("rg", location="westeurope")
    rg = group.name
    pip = network.PublicIPAddress(
        "pip",
        network.PublicIPAddressInitArgs(
            resource_group_name=rg,
            sku=network.PublicIPAddressSkuArgs(name="Basic"),
            public_ip_allocation_method="Dynamic",
        ),
    )
    network.NetworkSecurityGroup(
        "nsg",
        network.NetworkSecurityGroupInitArgs(
            resource_group_name=rg,
            security_rules=[
                network.SecurityRuleArgs(
                    name="rdp",
                    priority=1000,
                    direction="Inbound",
                    access="Allow",
                    protocol="Tcp",
                    source_address_prefix="*",
                    source_port_range="*",
                    destination_address_prefix="*",
                    destination_port_range="3389",
                )
            ],
        ),
    )
    network.LoadBalancer(
        "lb",
        network.LoadBalancerArgs(
            resource_group_name=rg,
            sku=network.LoadBalancerSkuArgs(name="Basic"),
            frontend_ip_configurations=[
                network.FrontendIPConfigurationArgs(name="fe", public_ip_address=network.PublicIPAddressArgs(id=pip.id))
            ],
            load_balancing_rules=[
                network.LoadBalancingRuleArgs(name="http", protocol="Tcp", frontend_port=80, backend_port=80)
            ],
        ),
    )
    avset = compute.AvailabilitySet(
        "avset", compute.AvailabilitySetArgs(resource_group_name=rg, platform_fault_domain_count=1)
    )
    storage.StorageAccount(
        "vhds",
        storage.StorageAccountArgs(
            resource_group_name=rg,
            sku=storage.SkuArgs(name="Standard_LRS"),
            kind="StorageV2",
            enable_https_traffic_only=False,
            minimum_tls_version="TLS1_0",
            allow_blob_public_access=True,
        ),
    )
    nic_pip = network.PublicIPAddress(
        "vm-pip",
        network.PublicIPAddressInitArgs(
            resource_group_name=rg,
            sku=network.PublicIPAddressSkuArgs(name="Standard"),
            public_ip_allocation_method="Static",
        ),
    )
    nic = network.NetworkInterface(
        "nic",
        network.NetworkInterfaceArgs(
            resource_group_name=rg,
            ip_configurations=[
                network.NetworkInterfaceIPConfigurationArgs(
                    name="ipconfig1",
                    subnet=network.SubnetArgs(id="subnet-id"),
                    public_ip_address=network.PublicIPAddressArgs(id=nic_pip.id),
                )
            ],
        ),
    )
    for name, in_set in (("vm-1", True), ("vm-2", False)):
        compute.VirtualMachine(
            name,
            compute.VirtualMachineArgs(
                resource_group_name=rg,
                availability_set=compute.SubResourceArgs(id=avset.id) if in_set else None,
                network_profile=compute.NetworkProfileArgs(
                    network_interfaces=[compute.NetworkInterfaceReferenceArgs(id=nic.id)]
                ),
                os_profile=compute.OSProfileArgs(
                    computer_name=name,
                    admin_username="azureuser",
                    admin_password=pulumi.Output.secret(STRONG_PASSWORD),
                    linux_configuration=compute.LinuxConfigurationArgs(
                        disable_password_authentication=False,
                        ssh=compute.SshConfigurationArgs(
                            public_keys=[compute.SshPublicKeyArgs(path="/home/azureuser/.ssh/k", key_data=ED25519)]
                        ),
                    ),
                ),
                storage_profile=compute.StorageProfileArgs(
                    os_disk=compute.OSDiskArgs(
                        name=f"{name}-os",
                        create_option="FromImage",
                        vhd=compute.VirtualHardDiskArgs(uri=f"https://vhds.blob.core.windows.net/vhds/{name}.vhd"),
                    )
                ),
            ),
        )
    return {}


@pytest.fixture(scope="module")
def legacy_report() -> PolicyReport:
    # A preview: the policies run before Azure is asked, as `pulumi preview --policy-pack` does.
    return check_policies(evaluate(legacy_2016_program, preview=True))


def test_pack_blocks_the_naive_2016_stack_on_every_mandatory_rule(legacy_report: PolicyReport) -> None:
    mandatory = {name for name, level in ENFORCEMENT.items() if level is EnforcementLevel.MANDATORY}
    assert {v.policy for v in legacy_report.mandatory} == mandatory


def test_pack_advises_on_the_naive_2016_stack_unmanaged_disks(legacy_report: PolicyReport) -> None:
    assert {v.policy for v in legacy_report.advisory} == {"no-unmanaged-disks"}


def test_pack_reports_the_lonely_availability_set_on_its_urn(legacy_report: PolicyReport) -> None:
    [violation] = [v for v in legacy_report.violations if v.policy == "availability-set-has-two-vms"]
    assert violation.urn.endswith("azure-native:compute:AvailabilitySet::avset")


def test_pack_blocks_a_stack_whose_nsg_opens_ssh_to_the_internet() -> None:
    # The component refuses `*` itself; a hand-made rule in the same stack is caught by the pack.
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        network.SecurityRule(
            "open-ssh",
            network.SecurityRuleInitArgs(
                resource_group_name=group.name,
                network_security_group_name="web-nsg",
                security_rule_name="open-ssh",
                priority=100,
                direction="Inbound",
                access="Allow",
                protocol="Tcp",
                source_address_prefix="Internet",
                source_port_range="*",
                destination_address_prefix="*",
                destination_port_ranges=["22", "443"],
            ),
        )
        return {}

    report = check_policies(evaluate(program, preview=True))
    assert [v.policy for v in report.mandatory] == ["admin-ports-not-open-to-internet"]


def test_policy_reading_a_value_unknown_in_preview_is_undecided_not_passed() -> None:
    # The admin source comes from another resource: unknown until deployment, as in the CLI.
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        pip = network.PublicIPAddress(
            "jump",
            network.PublicIPAddressInitArgs(
                resource_group_name=group.name,
                sku=network.PublicIPAddressSkuArgs(name="Standard"),
                public_ip_allocation_method="Static",
            ),
        )
        network.NetworkSecurityGroup(
            "nsg",
            network.NetworkSecurityGroupInitArgs(
                resource_group_name=group.name,
                security_rules=[
                    network.SecurityRuleArgs(
                        name="ssh-from-jump",
                        priority=1000,
                        direction="Inbound",
                        access="Allow",
                        protocol="Tcp",
                        source_address_prefix=pip.ip_address.apply(lambda ip: f"{ip}/32"),
                        source_port_range="*",
                        destination_address_prefix="*",
                        destination_port_range="22",
                    )
                ],
            ),
        )
        return {}

    report = check_policies(evaluate(program, preview=True))
    assert ([v.policy for v in report.undecided], report.violations) == (["admin-ports-not-open-to-internet"], [])


# --- admin ports published by inbound NAT rules -------------------------------------------------------


def test_a_standalone_nat_rule_publishing_ssh_on_port_22_is_a_violation() -> None:
    from policy.guardrails.network import nat_rule_admin_port_violations

    assert nat_rule_admin_port_violations({"inboundNatRuleName": "vm-1-ssh", "frontendPort": 22, "backendPort": 22})


def test_a_standalone_nat_rule_on_a_high_port_is_allowed() -> None:
    from policy.guardrails.network import nat_rule_admin_port_violations

    assert nat_rule_admin_port_violations({"frontendPort": 50001, "backendPort": 22}) == []


def test_an_inline_nat_rule_publishing_rdp_on_port_3389_is_a_violation() -> None:
    from policy.guardrails.network import load_balancer_nat_rule_admin_port_violations

    props = {"inboundNatRules": [{"name": "rdp", "frontendPort": 3389, "backendPort": 3389}]}
    assert load_balancer_nat_rule_admin_port_violations(props)
