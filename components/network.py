"""VNet, subnet and the subnet's NSG."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from .bastion import BASTION_SUBNET_NAME, bastion_subnets
from .naming import ResourceNames
from .placement import Placement
from .security_rules import inbound_security_rules
from .spec import VmSetSpec


@dataclass(frozen=True)
class Network:
    network_security_group: network.NetworkSecurityGroup
    virtual_network: network.VirtualNetwork
    subnet_id: pulumi.Output[str]
    bastion_subnet_id: pulumi.Output[str] | None
    """The AzureBastionSubnet created in this VNet (admin_access `bastion`), else None."""


def build_network(
    spec: VmSetSpec,
    names: ResourceNames,
    where: Placement,
) -> Network:
    nsg = network.NetworkSecurityGroup(
        names.network_security_group,
        network.NetworkSecurityGroupInitArgs(
            resource_group_name=where.resource_group_name,
            network_security_group_name=names.network_security_group,
            location=where.location,
            tags=where.tags,
            security_rules=[
                network.SecurityRuleArgs(
                    name=rule.name,
                    priority=rule.priority,
                    direction="Inbound",
                    access=rule.access,
                    protocol=rule.protocol,
                    source_address_prefix=rule.source_address_prefix,
                    source_port_range="*",
                    destination_address_prefix=rule.destination_address_prefix,
                    # "*" is only valid in the single-value field, never in the list.
                    destination_port_range=_single(rule.destination_port_ranges),
                    destination_port_ranges=_several(rule.destination_port_ranges),
                    description=rule.description,
                )
                for rule in inbound_security_rules(spec)
            ],
        ),
        opts=where.options(),
    )
    # The subnet is inline: a standalone Subnet beside an inline-less VirtualNetwork can be
    # removed by the next VNet update. It is private (default_outbound_access=False) whatever
    # the API version's default: outbound goes through the load balancer's outbound rule.
    # learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
    vnet = network.VirtualNetwork(
        names.virtual_network,
        network.VirtualNetworkInitArgs(
            resource_group_name=where.resource_group_name,
            virtual_network_name=names.virtual_network,
            location=where.location,
            tags=where.tags,
            address_space=network.AddressSpaceArgs(address_prefixes=list(spec.vnet_address_space)),
            subnets=[
                network.SubnetArgs(
                    name=names.subnet,
                    address_prefix=spec.subnet_address_prefix,
                    network_security_group=network.NetworkSecurityGroupArgs(id=nsg.id),
                    default_outbound_access=False,
                ),
                *bastion_subnets(spec),
            ],
        ),
        opts=where.options(),
    )
    subnet_id = vnet.id.apply(lambda vnet_id: f"{vnet_id}/subnets/{names.subnet}")
    bastion_subnet_id = (
        vnet.id.apply(lambda vnet_id: f"{vnet_id}/subnets/{BASTION_SUBNET_NAME}") if bastion_subnets(spec) else None
    )
    return Network(
        network_security_group=nsg, virtual_network=vnet, subnet_id=subnet_id, bastion_subnet_id=bastion_subnet_id
    )


def _single(ports: tuple[str, ...]) -> str | None:
    return ports[0] if len(ports) == 1 else None


def _several(ports: tuple[str, ...]) -> list[str] | None:
    return list(ports) if len(ports) > 1 else None
