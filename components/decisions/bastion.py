"""Admin access through Azure Bastion: the decisions behind its subnet.

With `admin_access="bastion"` the VMs get no inbound NAT rules; administrators connect
through a Bastion host (the portal, or `az network bastion ssh|rdp`), and the VMs' NSG
admits the admin port only from the Bastion subnet.

- Azure requires the subnet to be named `AzureBastionSubnet`, /26 or larger.
  learn.microsoft.com/azure/bastion/configuration-settings#subnet
- No NSG on `AzureBastionSubnet`: one is optional, and if present must carry Bastion's
  full list of inbound and outbound rules (443 from Internet and GatewayManager, 8080/5701
  within the VNet, ...); without one Azure manages that traffic itself.
  learn.microsoft.com/azure/bastion/bastion-nsg
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

BASTION_SUBNET_NAME = "AzureBastionSubnet"
MAX_BASTION_SUBNET_PREFIX_LENGTH = 26  # /26 or larger


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
