"""Standard public IPs: the load balancer's, the NAT gateway's and the Bastion host's."""

from __future__ import annotations

from collections.abc import Sequence

from pulumi_azure_native import network

from .scope import ResourceScope


def standard_public_ip(
    name: str, scope: ResourceScope, dns_label: str | None = None, zones: Sequence[str] | None = None
) -> network.PublicIPAddress:
    """A Standard, Static IPv4 public IP named `name`, zone-redundant when given zones 1-3.

    Basic public IPs (and Basic load balancers) were retired on 2025-09-30, and Standard
    public IPs must be Static.
    learn.microsoft.com/azure/virtual-network/ip-services/public-ip-basic-upgrade-guidance
    """
    return network.PublicIPAddress(
        name,
        network.PublicIPAddressInitArgs(
            resource_group_name=scope.resource_group_name,
            public_ip_address_name=name,
            location=scope.location,
            tags=scope.tags,
            sku=network.PublicIPAddressSkuArgs(name="Standard", tier="Regional"),
            public_ip_allocation_method="Static",
            public_ip_address_version="IPv4",
            zones=list(zones) if zones is not None else None,
            dns_settings=network.PublicIPAddressDnsSettingsArgs(domain_name_label=dns_label) if dns_label else None,
        ),
        # Azure fixes a public IP's zones at creation (ResourceAvailabilityZonesCannotBeModified):
        # switching placement later keeps this IP, and its address, as it was created.
        opts=scope.options(ignore_changes=["zones"]),
    )
