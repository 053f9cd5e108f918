"""The VMs' orchestration: the availability set (or zones), the VMs' inbound NAT rules, and
each VM with its NIC, extensions and readiness gate (and with `disk_storage="vhd"` its own
storage account), built in batches of `max_unavailable` (decisions/rollout.py): the first VM of
batch k+1 waits for the barrier standing for the readiness gates of batch k.

Each NIC joins the load balancer's pool and its NAT rule, which Azure applies to the load
balancer too: more than 10 NICs joining NAT rules of one load balancer at once failed with 429
"A retryable error occurred" (Azure/azure-powershell#4889; 9 at once always worked), and
pulumi-azure-native retries a 429 only three times (provider/pkg/azure/client_azcore.go,
`initPipelineOpts`: azcore's default MaxRetries). So at most `NIC_WRITES_AT_ONCE` NICs are
written at a time: NIC i waits for NIC i - NIC_WRITES_AT_ONCE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi_azure_native import compute

from ...decisions.naming import ResourceNames, vhd_storage_purpose
from ...decisions.ports import nat_frontend_port
from ...decisions.rollout import batch_of, gated_by
from ...resources.load_balancer import LoadBalancerResources
from ...resources.network import NetworkResources
from ...resources.scope import ResourceScope, once_created
from ...resources.storage import StorageAccountNames, StorageResources, build_storage_account, build_vhd_container
from ...spec import DiskStorage, VmPlacement, VmSetSpec
from ..machine import encoded_custom_data, secret_credentials
from .extensions import build_batch_barrier
from .nat_rules import InboundNatRules, build_inbound_nat_rules
from .vm import NicAttachments, VhdStorage, VmResources, build_availability_set, build_vm

NIC_WRITES_AT_ONCE = 8
"""Below the 10 concurrent NIC-to-NAT-rule writes that Azure answered with 429 (module docstring)."""


@dataclass(frozen=True)
class VmsResources:
    availability_set: compute.AvailabilitySet | None
    """None with placement `zones`."""
    inbound_nat_rules: InboundNatRules
    vms: tuple[VmResources, ...]
    vm_names: pulumi.Output[list[str]]
    vm_ids: pulumi.Output[list[str]]
    private_ip_addresses: pulumi.Output[list[str]]
    nat_endpoints: pulumi.Output[dict[str, str]]
    """VM name -> "frontend-ip:port"; empty with Azure Bastion."""
    availability_set_id: pulumi.Output[str | None]
    vhd_storage_account_names: pulumi.Output[list[str]]


def build_vms(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    network: NetworkResources,
    load_balancer: LoadBalancerResources,
    diagnostics: StorageResources,
    account_names: StorageAccountNames,
    load_balancer_writes_done: pulumi.Resource,
) -> VmsResources:
    """`load_balancer_writes_done`: the last write under the load balancer so far (its diagnostic
    setting), which the standalone NAT rules wait for."""
    nat_rules = build_inbound_nat_rules(spec, names, scope, load_balancer, load_balancer_writes_done)
    availability_set = (
        build_availability_set(spec, names, scope) if spec.placement.mode is VmPlacement.AVAILABILITY_SET else None
    )
    attachments = NicAttachments(
        subnet_id=network.subnet_id,
        network_security_group_id=network.nic_network_security_group_id,
        backend_pool_id=load_balancer.backend_pool_id,
        load_balancer=load_balancer.load_balancer,
    )
    credentials = secret_credentials(spec.credentials)
    custom_data = encoded_custom_data(spec.compute.custom_data)
    max_unavailable = spec.rollout.max_unavailable

    vms: list[VmResources] = []
    barriers: list[pulumi.Resource] = []
    vhd_account_names: list[pulumi.Output[str]] = []
    for i in range(spec.compute.vm_count):
        vhd = None
        if spec.compute.disk_storage is DiskStorage.VHD:
            vhd_name = account_names(vhd_storage_purpose(i))
            vhd_account = build_storage_account(f"{names.vm(i)}-vhd", vhd_name, scope)
            vhd = VhdStorage(vhd_account, build_vhd_container(f"{names.vm(i)}-vhds", vhd_account, scope))
            vhd_account_names.append(once_created(vhd_account, vhd_name))
        previous = gated_by(i, max_unavailable)
        if previous and i == previous.stop:  # the first VM of a batch: the batch before is done
            gates = [vm.readiness_gate for vm in vms[previous.start :]]
            barriers = [build_batch_barrier(names, scope, batch_of(i, max_unavailable) - 1, gates)]
        vms.append(
            build_vm(
                i,
                spec,
                names,
                scope,
                attachments=attachments,
                credentials=credentials,
                custom_data=custom_data,
                availability_set_id=availability_set.id if availability_set is not None else None,
                boot_diagnostics_uri=diagnostics.blob_endpoint,
                inbound_nat_rule_id=nat_rules.rule_ids[i] if spec.uses_nat_rules else None,
                vhd=vhd,
                previous_batch=barriers if previous else [],
                nic_after=vms[i - NIC_WRITES_AT_ONCE].nic if i >= NIC_WRITES_AT_ONCE else None,
            )
        )

    vm_names = [names.vm(i) for i in range(spec.compute.vm_count)]
    nat_vm_names = vm_names if spec.uses_nat_rules else []  # Bastion: no NAT endpoints
    nat_start = spec.load_balancing.nat_frontend_port_start
    return VmsResources(
        availability_set=availability_set,
        inbound_nat_rules=nat_rules,
        vms=tuple(vms),
        vm_names=pulumi.Output.from_input(vm_names),
        vm_ids=pulumi.Output.all(*[v.vm.id for v in vms]),
        private_ip_addresses=pulumi.Output.all(*[v.nic.ip_configurations.apply(_primary_private_ip) for v in vms]),
        nat_endpoints=load_balancer.frontend_ip_address.apply(
            lambda ip: {vm_name: f"{ip}:{nat_frontend_port(nat_start, i)}" for i, vm_name in enumerate(nat_vm_names)}
        ),
        availability_set_id=availability_set.id if availability_set is not None else pulumi.Output.from_input(None),
        vhd_storage_account_names=pulumi.Output.all(*vhd_account_names),
    )


def _primary_private_ip(ip_configurations: Any) -> str:
    for ip_configuration in ip_configurations or []:
        if ip_configuration.private_ip_address:
            return str(ip_configuration.private_ip_address)
    return ""
