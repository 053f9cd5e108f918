"""The policies of the pack: each rule's name, enforcement level, reason and check.

A resource policy runs its check on the resource kinds it lists and reports one
violation per message the check returns; the checks are the pure functions of
`compute`, `network` and `storage`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from . import compute, network, storage
from .resources import (
    AVAILABILITY_SET,
    BLOB_CONTAINER,
    LOAD_BALANCER,
    NETWORK_INTERFACE,
    NETWORK_SECURITY_GROUP,
    PUBLIC_IP_ADDRESS,
    SCALE_SET,
    SECURITY_RULE,
    STORAGE_ACCOUNT,
    VIRTUAL_MACHINE,
    kind_of,
)

PACK_NAME = "azure-multi-vm-guardrails"

Check = Callable[[Mapping[str, Any]], list[str]]
MANDATORY = EnforcementLevel.MANDATORY
ADVISORY = EnforcementLevel.ADVISORY


@dataclass(frozen=True)
class ResourceRule:
    name: str
    level: EnforcementLevel
    description: str
    """What the rule requires and why (shown by `pulumi preview` next to a violation)."""
    checks: Mapping[str, Check]
    """Resource kind (`module:Type`) -> check of that kind's properties."""

    def validate(self, args: ResourceValidationArgs, report_violation: ReportViolation) -> None:
        kind = kind_of(args.resource_type)
        check = self.checks.get(kind) if kind is not None else None
        if check is None:
            return
        for message in check(args.props):
            report_violation(message, None)

    def policy(self) -> ResourceValidationPolicy:
        return ResourceValidationPolicy(
            name=self.name, description=self.description, validate=self.validate, enforcement_level=self.level
        )


RESOURCE_RULES = (
    ResourceRule(
        "vm-in-availability-set-or-zone",
        MANDATORY,
        "Every VM is in an availability set or an availability zone: the availability SLA needs it.",
        {VIRTUAL_MACHINE: compute.vm_placement_violations},
    ),
    ResourceRule(
        "availability-set-fault-domains",
        MANDATORY,
        "Availability sets use at least 2 fault domains, so one rack failure cannot stop every VM.",
        {AVAILABILITY_SET: compute.fault_domain_violations},
    ),
    ResourceRule(
        "no-public-ip-on-vm-nic",
        MANDATORY,
        "No VM NIC has a public IP: VMs are reached only through the load balancer, its NAT rules and the NSG.",
        {
            NETWORK_INTERFACE: network.vm_nic_public_ip_violations,
            VIRTUAL_MACHINE: network.vm_inline_nic_public_ip_violations,
            SCALE_SET: network.scale_set_public_ip_violations,
        },
    ),
    ResourceRule(
        "admin-ports-not-open-to-internet",
        MANDATORY,
        "No NSG rule allows SSH (22), RDP (3389) or WinRM (5985/5986) from *, Internet, Any or 0.0.0.0/0.",
        {
            NETWORK_SECURITY_GROUP: network.nsg_admin_port_violations,
            SECURITY_RULE: network.security_rule_admin_port_violations,
        },
    ),
    ResourceRule(
        "load-balancer-standard-sku",
        MANDATORY,
        "Load balancers are Standard SKU: Basic was retired on 2025-09-30.",
        {LOAD_BALANCER: network.load_balancer_sku_violations},
    ),
    ResourceRule(
        "public-ip-standard-sku",
        MANDATORY,
        "Public IPs are Standard SKU: Basic was retired on 2025-09-30.",
        {PUBLIC_IP_ADDRESS: network.public_ip_sku_violations},
    ),
    ResourceRule(
        "load-balancing-rule-has-probe",
        MANDATORY,
        "Every load-balancing rule has a health probe, which takes failed VMs out of rotation.",
        {LOAD_BALANCER: network.load_balancing_rule_probe_violations},
    ),
    ResourceRule(
        "storage-https-only",
        MANDATORY,
        "Storage accounts accept HTTPS only (secure transfer required).",
        {STORAGE_ACCOUNT: storage.https_only_violations},
    ),
    ResourceRule(
        "storage-minimum-tls-1-2",
        MANDATORY,
        "Storage accounts refuse TLS older than 1.2.",
        {STORAGE_ACCOUNT: storage.minimum_tls_violations},
    ),
    ResourceRule(
        "storage-no-public-blob-access",
        MANDATORY,
        "No anonymous (public) blob access: accounts disallow it and no container asks for it.",
        {
            STORAGE_ACCOUNT: storage.account_public_blob_access_violations,
            BLOB_CONTAINER: storage.container_public_access_violations,
        },
    ),
    ResourceRule(
        "vm-boot-diagnostics-enabled",
        MANDATORY,
        "Every VM has boot diagnostics enabled, to see why a VM does not boot or answer.",
        {
            VIRTUAL_MACHINE: compute.boot_diagnostics_violations,
            SCALE_SET: compute.on_scale_set_model(compute.boot_diagnostics_violations),
        },
    ),
    ResourceRule(
        "linux-password-login-disabled",
        MANDATORY,
        "A Linux VM with an SSH key has password login disabled (passwords can be guessed through the NAT port).",
        {
            VIRTUAL_MACHINE: compute.linux_password_login_violations,
            SCALE_SET: compute.on_scale_set_model(compute.linux_password_login_violations),
        },
    ),
    ResourceRule(
        "linux-ssh-key-present",
        ADVISORY,
        "Linux VMs sign in with an SSH key; advisory: a VM without one must keep password login to be reachable.",
        {VIRTUAL_MACHINE: compute.linux_password_only_violations},
    ),
    ResourceRule(
        "vm-trusted-launch",
        ADVISORY,
        "VMs are Trusted Launch VMs with secure boot and vTPM, Microsoft's baseline for new VMs; advisory: "
        "generation-1-only sizes and images cannot take it.",
        {
            VIRTUAL_MACHINE: compute.trusted_launch_violations,
            SCALE_SET: compute.on_scale_set_model(compute.trusted_launch_violations),
        },
    ),
    ResourceRule(
        "scale-set-health-extension",
        MANDATORY,
        "Every scale set carries the Application Health extension: Flexible rolling upgrades need it, and "
        "automatic instance repairs need a health signal.",
        {SCALE_SET: compute.health_extension_violations},
    ),
    ResourceRule(
        "no-unmanaged-disks",
        ADVISORY,
        "VMs use managed disks; advisory: unmanaged (VHD) disks were retired on 2026-03-31 in public Azure "
        "but still work on Azure Stack Hub.",
        {VIRTUAL_MACHINE: compute.unmanaged_disk_violations},
    ),
)


def validate_availability_set_sizes(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    for urn, message in compute.availability_set_size_violations(args.resources):
        report_violation(message, urn)


AVAILABILITY_SET_SIZE = StackValidationPolicy(
    name="availability-set-has-two-vms",
    description="Every availability set holds at least 2 VMs of the stack: one VM alone has no availability SLA.",
    validate=validate_availability_set_sizes,
    enforcement_level=MANDATORY,
)


def validate_nat_backend_ports(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    resources = ((r.urn, kind_of(r.resource_type), r.props) for r in args.resources)
    for urn, message in network.nat_backend_port_violations(resources):
        report_violation(message, urn)


NAT_BACKEND_PORTS = StackValidationPolicy(
    name="nat-backend-ports-not-open-to-internet",
    description="No NSG rule opens a port that an inbound NAT rule forwards to (an admin port of any number, "
    "such as a custom SSH port) from *, Internet, Any or 0.0.0.0/0.",
    validate=validate_nat_backend_ports,
    enforcement_level=MANDATORY,
)


def validate_diagnostics_firewalls(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    for urn, message in storage.diagnostics_firewall_violations(args.resources):
        report_violation(message, urn)


DIAGNOSTICS_FIREWALL = StackValidationPolicy(
    name="diagnostics-storage-allows-azure-services",
    description="A storage account that receives a diagnostic setting's logs or VMs' boot diagnostics lets "
    "Azure's trusted services through its firewall (bypass AzureServices) when it denies other networks.",
    validate=validate_diagnostics_firewalls,
    enforcement_level=MANDATORY,
)

POLICIES: tuple[ResourceValidationPolicy | StackValidationPolicy, ...] = (
    *(rule.policy() for rule in RESOURCE_RULES),
    AVAILABILITY_SET_SIZE,
    NAT_BACKEND_PORTS,
    DIAGNOSTICS_FIREWALL,
)
