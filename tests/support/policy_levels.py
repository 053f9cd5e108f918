"""The guardrail pack's policies and their enforcement levels, as docs/policy.md documents them."""

from __future__ import annotations

from pulumi_policy import EnforcementLevel

ENFORCEMENT = {
    "vm-in-availability-set-or-zone": EnforcementLevel.MANDATORY,
    "availability-set-has-two-vms": EnforcementLevel.MANDATORY,
    "nat-backend-ports-not-open-to-internet": EnforcementLevel.MANDATORY,
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
    "vm-trusted-launch": EnforcementLevel.ADVISORY,
    "scale-set-health-extension": EnforcementLevel.MANDATORY,
    "diagnostics-storage-allows-azure-services": EnforcementLevel.MANDATORY,
}
