"""Azure resource names, all derived from the component name.

Names are explicit (not Pulumi auto-names) so that the load balancer's rules can
name each other by full ARM ID before the load balancer exists, so the portal reads
like the architecture, and so that a VM keeps its name however the set is scaled.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..spec import LbRule, OsType

MAX_STORAGE_ACCOUNT_NAME = 24  # 3-24 lowercase letters and digits, globally unique
MAX_WINDOWS_COMPUTER_NAME = 15  # NetBIOS limit
MAX_ACTION_GROUP_SHORT_NAME = 12
STORAGE_PREFIX_LENGTH = 8
STORAGE_HASH_LENGTH = 10


@dataclass(frozen=True)
class ResourceNames:
    """Names of the resources and load-balancer children of the set called `base`."""

    base: str

    @property
    def virtual_network(self) -> str:
        return f"{self.base}-vnet"

    @property
    def subnet(self) -> str:
        return f"{self.base}-snet"

    @property
    def network_security_group(self) -> str:
        return f"{self.base}-nsg"

    @property
    def public_ip(self) -> str:
        return f"{self.base}-pip"

    @property
    def nat_gateway(self) -> str:
        return f"{self.base}-natgw"

    @property
    def nat_gateway_public_ip(self) -> str:
        return f"{self.base}-natgw-pip"

    @property
    def load_balancer(self) -> str:
        return f"{self.base}-lb"

    @property
    def availability_set(self) -> str:
        return f"{self.base}-avset"

    @property
    def scale_set(self) -> str:
        return f"{self.base}-vmss"

    def scale_set_nat_rule(self, os_type: OsType) -> str:
        """The scale set's one inbound NAT rule (V2, over the backend pool)."""
        return f"{self.scale_set}-{'ssh' if os_type is OsType.LINUX else 'rdp'}"

    @property
    def autoscale_setting(self) -> str:
        return f"{self.scale_set}-autoscale"

    # Within the scale set's model.
    scale_set_nic = "nic"
    scale_set_ip_configuration = "ipconfig1"

    @property
    def bastion_host(self) -> str:
        return f"{self.base}-bastion"

    @property
    def bastion_public_ip(self) -> str:
        return f"{self.base}-bastion-pip"

    @property
    def diagnostic_setting(self) -> str:
        return f"{self.base}-lb-diagnostics"

    @property
    def action_group(self) -> str:
        return f"{self.base}-alerts"

    @property
    def action_group_short_name(self) -> str:
        """Azure allows at most 12 characters; it names the sender of alert e-mails and SMS."""
        return self.base[:MAX_ACTION_GROUP_SHORT_NAME].rstrip("-")

    def metric_alert(self, signal: str) -> str:
        return f"{self.base}-lb-{signal}"

    # Children of the load balancer (names within it).
    frontend_ip_configuration = "frontend"
    backend_address_pool = "backend-pool"
    probe = "health-probe"
    outbound_rule = "outbound"

    @staticmethod
    def lb_rule(rule: LbRule) -> str:
        return f"{rule.protocol.lower()}-{rule.frontend_port}"

    def inbound_nat_rule(self, vm_index: int, os_type: OsType) -> str:
        return f"{self.vm(vm_index)}-{'ssh' if os_type is OsType.LINUX else 'rdp'}"

    # Per VM; vm_index is 0-based, names are 1-based like the article's VM1, VM2, ...
    def vm(self, vm_index: int) -> str:
        return f"{self.base}-vm-{vm_index + 1}"

    def batch_ready(self, batch: int) -> str:
        """The barrier that stands for every readiness gate of batch `batch` (0-based)."""
        return f"{self.base}-batch-{batch + 1}-ready"

    def nic(self, vm_index: int) -> str:
        return f"{self.vm(vm_index)}-nic"

    def os_disk(self, vm_index: int) -> str:
        return f"{self.vm(vm_index)}-osdisk"

    def computer_name(self, vm_index: int, os_type: OsType) -> str:
        """Host name inside the VM: the VM name, cut to Windows' 15 characters where needed."""
        if os_type is OsType.LINUX:
            return self.vm(vm_index)
        suffix = f"-{vm_index + 1}"
        prefix = self.base[: MAX_WINDOWS_COMPUTER_NAME - len(suffix)].rstrip("-")
        return f"{prefix}{suffix}"


def storage_account_name(component: str, purpose: str, seed: Iterable[str]) -> str:
    """A valid, stable, globally-unlikely storage account name.

    Azure wants 3-24 lowercase letters and digits, unique across Azure; Pulumi's
    auto-names can break both rules (pulumi-azure-native #4294, #3665). The name is a
    readable prefix, a hash of `seed` (subscription, resource group, project, stack,
    component) and the purpose (`diag`, or `vhd<n>`), so it never changes between runs.
    """
    prefix = re.sub(r"[^a-z0-9]", "", component.lower())[:STORAGE_PREFIX_LENGTH]
    digest = hashlib.sha256("/".join(str(part) for part in seed).encode()).hexdigest()[:STORAGE_HASH_LENGTH]
    name = f"{prefix}{digest}{purpose}"
    if not re.fullmatch(rf"[a-z0-9]{{3,{MAX_STORAGE_ACCOUNT_NAME}}}", name):
        raise ValueError(f"derived storage account name {name!r} is not valid")  # unreachable by construction
    return name


def vhd_storage_purpose(vm_index: int) -> str:
    return f"vhd{vm_index + 1}"


DIAGNOSTICS_STORAGE_PURPOSE = "diag"
