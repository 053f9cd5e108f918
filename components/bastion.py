"""Admin access without public ports: Azure Bastion, and the decisions behind its subnet.

With `admin_access="bastion"` the VMs get no inbound NAT rules; administrators connect
through a Bastion host (the portal, or `az network bastion ssh|rdp`), and the VMs' NSG
admits the admin port only from the Bastion subnet.

- Azure requires the subnet to be named `AzureBastionSubnet`, /26 or larger.
  learn.microsoft.com/azure/bastion/configuration-settings#subnet
- No NSG on `AzureBastionSubnet`: one is optional, and if present must carry Bastion's
  full list of inbound and outbound rules (443 from Internet and GatewayManager, 8080/5701
  within the VNet, ...); without one Azure manages that traffic itself.
  learn.microsoft.com/azure/bastion/bastion-nsg
- SKU Standard: the Azure CLI's native-client tunnelling (`az network bastion ssh`,
  `enableTunneling`) needs Standard or Premium; Developer has no public IP and only the
  portal, one session at a time, in few regions; Basic has no native client.
  learn.microsoft.com/azure/bastion/configuration-settings#skus
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from .naming import ResourceNames
from .placement import Placement
from .public_ip import standard_public_ip
from .spec import VmSetSpec

BASTION_SUBNET_NAME = "AzureBastionSubnet"
MAX_BASTION_SUBNET_PREFIX_LENGTH = 26  # /26 or larger
BASTION_SKU = "Standard"


def default_bastion_subnet_prefix(
    vnet_address_space: Sequence[ipaddress.IPv4Network], vm_subnet: ipaddress.IPv4Network
) -> ipaddress.IPv4Network | None:
    """The first /26 of the VNet's address space that does not overlap the VM subnet
    (10.0.1.0/26 for the defaults 10.0.0.0/16 and 10.0.0.0/24), or None if there is none."""
    for space in vnet_address_space:
        if space.prefixlen > MAX_BASTION_SUBNET_PREFIX_LENGTH:
            continue
        for candidate in space.subnets(new_prefix=MAX_BASTION_SUBNET_PREFIX_LENGTH):
            if not candidate.overlaps(vm_subnet):
                return candidate
    return None


def bastion_subnets(spec: VmSetSpec) -> list[network.SubnetArgs]:
    """The `AzureBastionSubnet` to create inline in the component's VNet, if any.

    Private like the VM subnet: new VNets are private by default (API 2025-07-01), and
    Bastion's own Standard public IP serves its traffic. No NSG (see module docstring).
    """
    if spec.bastion is None or spec.bastion.given:
        return []
    return [
        network.SubnetArgs(
            name=BASTION_SUBNET_NAME,
            address_prefix=spec.bastion.address_prefix,
            default_outbound_access=False,
        )
    ]


@dataclass(frozen=True)
class Bastion:
    host: network.BastionHost
    public_ip: network.PublicIPAddress


def build_bastion(
    spec: VmSetSpec,
    names: ResourceNames,
    subnet_id: pulumi.Input[str],
    where: Placement,
) -> Bastion:
    """The Bastion host in `subnet_id` (an AzureBastionSubnet) with its Standard, Static public IP."""
    public_ip = standard_public_ip(names.bastion_public_ip, where)
    host = network.BastionHost(
        names.bastion_host,
        network.BastionHostArgs(
            resource_group_name=where.resource_group_name,
            bastion_host_name=names.bastion_host,
            location=where.location,
            tags=where.tags,
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
        opts=where.options(),
    )
    return Bastion(host=host, public_ip=public_ip)
