"""The guardrail policy pack (policy/), rule by rule, run offline with Pulumi's policy SDK types.

Each policy gets a resource that passes and one that violates it, through the policy's own
`validate` with the `ResourceValidationArgs` / `StackValidationArgs` the CLI would build.
The whole pack over evaluated stacks: test_pack_over_scenarios.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_policy import (
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy import policy as policy_sdk
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from offline.policy_check import resource_options
from policy.guardrails import PACK_NAME, POLICIES

from ..support.arm import allow_ssh_rule
from ..support.keys import ED25519, STRONG_PASSWORD
from ..support.policy_levels import ENFORCEMENT

VM = "azure-native:compute:VirtualMachine"
SCALE_SET = "azure-native:compute:VirtualMachineScaleSet"
HEALTHY_SCALE_SET: dict[str, Any] = {
    "virtualMachineProfile": {
        "extensionProfile": {"extensions": [{"name": "health", "type": "ApplicationHealthLinux"}]}
    }
}
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


TRUSTED_LAUNCH = {"securityType": "TrustedLaunch", "uefiSettings": {"secureBootEnabled": True, "vTpmEnabled": True}}
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
    ("scale-set-health-extension", SCALE_SET, HEALTHY_SCALE_SET),
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
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule())),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="Internet", destinationPortRange="80")),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="*", access="Deny"))),
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="*", direction="Outbound"))),
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="*", protocol="Icmp"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="Internet", destinationPortRange="23-3388")),
    ),
    (
        "admin-ports-not-open-to-internet",
        RULE,
        allow_ssh_rule(sourceAddressPrefix="10.0.1.0/26", destinationPortRange="3389"),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="*", destinationPortRange="http")),
    ),
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
    ("vm-trusted-launch", VM, linux_vm(securityProfile=TRUSTED_LAUNCH)),
]

VIOLATING: list[tuple[str, str, dict[str, Any]]] = [
    ("scale-set-health-extension", SCALE_SET, {"virtualMachineProfile": {}}),
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
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="*"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="Internet", destinationPortRange="3389")),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="0.0.0.0/0", destinationPortRange="20-30")),
    ),
    ("admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="any", destinationPortRange="*"))),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="Any", destinationPortRange=None, destinationPortRanges=["80", "5985"])),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix=None, sourceAddressPrefixes=["10.0.0.0/8", "0.0.0.0/0"])),
    ),
    (
        "admin-ports-not-open-to-internet",
        NSG,
        nsg(allow_ssh_rule(sourceAddressPrefix="Internet", protocol="*", destinationPortRange="5986")),
    ),
    (
        "admin-ports-not-open-to-internet",
        RULE,
        allow_ssh_rule(sourceAddressPrefix="Internet") | {"securityRuleName": "ssh"},
    ),
    ("admin-ports-not-open-to-internet", RULE, allow_ssh_rule(sourceAddressPrefix="*", destinationPortRange=3389.0)),
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
    ("vm-trusted-launch", VM, linux_vm()),
    (
        "vm-trusted-launch",
        VM,
        linux_vm(securityProfile={**TRUSTED_LAUNCH, "uefiSettings": {"secureBootEnabled": False}}),
    ),
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
        "admin-ports-not-open-to-internet", NSG, nsg(allow_ssh_rule(sourceAddressPrefix="*", destinationPortRange="*"))
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


def test_the_pack_has_exactly_the_documented_policies_and_levels() -> None:
    assert {p.name: p.enforcement_level for p in POLICIES} == ENFORCEMENT


def test_the_pack_name_is_valid_for_pulumi() -> None:
    # The SDK's own rule, which `PolicyPack(...)` enforces when the pack starts
    # (pulumi_policy/policy.py: letters, digits, `-`, `_`, `.`; 1 to 100 characters).
    assert policy_sdk._POLICY_PACK_NAME_RE.match(PACK_NAME) is not None


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


def stack_violations(
    resources: list[PolicyResource], policy_name: str = "availability-set-has-two-vms"
) -> list[tuple[str | None, str]]:
    policy = policy_named(policy_name)
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


# --- the stack policy: ports that inbound NAT rules forward to stay closed to the internet ----------

NAT_PORTS = "nat-backend-ports-not-open-to-internet"
LB = "azure-native:network:LoadBalancer"
NAT_RULE = "azure-native:network:InboundNatRule"
NSG = "azure-native:network:NetworkSecurityGroup"
SECURITY_RULE = "azure-native:network:SecurityRule"


def nat_rule(backend_port: int) -> PolicyResource:
    return policy_resource("vm-1-ssh", NAT_RULE, {"frontendPort": 50001, "backendPort": backend_port})


def nsg_opening(port: str, source: str = "Internet") -> PolicyResource:
    return policy_resource("nsg", NSG, nsg(allow_ssh_rule(destinationPortRange=port, sourceAddressPrefix=source)))


def test_a_custom_admin_port_open_to_the_internet_is_reported_on_the_nsg() -> None:
    found = stack_violations([nat_rule(2222), nsg_opening("2222")], NAT_PORTS)
    assert [(urn.rsplit("::", 1)[-1] if urn else None, "2222" in message) for urn, message in found] == [("nsg", True)]


def test_a_custom_admin_port_open_to_your_address_only_passes() -> None:
    assert stack_violations([nat_rule(2222), nsg_opening("2222", "203.0.113.7/32")], NAT_PORTS) == []


def test_inline_nat_rules_of_a_load_balancer_count_too() -> None:
    lb = policy_resource("lb", LB, {"inboundNatRules": [{"name": "ssh", "frontendPort": 50001, "backendPort": 2222}]})
    assert len(stack_violations([lb, nsg_opening("2000-3000")], NAT_PORTS)) == 1


def test_a_standalone_security_rule_opening_a_nat_backend_port_is_reported() -> None:
    rule = policy_resource(
        "rule",
        SECURITY_RULE,
        allow_ssh_rule(destinationPortRange="2222", sourceAddressPrefix="*", securityRuleName="ssh"),
    )
    assert len(stack_violations([nat_rule(2222), rule], NAT_PORTS)) == 1


def test_well_known_admin_ports_are_left_to_the_resource_policy() -> None:
    # 22 open to the internet is admin-ports-not-open-to-internet's violation: reported once, not twice.
    assert stack_violations([nat_rule(22), nsg_opening("22")], NAT_PORTS) == []


def test_app_ports_that_no_nat_rule_forwards_to_may_be_open() -> None:
    assert stack_violations([nat_rule(2222), nsg_opening("80")], NAT_PORTS) == []


def test_a_nat_rule_on_port_22_publishing_22_is_not_itself_a_violation() -> None:
    # What exposes a port is the NSG, not the frontend number a NAT rule uses.
    props = {"inboundNatRuleName": "ssh", "frontendPort": 22, "backendPort": 22}
    assert resource_violations("admin-ports-not-open-to-internet", NAT_RULE, props) == []


# --- the stack policy: diagnostics targets let Azure's trusted services through their firewall ---------

DIAGNOSTIC_SETTING = "azure-native:monitor:DiagnosticSetting"
DIAG_ACCOUNT_ID = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/webdiag"
DIAGNOSTICS = "diagnostics-storage-allows-azure-services"


def diag_account(**network_rule_set: Any) -> PolicyResource:
    return policy_resource("webdiag", ACCOUNT, {"accountName": "webdiag", "networkRuleSet": network_rule_set})


def diagnostic_setting(account: PolicyResource, *, by_dependency: bool) -> PolicyResource:
    setting = policy_resource(
        "lb-diag",
        DIAGNOSTIC_SETTING,
        {"resourceUri": LB_ID, "storageAccountId": UNKNOWN_STRING_VALUE if by_dependency else DIAG_ACCOUNT_ID},
    )
    if by_dependency:
        setting.property_dependencies = {"storageAccountId": [account]}
    return setting


@pytest.mark.parametrize("by_dependency", [True, False], ids=["preview-by-dependency", "deployed-by-id"])
def test_a_diagnostic_setting_into_a_firewall_without_the_trusted_services_bypass_is_reported(
    by_dependency: bool,
) -> None:
    account = diag_account(defaultAction="Deny", bypass="None")
    setting = diagnostic_setting(account, by_dependency=by_dependency)
    assert [urn for urn, _ in stack_violations([account, setting], DIAGNOSTICS)] == [setting.urn]


@pytest.mark.parametrize("bypass", ["AzureServices", "Logging, Metrics, AzureServices"])
def test_a_diagnostic_setting_into_a_firewall_that_admits_trusted_services_passes(bypass: str) -> None:
    account = diag_account(defaultAction="Deny", bypass=bypass)
    assert stack_violations([account, diagnostic_setting(account, by_dependency=True)], DIAGNOSTICS) == []


def test_a_diagnostic_setting_into_an_account_open_to_every_network_passes() -> None:
    account = diag_account(defaultAction="Allow", bypass="None")
    assert stack_violations([account, diagnostic_setting(account, by_dependency=False)], DIAGNOSTICS) == []


def test_boot_diagnostics_into_a_firewall_without_the_trusted_services_bypass_are_reported() -> None:
    account = diag_account(defaultAction="Deny", bypass="Logging")
    boot = {"bootDiagnostics": {"enabled": True, "storageUri": "https://webdiag.blob.core.windows.net/"}}
    vm = policy_resource("vm-0", VM, linux_vm(diagnosticsProfile=boot))
    assert [urn for urn, _ in stack_violations([account, vm], DIAGNOSTICS)] == [vm.urn]
