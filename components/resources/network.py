"""The VMs' network: the component's own VNet, subnet, NSG (and NAT gateway), or the caller's.

- Own network (default): a VNet with one private subnet, the NSG on the subnet, with
  `outbound="nat_gateway"` a NAT gateway with its own Standard public IP on the subnet, and
  with `admin_access="bastion"` an `AzureBastionSubnet` (see bastion.py).
- Bring your own subnet (`subnet_id`): nothing of the network is created; the NSG goes on
  each VM's NIC instead (see orchestrations/vms/vm.py), so the caller's subnet and its other tenants are
  left as they are.
- Bring your own NSG (`network_security_group_id`): no NSG is created and none of its rules
  are touched; the given NSG goes where the component's own would.
"""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
from pulumi_azure_native import network

from ..decisions import arm_ids
from ..decisions.bastion import BASTION_SUBNET_NAME
from ..decisions.naming import ResourceNames
from ..decisions.security_rules import inbound_security_rules
from ..spec import Outbound, VmSetSpec
from .bastion import bastion_subnets
from .public_ip import standard_public_ip
from .scope import ResourceScope


@dataclass(frozen=True)
class NetworkResources:
    subnet_id: pulumi.Output[str]
    subnet_address_prefix: pulumi.Output[str]
    network_security_group_id: pulumi.Output[str]
    nic_network_security_group_id: pulumi.Output[str] | None
    """Set when the NSG belongs on each NIC (bring-your-own subnet), else None."""
    bastion_subnet_id: pulumi.Output[str] | None
    """The AzureBastionSubnet created in the component's VNet (admin_access `bastion`), else None."""


def build_network(spec: VmSetSpec, names: ResourceNames, scope: ResourceScope) -> NetworkResources:
    given_nsg_id = spec.network.network_security_group_id
    nsg_id = (
        _network_security_group(spec, names, scope).id
        if given_nsg_id is None
        else pulumi.Output.from_input(given_nsg_id)
    )

    bastion_subnet_id: pulumi.Output[str] | None = None
    given_subnet_id = spec.network.subnet_id
    if given_subnet_id is None:
        vnet = _virtual_network(spec, names, scope, nsg_id, _nat_gateway(spec, names, scope))
        subnet_id = vnet.id.apply(lambda vnet_id: arm_ids.subnet_id(vnet_id, names.subnet))
        prefix = pulumi.Output.from_input(str(spec.network.subnet_address_prefix))
        if bastion_subnets(spec):
            bastion_subnet_id = vnet.id.apply(lambda vnet_id: arm_ids.subnet_id(vnet_id, BASTION_SUBNET_NAME))
    else:
        subnet_id = pulumi.Output.from_input(given_subnet_id)
        prefix = (
            pulumi.Output.from_input(spec.network.subnet_address_prefix)
            if spec.network.subnet_address_prefix
            else _looked_up_prefix(subnet_id, scope.parent)
        )
    return NetworkResources(
        subnet_id=subnet_id,
        subnet_address_prefix=prefix,
        network_security_group_id=nsg_id,
        nic_network_security_group_id=nsg_id if spec.network_security_group_on_nics else None,
        bastion_subnet_id=bastion_subnet_id,
    )


def _network_security_group(
    spec: VmSetSpec, names: ResourceNames, scope: ResourceScope
) -> network.NetworkSecurityGroup:
    return network.NetworkSecurityGroup(
        names.network_security_group,
        network.NetworkSecurityGroupInitArgs(
            resource_group_name=scope.resource_group_name,
            network_security_group_name=names.network_security_group,
            location=scope.location,
            tags=scope.tags,
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
        opts=scope.options(),
    )


def _nat_gateway(spec: VmSetSpec, names: ResourceNames, scope: ResourceScope) -> network.NatGateway | None:
    """Outbound through a NAT gateway: it takes precedence over every other outbound path of
    the subnet and needs a Standard public IP of its own.
    learn.microsoft.com/azure/nat-gateway/nat-overview"""
    if spec.network.outbound is not Outbound.NAT_GATEWAY:
        return None
    public_ip = standard_public_ip(names.nat_gateway_public_ip, scope)
    return network.NatGateway(
        names.nat_gateway,
        network.NatGatewayInitArgs(
            resource_group_name=scope.resource_group_name,
            nat_gateway_name=names.nat_gateway,
            location=scope.location,
            tags=scope.tags,
            sku=network.NatGatewaySkuArgs(name="Standard"),
            public_ip_addresses=[network.SubResourceArgs(id=public_ip.id)],
            idle_timeout_in_minutes=4,
        ),
        opts=scope.options(),
    )


def _virtual_network(
    spec: VmSetSpec,
    names: ResourceNames,
    scope: ResourceScope,
    nsg_id: pulumi.Input[str],
    nat_gateway: network.NatGateway | None,
) -> network.VirtualNetwork:
    # The subnet is inline: a standalone Subnet beside an inline-less VirtualNetwork can be
    # removed by the next VNet update. It is private (default_outbound_access=False) whatever
    # the API version's default: outbound goes through the outbound rule or NAT gateway.
    # learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access
    return network.VirtualNetwork(
        names.virtual_network,
        network.VirtualNetworkInitArgs(
            resource_group_name=scope.resource_group_name,
            virtual_network_name=names.virtual_network,
            location=scope.location,
            tags=scope.tags,
            address_space=network.AddressSpaceArgs(address_prefixes=list(spec.network.vnet_address_space)),
            subnets=[
                network.SubnetArgs(
                    name=names.subnet,
                    address_prefix=spec.network.subnet_address_prefix,
                    network_security_group=network.NetworkSecurityGroupArgs(id=nsg_id),
                    nat_gateway=network.SubResourceArgs(id=nat_gateway.id) if nat_gateway else None,
                    default_outbound_access=False,
                ),
                *bastion_subnets(spec),
            ],
        ),
        opts=scope.options(),
    )


def _looked_up_prefix(subnet_id: pulumi.Output[str], parent: pulumi.Resource) -> pulumi.Output[str]:
    """The caller's subnet prefix, read from Azure (it may be one of several prefixes)."""

    def look_up(resource_id: str) -> pulumi.Output[str]:
        ref = arm_ids.parse_subnet_id(resource_id)
        assert ref is not None  # checked by arm_ids.check_subnet_id
        found = network.get_subnet_output(
            resource_group_name=ref.resource_group_name,
            virtual_network_name=ref.virtual_network_name,
            subnet_name=ref.subnet_name,
            opts=pulumi.InvokeOutputOptions(parent=parent),
        )
        return found.apply(lambda s: s.address_prefix or next(iter(s.address_prefixes or []), ""))

    return subnet_id.apply(look_up)


def _single(ports: tuple[str, ...]) -> str | None:
    return ports[0] if len(ports) == 1 else None


def _several(ports: tuple[str, ...]) -> list[str] | None:
    return list(ports) if len(ports) > 1 else None
