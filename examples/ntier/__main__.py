"""An N-tier application from `LoadBalancedVmSet`, as the 2016 architecture suggests.

One VNet, three subnets, each tier reachable only from the tier in front of it:
- web: a public load balancer (HTTP 80 from the Internet), 2+ VMs;
- business: an internal load balancer on a fixed private IP, 2+ VMs, HTTP 80 from the web
  subnet only; outbound (for package installs) through a NAT gateway on its subnet;
- data: a subnet whose NSG admits only the business subnet (put your database there).
No VM has a public IP; from the Internet only the web load balancer and the web tier's
whitelisted NAT ports are reachable. Either tier runs as individual VMs (the default) or as one
Flexible scale set (`webOrchestration` / `businessOrchestration`: `scale_set`; docs/scale-set.md).
"""

import sys
from pathlib import Path

import pulumi
from pulumi_azure_native import network, resources

# The component lives in this repository, two folders up.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from components import LoadBalancedVmSet, LoadBalancedVmSetArgs, tune_garbage_collector

tune_garbage_collector()  # the program keeps what it allocates: collect less often

ADDRESS_SPACE = "10.10.0.0/16"
SUBNETS = {"web": "10.10.1.0/24", "business": "10.10.2.0/24", "data": "10.10.3.0/24"}
BUSINESS_FRONTEND_IP = "10.10.2.10"

config = pulumi.Config()
ssh_public_key = config.require("sshPublicKey")
admin_sources = config.get_object("adminSourcePrefixes") or []
base = f"{pulumi.get_project()}-{pulumi.get_stack()}"
# A scale set spreads over the zones its region offers: it is told the stack's region.
region = pulumi.Config("azure-native").get("location")


def orchestrated(tier: str, args: LoadBalancedVmSetArgs) -> LoadBalancedVmSetArgs:
    """`args` run as `<tier>Orchestration` says: `vms` (the default) or `scale_set`, given the region."""
    chosen = config.get(f"{tier}Orchestration") or "vms"
    args["orchestration"] = chosen
    if chosen == "scale_set" and region is not None:
        args["location"] = region
    return args


group = resources.ResourceGroup(base)

# The data subnet's NSG: the business subnet in, nothing else. Its deny-all rule (4096)
# comes before Azure's default AllowVnetInBound (65000), so other subnets stay out.
data_nsg = network.NetworkSecurityGroup(
    "data-nsg",
    network.NetworkSecurityGroupInitArgs(
        resource_group_name=group.name,
        security_rules=[
            network.SecurityRuleArgs(
                name="allow-business-subnet",
                priority=100,
                direction="Inbound",
                access="Allow",
                protocol="*",
                source_address_prefix=SUBNETS["business"],
                source_port_range="*",
                destination_address_prefix=SUBNETS["data"],
                destination_port_range="*",
            ),
            network.SecurityRuleArgs(
                name="deny-all-inbound",
                priority=4096,
                direction="Inbound",
                access="Deny",
                protocol="*",
                source_address_prefix="*",
                source_port_range="*",
                destination_address_prefix="*",
                destination_port_range="*",
            ),
        ],
    ),
)

# An internal load balancer gives no outbound access, and the subnets are private: the
# business VMs reach the internet (apt) through a NAT gateway that this stack owns.
nat_ip = network.PublicIPAddress(
    "business-nat-ip",
    network.PublicIPAddressInitArgs(
        resource_group_name=group.name,
        sku=network.PublicIPAddressSkuArgs(name="Standard", tier="Regional"),
        public_ip_allocation_method="Static",
    ),
)
nat_gateway = network.NatGateway(
    "business-nat",
    network.NatGatewayInitArgs(
        resource_group_name=group.name,
        sku=network.NatGatewaySkuArgs(name="Standard"),
        public_ip_addresses=[network.SubResourceArgs(id=nat_ip.id)],
    ),
)

vnet = network.VirtualNetwork(
    "vnet",
    network.VirtualNetworkInitArgs(
        resource_group_name=group.name,
        address_space=network.AddressSpaceArgs(address_prefixes=[ADDRESS_SPACE]),
        subnets=[
            network.SubnetArgs(name="web", address_prefix=SUBNETS["web"], default_outbound_access=False),
            network.SubnetArgs(
                name="business",
                address_prefix=SUBNETS["business"],
                default_outbound_access=False,
                nat_gateway=network.SubResourceArgs(id=nat_gateway.id),
            ),
            network.SubnetArgs(
                name="data",
                address_prefix=SUBNETS["data"],
                default_outbound_access=False,
                network_security_group=network.NetworkSecurityGroupArgs(id=data_nsg.id),
            ),
        ],
    ),
)


def vm_count(key: str) -> int:
    """The tier's VM count from config; 2 when the key is not set. Any value set, 0 included, goes to
    the component as it is, which refuses what cannot be."""
    count = config.get_int(key)
    return 2 if count is None else count


def subnet_id(name: str) -> pulumi.Output[str]:
    return vnet.id.apply(lambda vnet_id: f"{vnet_id}/subnets/{name}")


web = LoadBalancedVmSet(
    "web",
    orchestrated(
        "web",
        {
            "resource_group_name": group.name,
            "vm_count": vm_count("webVmCount"),
            "ssh_public_key": ssh_public_key,
            "subnet_id": subnet_id("web"),
            "subnet_address_prefix": SUBNETS["web"],
            "app_source_prefixes": ["Internet"],
            "admin_source_prefixes": admin_sources,
        },
    ),
)
business = LoadBalancedVmSet(
    "business",
    orchestrated(
        "business",
        {
            "resource_group_name": group.name,
            "vm_count": vm_count("businessVmCount"),
            "ssh_public_key": ssh_public_key,
            "public": False,
            "frontend_private_ip": BUSINESS_FRONTEND_IP,
            "subnet_id": subnet_id("business"),
            "subnet_address_prefix": SUBNETS["business"],
            "app_source_prefixes": [SUBNETS["web"]],
            # Admins reach business VMs from a web VM (ssh -J), never from outside the VNet.
            "admin_source_prefixes": [SUBNETS["web"]],
        },
    ),
)

pulumi.export("web_url", web.frontend_ip_address.apply(lambda ip: f"http://{ip}/"))
pulumi.export("web_nat_endpoints", web.nat_endpoints)
pulumi.export("business_url", business.frontend_ip_address.apply(lambda ip: f"http://{ip}/"))
pulumi.export("business_nat_endpoints", business.nat_endpoints)
pulumi.export("data_subnet_id", subnet_id("data"))
pulumi.export("subnet_prefixes", SUBNETS)
for tier, vm_set in (("web", web), ("business", business)):
    if config.get(f"{tier}Orchestration") == "scale_set":
        pulumi.export(f"{tier}_scale_set_name", vm_set.scale_set_name)
        pulumi.export(f"{tier}_nat_port_range", vm_set.nat_frontend_port_range)
