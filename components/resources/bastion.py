"""The Azure Bastion host, and the `AzureBastionSubnet` it lives in (see decisions/bastion.py).

SKU Standard: the Azure CLI's native-client tunnelling (`az network bastion ssh`,
`enableTunneling`) needs Standard or Premium; Developer has no public IP and only the
portal, one session at a time, in few regions; Basic has no native client.
learn.microsoft.com/azure/bastion/configuration-settings#skus
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from ..decisions.bastion import BASTION_SUBNET_NAME
from ..decisions.naming import ResourceNames
from ..spec import VmSetSpec
from .public_ip import standard_public_ip
from .scope import ResourceScope, once_created

BASTION_SKU = "Standard"


def bastion_subnets(spec: VmSetSpec) -> list[network.SubnetArgs]:
    """The `AzureBastionSubnet` to create inline in the component's VNet, if any.

    Private like the VM subnet: new VNets are private by default (API 2025-07-01), and
    Bastion's own Standard public IP serves its traffic. No NSG (see decisions/bastion.py).
    """
    if spec.admin_access.bastion is None or spec.admin_access.bastion.given:
        return []
    return [
        network.SubnetArgs(
            name=BASTION_SUBNET_NAME,
            address_prefix=spec.admin_access.bastion.address_prefix,
            default_outbound_access=False,
        )
    ]


@dataclass(frozen=True)
class BastionResources:
    host: network.BastionHost
    public_ip: network.PublicIPAddress
    name: pulumi.Output[str]
    """The host's name, once it exists."""


def build_bastion(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    created_subnet_id: pulumi.Input[str] | None,
) -> BastionResources | None:
    """With admin_access `bastion`, the Bastion host with its Standard, Static public IP, in the
    caller's `AzureBastionSubnet` or the one the network builder created (`created_subnet_id`);
    else None."""
    if spec.admin_access.bastion is None:
        return None
    given_subnet_id = spec.admin_access.bastion.subnet_id
    subnet_id = given_subnet_id if given_subnet_id is not None else created_subnet_id
    assert subnet_id is not None  # build_network creates one when none is given
    public_ip = standard_public_ip(names.bastion_public_ip, scope)
    host = network.BastionHost(
        names.bastion_host,
        network.BastionHostArgs(
            resource_group_name=scope.resource_group_name,
            bastion_host_name=names.bastion_host,
            location=scope.location,
            tags=scope.tags,
            sku=network.SkuArgs(name=BASTION_SKU),
            enable_tunneling=True,  # native clients: az network bastion ssh / rdp / tunnel
            ip_configurations=[
                network.BastionHostIPConfigurationArgs(
                    name="ipconfig1",
                    subnet=network.SubResourceArgs(id=subnet_id),
                    public_ip_address=network.SubResourceArgs(id=public_ip.id),
                )
            ],
        ),
        opts=scope.options(),
    )
    return BastionResources(host=host, public_ip=public_ip, name=once_created(host, names.bastion_host))
