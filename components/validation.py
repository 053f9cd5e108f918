"""Input validation: `LoadBalancedVmSetArgs` in, a frozen `VmSetSpec` out, or one clear error.

Runs before the component registers anything. Values that are Pulumi Outputs (a
password from another resource, say) cannot be read here; they are checked when
they resolve (see `check_admin_password`).

Azure's rules come from learn.microsoft.com/azure/virtual-machines/windows/faq and
.../linux/faq (user names, passwords, SSH keys), learn.microsoft.com/azure/azure-resource-manager/
management/azure-subscription-service-limits (load-balancer rules) and .../virtual-network/
ip-services/public-ip-addresses (DNS labels).
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pulumi

from .args import ARGUMENT_NAMES
from .catalogs import regions, resource_tags, service_tags
from .decisions import arm_ids
from .decisions.ports import (
    DEFAULT_ADMIN_PORTS,
    DEFAULT_NAT_FRONTEND_PORT_START,
    MAX_BACKEND_PORT,
    MAX_FRONTEND_PORT,
    nat_port_range,
)
from .decisions.spec import (
    DEFAULT_ADMIN_USERNAME,
    DEFAULT_APP_SOURCE_PREFIXES,
    DEFAULT_FAULT_DOMAIN_COUNT,
    DEFAULT_IMAGES,
    DEFAULT_INTERNAL_APP_SOURCE_PREFIXES,
    DEFAULT_LB_RULES,
    DEFAULT_PROBE,
    DEFAULT_SUBNET_ADDRESS_PREFIX,
    DEFAULT_UPDATE_DOMAIN_COUNT,
    DEFAULT_VM_COUNT,
    DEFAULT_VM_SIZE,
    DEFAULT_VNET_ADDRESS_SPACE,
    MAX_VM_COUNT,
    MIN_VM_COUNT,
    AdminAccess,
    DiskStorage,
    Image,
    LbRule,
    OsType,
    Outbound,
    Probe,
    VmSetSpec,
)
from .errors import InvalidArgumentError
from .inputs import choice, is_missing
from .operations_validation import validate_operations

# Names Azure refuses as admin user names (Windows and Linux FAQ).
RESERVED_ADMIN_USERNAMES = frozenset(
    """administrator admin user user1 test user2 test1 user3 admin1 1 123 a actuser adm admin2
    aspnet backup console david guest john owner root server sql support support_388945a0 sys
    test2 test3 user4 user5""".split()  # noqa: SIM905 (a word list reads best as words)
)
# Passwords Azure refuses outright, even though they meet the complexity rule.
COMMON_PASSWORDS = frozenset(
    password.lower()
    for password in """abc@123 iloveyou! P@$$w0rd P@ssw0rd P@ssword123 Pa$$word pass@word1 Password!
    Password1 Password22""".split()  # noqa: SIM905
)
PASSWORD_LENGTHS = {OsType.WINDOWS: (12, 123), OsType.LINUX: (6, 72)}
ADMIN_USERNAME_MAX_LENGTHS = {OsType.WINDOWS: 20, OsType.LINUX: 64}
MAX_CUSTOM_DATA_BYTES = 65535  # Azure: customData decodes to at most 65,535 bytes
MIN_RSA_KEY_BITS = 2048  # Azure accepts RSA keys of 2048 bits and more, and Ed25519
MAX_LB_RULES_AND_NAT_RULES = 1500  # Standard LB: load-balancing and NAT rules together
AZURE_RESERVED_ADDRESSES_PER_SUBNET = 5
MIN_PROBE_INTERVAL_SECONDS = 5
MAX_SOURCE_PREFIXES = 100
# Sources that would open the admin port to everyone: never accepted for SSH/RDP.
OPEN_TO_ALL_PREFIXES = frozenset({"*", "internet", "any", "0.0.0.0/0"})

_COMPONENT_NAME = re.compile(r"^[a-z][a-z0-9-]{0,22}[a-z0-9]$")
# Every VM size name is of the Standard_ or Basic_ family (Standard_D2s_v5, Basic_A1); ARM compares
# them case-insensitively (learn.microsoft.com/azure/virtual-machines/sizes/overview).
_VM_SIZE = re.compile(r"^(standard|basic)_[a-z0-9][a-z0-9_-]{0,61}$", re.IGNORECASE)
_VM_SIZE_WITHOUT_FAMILY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,61}$")
# Ranges Azure refuses in a VNet's address space and subnets
# (learn.microsoft.com/azure/virtual-network/virtual-networks-faq, "Are there any restrictions on
# using IP addresses within these address spaces?").
RESERVED_VNET_RANGES: dict[ipaddress.IPv4Network, str] = {
    ipaddress.IPv4Network("224.0.0.0/4"): "multicast",
    ipaddress.IPv4Network("255.255.255.255/32"): "broadcast",
    ipaddress.IPv4Network("127.0.0.0/8"): "loopback",
    ipaddress.IPv4Network("169.254.0.0/16"): "link-local",
    ipaddress.IPv4Network("168.63.129.16/32"): "Azure's internal DNS, DHCP and health-probe address",
}
# Linux: letters, digits, '-' and '_', not starting with '-' or a digit; Windows also allows '.'.
_ADMIN_USERNAMES = {
    OsType.LINUX: (re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$"), "'_' or '-'"),
    OsType.WINDOWS: (re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$"), "'_', '.' or '-'"),
}
_DNS_LABEL = re.compile(r"^[a-z][a-z0-9-]{1,61}[a-z0-9]$")
_SERVICE_TAG_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9]+)?$")
_IMAGE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_SSH_KEY_TYPES = ("ssh-rsa", "ssh-ed25519")


def validate(name: str, args: Mapping[str, Any], *, require_resource_group: bool = True) -> VmSetSpec:
    """Check every argument and return the normalised spec, or raise `InvalidArgumentError`."""
    if not isinstance(name, str) or not _COMPONENT_NAME.match(name):
        raise InvalidArgumentError(
            "name",
            name,
            "2-24 lowercase letters, digits and hyphens, starting with a letter "
            "and ending with a letter or digit (it prefixes every Azure resource name)",
        )
    if not isinstance(args, Mapping):
        raise InvalidArgumentError("args", args, "a LoadBalancedVmSetArgs dictionary")
    unknown = sorted(set(args) - set(ARGUMENT_NAMES))
    if unknown:
        raise InvalidArgumentError(unknown[0], args[unknown[0]], f"known arguments are {', '.join(ARGUMENT_NAMES)}")
    if require_resource_group and is_missing(args.get("resource_group_name")):
        raise InvalidArgumentError("resource_group_name", args.get("resource_group_name"), "it is required")

    warnings: list[str] = []
    vm_count = _int_in_range(args, "vm_count", DEFAULT_VM_COUNT, MIN_VM_COUNT, MAX_VM_COUNT)
    vm_size = _vm_size(args.get("vm_size"))
    location = checked_location(args.get("location"))
    os_type = choice(args, "os_type", OsType, OsType.LINUX)
    disk_storage = choice(args, "disk_storage", DiskStorage, DiskStorage.MANAGED)
    image = _image(args.get("image"), DEFAULT_IMAGES[os_type])
    admin_username = _admin_username(args.get("admin_username", DEFAULT_ADMIN_USERNAME), os_type)

    has_key, has_password = _credentials(args, os_type, warnings)

    public = _bool(args, "public", default=True)
    network = _network(args, vm_count, public)
    outbound = _outbound(args, public, network.creates_subnet)
    frontend_private_ip = _frontend_private_ip(args, public, network.subnet_address_prefix)

    operations = validate_operations(
        args,
        os_type=os_type,
        image=image,
        disk_storage=disk_storage,
        vnet_address_space=network.vnet_address_space,
        subnet=network.subnet_address_prefix,
        warnings=warnings,
    )
    nat_rule_count = vm_count if operations.admin_access is AdminAccess.NAT_RULES else 0

    lb_rules = _lb_rules(args.get("lb_rules"))
    probe = _probe(args.get("probe"))
    admin_port = _int_in_range(args, "admin_port", DEFAULT_ADMIN_PORTS[os_type], 1, MAX_BACKEND_PORT)
    nat_start = _int_in_range(args, "nat_frontend_port_start", DEFAULT_NAT_FRONTEND_PORT_START, 1, MAX_FRONTEND_PORT)
    _check_ports(lb_rules, nat_start, nat_rule_count, admin_port)

    admin_sources = _source_prefixes(args, "admin_source_prefixes", (), admin=True)
    app_sources = _source_prefixes(
        args,
        "app_source_prefixes",
        DEFAULT_APP_SOURCE_PREFIXES if public else DEFAULT_INTERNAL_APP_SOURCE_PREFIXES,
        admin=False,
    )
    if not admin_sources and nat_rule_count:
        warnings.append(
            f"The admin port {admin_port} is closed: admin_source_prefixes is empty. To reach the VMs through "
            f"their NAT ports, allow your address, e.g. `pulumi config set --path 'adminSourcePrefixes[0]' "
            f"<your-ip>/32` (argument admin_source_prefixes)."
        )
    if not app_sources:
        warnings.append("app_source_prefixes is empty: the NSG admits no traffic to the load-balanced ports.")

    fault_domains = _int_in_range(args, "fault_domain_count", DEFAULT_FAULT_DOMAIN_COUNT, 2, 3)
    update_domains = _int_in_range(args, "update_domain_count", DEFAULT_UPDATE_DOMAIN_COUNT, 1, 20)
    dns_label = _optional_matching(
        args,
        "dns_label",
        _DNS_LABEL,
        "3-63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit",
    )
    if dns_label and not public:
        raise InvalidArgumentError(
            "dns_label", dns_label, "no DNS label with public=False: an internal load balancer has no public IP"
        )
    custom_data = args.get("custom_data")
    if isinstance(custom_data, str):
        _check_custom_data(custom_data)
    tags = args.get("tags")
    if isinstance(tags, Mapping):
        check_tags(tags)
    elif tags is not None and not isinstance(tags, pulumi.Output):
        raise InvalidArgumentError("tags", tags, "a mapping of tag names to string values")
    if not network.creates_network_security_group:
        ignored = [a for a in ("admin_source_prefixes", "app_source_prefixes") if args.get(a) is not None]
        if ignored:
            warnings.append(
                f"{' and '.join(ignored)} are ignored: with network_security_group_id the component adds no "
                "rules to your NSG. Allow the load-balanced ports, the admin port and AzureLoadBalancer there."
            )
    if outbound is Outbound.NONE and network.creates_subnet and os_type is OsType.LINUX and is_missing(custom_data):
        warnings.append(
            "outbound='none': the VMs cannot reach the internet, so the default cloud-init cannot install nginx "
            "and the health probe will fail. Give custom_data that needs no downloads, or outbound='nat_gateway'."
        )
    if disk_storage is DiskStorage.VHD:
        warnings.append(
            "disk_storage='vhd' builds the 2016 layout with unmanaged disks, which public Azure retired on "
            "2026-03-31: `pulumi up` will be refused there (new VMs with unmanaged disks cannot be created, "
            "existing ones cannot start). Use it to compare layouts in a preview; deploy disk_storage='managed'."
        )

    return VmSetSpec(
        name=name,
        location=location,
        vm_count=vm_count,
        vm_size=vm_size,
        os_type=os_type,
        image=image,
        admin_username=admin_username,
        has_ssh_public_key=has_key,
        has_admin_password=has_password,
        public=public,
        frontend_private_ip=frontend_private_ip,
        outbound=outbound,
        creates_subnet=network.creates_subnet,
        creates_network_security_group=network.creates_network_security_group,
        vnet_address_space=tuple(str(n) for n in network.vnet_address_space),
        subnet_address_prefix=str(network.subnet_address_prefix) if network.subnet_address_prefix else None,
        lb_rules=lb_rules,
        probe=probe,
        nat_frontend_port_start=nat_start,
        admin_port=admin_port,
        admin_source_prefixes=admin_sources,
        app_source_prefixes=app_sources,
        disk_storage=disk_storage,
        fault_domain_count=fault_domains,
        update_domain_count=update_domains,
        dns_label=dns_label,
        has_custom_data=not is_missing(custom_data),
        warnings=tuple(warnings),
        **operations.spec_fields(),
    )


# --- size and region ------------------------------------------------------------------------


def _vm_size(value: object) -> str:
    if value is None:
        return DEFAULT_VM_SIZE
    allowed = "an Azure VM size name, which starts with Standard_ or Basic_, such as Standard_D2s_v5"
    if isinstance(value, str) and _VM_SIZE.match(value.strip()):
        return value.strip()
    if isinstance(value, str) and _VM_SIZE_WITHOUT_FAMILY.match(value.strip()):
        allowed += f" (did you mean Standard_{value.strip()}?)"
    raise InvalidArgumentError("vm_size", value, allowed)


def checked_location(value: object) -> str | None:
    """The region's programmatic name (ARM's own spelling); None when absent or an Output."""
    if value is None or isinstance(value, pulumi.Output):
        return None
    if isinstance(value, str) and value.strip() and regions.is_region(value):
        return regions.normalise_region(value)
    allowed = "an Azure region name such as westeurope (az account list-locations)"
    if isinstance(value, str):
        allowed += _did_you_mean(regions.closest_regions(value))
    raise InvalidArgumentError("location", value, allowed)


def _did_you_mean(candidates: Sequence[str]) -> str:
    return f"; did you mean {candidates[0]}?" if candidates else ""


# --- credentials ---------------------------------------------------------------------------


def _credentials(args: Mapping[str, Any], os_type: OsType, warnings: list[str]) -> tuple[bool, bool]:
    """Which of SSH key and password the VMs will use; plain values are checked here."""
    ssh_public_key = args.get("ssh_public_key")
    admin_password = args.get("admin_password")
    has_key = not is_missing(ssh_public_key)
    has_password = not is_missing(admin_password)
    if isinstance(ssh_public_key, str) and has_key:
        check_ssh_public_key(ssh_public_key)
    if isinstance(admin_password, str) and has_password:
        check_admin_password(admin_password, os_type)
    if os_type is OsType.WINDOWS and not has_password:
        raise InvalidArgumentError("admin_password", admin_password, "Windows VMs need an administrator password")
    if os_type is OsType.LINUX and not (has_key or has_password):
        raise InvalidArgumentError(
            "ssh_public_key", ssh_public_key, "Linux VMs need an SSH public key (recommended) or an admin_password"
        )
    if os_type is OsType.WINDOWS and has_key:
        warnings.append("ssh_public_key is ignored for Windows VMs, which sign in with admin_password over RDP.")
        return False, True
    if os_type is OsType.LINUX and has_key and has_password:
        warnings.append("admin_password is ignored: with an ssh_public_key, password login on Linux is disabled.")
        return True, False
    return has_key, has_password


def check_admin_password(password: str, os_type: OsType) -> str:
    """Azure's password rules; the message never repeats the password."""
    low, high = PASSWORD_LENGTHS[os_type]
    if not low <= len(password) <= high:
        raise InvalidArgumentError(
            "admin_password", password, f"{os_type.value} passwords are {low}-{high} characters long", secret=True
        )
    classes = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    if sum(classes) < 3:
        raise InvalidArgumentError(
            "admin_password",
            password,
            "use at least 3 of: lower case, upper case, digit, special character",
            secret=True,
        )
    if password.lower() in COMMON_PASSWORDS:
        raise InvalidArgumentError("admin_password", password, "Azure refuses common passwords", secret=True)
    return password


def check_ssh_public_key(key: str) -> str:
    """An OpenSSH public key line Azure accepts: ssh-rsa of 2048+ bits, or ssh-ed25519."""
    allowed = "an OpenSSH public key line: 'ssh-rsa AAAA...' (2048 bits or more) or 'ssh-ed25519 AAAA...'"
    parts = key.strip().split()
    if len(parts) < 2 or parts[0] not in _SSH_KEY_TYPES:
        raise InvalidArgumentError("ssh_public_key", _abbreviate(key), allowed)
    try:
        blob = base64.b64decode(parts[1], validate=True)
        fields = _ssh_fields(blob)
    except (binascii.Error, ValueError):
        raise InvalidArgumentError("ssh_public_key", _abbreviate(key), allowed) from None
    if not fields or fields[0] != parts[0].encode():
        raise InvalidArgumentError("ssh_public_key", _abbreviate(key), allowed)
    if parts[0] == "ssh-rsa":
        modulus_bits = int.from_bytes(fields[2], "big").bit_length() if len(fields) == 3 else 0
        if modulus_bits < MIN_RSA_KEY_BITS:
            raise InvalidArgumentError("ssh_public_key", _abbreviate(key), f"RSA keys need {MIN_RSA_KEY_BITS}+ bits")
    elif len(fields) != 2 or len(fields[1]) != 32:
        raise InvalidArgumentError("ssh_public_key", _abbreviate(key), allowed)
    return key.strip()


def _ssh_fields(blob: bytes) -> list[bytes]:
    """Split an SSH wire-format blob into its length-prefixed fields."""
    fields, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise ValueError("truncated key")
        length = int.from_bytes(blob[offset : offset + 4], "big")
        offset += 4
        if offset + length > len(blob):
            raise ValueError("truncated key")
        fields.append(blob[offset : offset + length])
        offset += length
    return fields


def _admin_username(value: object, os_type: OsType) -> str:
    max_length = ADMIN_USERNAME_MAX_LENGTHS[os_type]
    pattern, punctuation = _ADMIN_USERNAMES[os_type]
    allowed = (
        f"for {os_type.value}, 1-{max_length} letters, digits, {punctuation}, starting with a letter or '_', "
        "not ending in '.', and not a name Azure reserves (admin, administrator, root, user, test, guest, ...)"
    )
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= max_length
        or not pattern.match(value)
        or value.endswith(".")
        or value.lower() in RESERVED_ADMIN_USERNAMES
    ):
        raise InvalidArgumentError("admin_username", value, allowed)
    return value


# --- network ---------------------------------------------------------------------------------


def _cidr(argument: str, value: object) -> ipaddress.IPv4Network:
    allowed = "an IPv4 CIDR block such as 10.0.0.0/16, with no host bits set"
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, value, allowed)
    try:
        network = ipaddress.IPv4Network(value, strict=True)
    except ValueError:
        raise InvalidArgumentError(argument, value, allowed) from None
    if "/" not in value:
        raise InvalidArgumentError(argument, value, allowed)
    return network


def _check_not_reserved(argument: str, network: ipaddress.IPv4Network) -> None:
    for reserved, purpose in RESERVED_VNET_RANGES.items():
        if network.overlaps(reserved):
            raise InvalidArgumentError(
                argument,
                str(network),
                f"a range clear of {reserved} ({purpose}), which Azure refuses in a virtual network; "
                "use private ranges such as 10.0.0.0/16 (RFC 1918)",
            )


def _vnet_address_space(value: object) -> tuple[ipaddress.IPv4Network, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, Sequence) or not values:
        raise InvalidArgumentError("vnet_address_space", value, "one CIDR block or a non-empty list of them")
    networks = tuple(_cidr("vnet_address_space", v) for v in values)
    for network in networks:
        _check_not_reserved("vnet_address_space", network)
    for i, a in enumerate(networks):
        if a.prefixlen < 2 or a.prefixlen > 29:
            raise InvalidArgumentError("vnet_address_space", str(a), "prefix lengths /2 to /29")
        for b in networks[i + 1 :]:
            if a.overlaps(b):
                raise InvalidArgumentError("vnet_address_space", value, "address ranges that do not overlap")
    return networks


@dataclass(frozen=True)
class _Network:
    creates_subnet: bool
    creates_network_security_group: bool
    vnet_address_space: tuple[ipaddress.IPv4Network, ...]
    subnet_address_prefix: ipaddress.IPv4Network | None


def _network(args: Mapping[str, Any], vm_count: int, public: bool) -> _Network:
    """The component's own VNet and subnet, or the caller's subnet (and NSG)."""
    subnet_id = args.get("subnet_id")
    nsg_id = args.get("network_security_group_id")
    creates_subnet = is_missing(subnet_id)
    if isinstance(subnet_id, str) and not creates_subnet:
        arm_ids.check_subnet_id(subnet_id)
    if isinstance(nsg_id, str) and not is_missing(nsg_id):
        arm_ids.check_network_security_group_id(nsg_id)
    # An internal frontend takes one address of the subnet besides the VMs.
    addresses_needed = vm_count + (0 if public else 1)
    if creates_subnet:
        spaces = _vnet_address_space(args.get("vnet_address_space", DEFAULT_VNET_ADDRESS_SPACE))
        subnet = _cidr("subnet_address_prefix", args.get("subnet_address_prefix", DEFAULT_SUBNET_ADDRESS_PREFIX))
        _check_not_reserved("subnet_address_prefix", subnet)
        if not any(subnet.subnet_of(space) for space in spaces):
            raise InvalidArgumentError(
                "subnet_address_prefix",
                str(subnet),
                f"a block inside the VNet address space {', '.join(map(str, spaces))}",
            )
        _check_subnet_size(subnet, addresses_needed)
        return _Network(True, is_missing(nsg_id), spaces, subnet)
    if args.get("vnet_address_space") is not None:
        raise InvalidArgumentError(
            "vnet_address_space",
            args["vnet_address_space"],
            "nothing with subnet_id: the component creates no VNet when you bring the subnet",
        )
    given = args.get("subnet_address_prefix")
    if given is None:
        return _Network(False, is_missing(nsg_id), (), None)
    given_subnet = _cidr("subnet_address_prefix", given)
    _check_not_reserved("subnet_address_prefix", given_subnet)
    _check_subnet_size(given_subnet, addresses_needed)
    return _Network(False, is_missing(nsg_id), (), given_subnet)


def _check_subnet_size(subnet: ipaddress.IPv4Network, addresses_needed: int) -> None:
    if subnet.prefixlen > 29:
        raise InvalidArgumentError("subnet_address_prefix", str(subnet), "Azure's smallest subnet is a /29")
    usable = subnet.num_addresses - AZURE_RESERVED_ADDRESSES_PER_SUBNET
    if usable < addresses_needed:
        raise InvalidArgumentError(
            "subnet_address_prefix",
            str(subnet),
            f"a subnet with room for {addresses_needed} addresses (the VMs, and an internal frontend; Azure keeps "
            f"5 addresses of each subnet, and this one has {usable} left)",
        )


def _outbound(args: Mapping[str, Any], public: bool, creates_subnet: bool) -> Outbound:
    outbound: Outbound = choice(args, "outbound", Outbound, Outbound.LB_RULE if public else Outbound.NONE)
    if outbound is Outbound.LB_RULE and not public:
        raise InvalidArgumentError(
            "outbound",
            args.get("outbound"),
            "nat_gateway or none with public=False: outbound rules need a public frontend, and an internal "
            "load balancer gives no outbound access (learn.microsoft.com/azure/load-balancer/outbound-rules)",
        )
    if outbound is Outbound.NAT_GATEWAY and not creates_subnet:
        raise InvalidArgumentError(
            "outbound",
            args.get("outbound"),
            "lb_rule or none with subnet_id: the component attaches a NAT gateway only to a subnet it creates; "
            "for your own subnet, attach a NAT gateway to it yourself",
        )
    return outbound


def _frontend_private_ip(args: Mapping[str, Any], public: bool, subnet: ipaddress.IPv4Network | None) -> str | None:
    value = args.get("frontend_private_ip")
    if is_missing(value):
        return None
    if public:
        raise InvalidArgumentError(
            "frontend_private_ip",
            value,
            "nothing with public=True: a public load balancer's frontend is its public IP (set public=False)",
        )
    if subnet is None:
        raise InvalidArgumentError(
            "subnet_address_prefix",
            None,
            "the prefix of the subnet given as subnet_id, so that frontend_private_ip can be checked against it",
        )
    try:
        address = ipaddress.IPv4Address(str(value).strip())
    except ValueError:
        raise InvalidArgumentError("frontend_private_ip", value, "an IPv4 address such as 10.0.1.10") from None
    usable = subnet_usable_addresses(subnet)
    if address not in usable:
        raise InvalidArgumentError(
            "frontend_private_ip",
            value,
            f"an address of the subnet {subnet} that Azure does not reserve: {usable.start}-{usable.stop - 1} "
            f"(Azure keeps the network address, the first three hosts and the broadcast address)",
        )
    return str(address)


@dataclass(frozen=True)
class AddressRange:
    start: ipaddress.IPv4Address
    stop: ipaddress.IPv4Address
    """Exclusive."""

    def __contains__(self, address: object) -> bool:
        return isinstance(address, ipaddress.IPv4Address) and self.start <= address < self.stop


def subnet_usable_addresses(subnet: ipaddress.IPv4Network) -> AddressRange:
    """The addresses a subnet hands out. Azure reserves five: x.x.x.0 (network), .1 (default
    gateway), .2 and .3 (Azure DNS) and the broadcast address.
    learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
    """
    return AddressRange(subnet.network_address + 4, subnet.broadcast_address)


def _source_prefixes(
    args: Mapping[str, Any], argument: str, default: tuple[str, ...], *, admin: bool
) -> tuple[str, ...]:
    value = args.get(argument)
    if value is None:
        return default
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgumentError(argument, value, "a list of CIDRs, IP addresses or service tags")
    if len(value) > MAX_SOURCE_PREFIXES:
        raise InvalidArgumentError(argument, value, f"at most {MAX_SOURCE_PREFIXES} entries")
    prefixes: list[str] = []
    for i, prefix in enumerate(value):
        item = f"{argument}[{i}]"
        if admin and isinstance(prefix, str) and prefix.strip().lower() in OPEN_TO_ALL_PREFIXES:
            raise InvalidArgumentError(
                item,
                prefix,
                "the admin port (SSH/RDP) is never opened to everyone: give your own CIDR or IP, e.g. 203.0.113.7/32",
            )
        prefixes.append(_source_prefix(item, prefix))
    if len(set(p.lower() for p in prefixes)) != len(prefixes):
        raise InvalidArgumentError(argument, value, "each prefix once")
    return tuple(prefixes)


def _source_prefix(argument: str, value: object) -> str:
    """A CIDR or IP as Azure writes it, '*', or a published service tag in Azure's spelling.
    Reserved ranges (loopback, link-local, 168.63.129.16, ...) are accepted: NSG rules take them."""
    allowed = "an IPv4 address, a CIDR block such as 203.0.113.0/24, '*', or a service tag such as Internet"
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(argument, value, allowed)
    value = value.strip()
    if value == "*":
        return value
    if _SERVICE_TAG_SHAPE.match(value):
        tag = service_tags.service_tag(value)
        if tag is None:
            raise InvalidArgumentError(
                argument,
                value,
                "a service tag Azure publishes (Internet, VirtualNetwork, AzureLoadBalancer, Storage.WestEurope, "
                "...; learn.microsoft.com/azure/virtual-network/service-tags-overview), an IPv4 address or a CIDR"
                + _did_you_mean(service_tags.closest_service_tags(value)),
            )
        return tag
    try:
        return str(ipaddress.IPv4Network(value, strict=True))
    except ValueError:
        raise InvalidArgumentError(argument, value, allowed) from None


# --- load balancer -----------------------------------------------------------------------------

_LB_PROTOCOLS = {"tcp": "Tcp", "udp": "Udp"}
_PROBE_PROTOCOLS = {"http": "Http", "https": "Https", "tcp": "Tcp"}
_RULE_KEYS = {"frontend_port", "backend_port", "protocol"}
_PROBE_KEYS = {"protocol", "port", "path", "interval_in_seconds"}
_PROBE_ALIASES = {"request_path": "path", "interval_seconds": "interval_in_seconds"}  # Azure's and common names


def _lb_rules(value: object) -> tuple[LbRule, ...]:
    if value is None:
        return DEFAULT_LB_RULES
    if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence) or not value:
        raise InvalidArgumentError(
            "lb_rules", value, "a non-empty list of {frontend_port, backend_port, protocol} rules"
        )
    rules = tuple(_lb_rule(f"lb_rules[{i}]", raw) for i, raw in enumerate(value))
    frontends: set[tuple[int, str]] = set()
    backends: set[tuple[int, str]] = set()
    for i, rule in enumerate(rules):
        for side, port, seen in (("frontend", rule.frontend_port, frontends), ("backend", rule.backend_port, backends)):
            if (port, rule.protocol) in seen:
                raise InvalidArgumentError(
                    f"lb_rules[{i}]",
                    value[i],
                    f"each {side} port and protocol once (Azure refuses two rules on the same {side} port)",
                )
            seen.add((port, rule.protocol))
    return rules


def _lb_rule(argument: str, raw: object) -> LbRule:
    allowed = (
        "a rule {frontend_port: 1-65534, backend_port: 1-65535, protocol: Tcp|Udp} "
        "or a (frontend, backend, protocol) tuple"
    )
    if isinstance(raw, Mapping):
        unknown = set(raw) - _RULE_KEYS
        if unknown or "frontend_port" not in raw or "backend_port" not in raw:
            raise InvalidArgumentError(argument, raw, allowed)
        fields: dict[str, Any] = dict(raw)
    elif isinstance(raw, Sequence) and not isinstance(raw, str) and len(raw) in (2, 3):
        fields = dict(zip(("frontend_port", "backend_port", "protocol"), raw, strict=False))
    else:
        raise InvalidArgumentError(argument, raw, allowed)
    return LbRule(
        frontend_port=_port(f"{argument}.frontend_port", fields["frontend_port"], MAX_FRONTEND_PORT),
        backend_port=_port(f"{argument}.backend_port", fields["backend_port"], MAX_BACKEND_PORT),
        protocol=_spelling(f"{argument}.protocol", fields.get("protocol", "Tcp"), _LB_PROTOCOLS),
    )


def _probe(value: object) -> Probe:
    if value is None:
        return DEFAULT_PROBE
    if isinstance(value, Mapping):
        value = {_PROBE_ALIASES.get(key, key): item for key, item in value.items()}
    if not isinstance(value, Mapping) or set(value) - _PROBE_KEYS:
        raise InvalidArgumentError(
            "probe", value, "a probe {protocol: Http|Https|Tcp, port: 1-65535, path: '/...', interval_in_seconds: >= 5}"
        )
    protocol = _spelling("probe.protocol", value.get("protocol", DEFAULT_PROBE.protocol), _PROBE_PROTOCOLS)
    port = _port("probe.port", value.get("port", DEFAULT_PROBE.port), MAX_BACKEND_PORT)
    interval = value.get("interval_in_seconds", DEFAULT_PROBE.interval_in_seconds)
    if not _is_int(interval) or interval < MIN_PROBE_INTERVAL_SECONDS:
        raise InvalidArgumentError(
            "probe.interval_in_seconds", interval, f"a whole number of seconds, at least {MIN_PROBE_INTERVAL_SECONDS}"
        )
    path = value.get("path", DEFAULT_PROBE.path if protocol != "Tcp" else None)
    if protocol == "Tcp":
        if path is not None:
            raise InvalidArgumentError("probe.path", path, "no path: TCP probes only open a connection")
    elif not isinstance(path, str) or not path.startswith("/") or any(c.isspace() for c in path):
        raise InvalidArgumentError("probe.path", path, f"{protocol} probes need a request path starting with '/'")
    return Probe(protocol=protocol, port=port, path=path, interval_in_seconds=interval)


def _check_ports(lb_rules: tuple[LbRule, ...], nat_start: int, vm_count: int, admin_port: int) -> None:
    last = nat_start + vm_count - 1
    if last > MAX_FRONTEND_PORT:
        raise InvalidArgumentError(
            "nat_frontend_port_start",
            nat_start,
            f"a start that leaves room for {vm_count} NAT ports up to {MAX_FRONTEND_PORT} "
            f"(at most {MAX_FRONTEND_PORT - vm_count + 1})",
        )
    nat_ports = nat_port_range(nat_start, vm_count)
    for i, rule in enumerate(lb_rules):
        if rule.frontend_port in nat_ports:
            raise InvalidArgumentError(
                f"lb_rules[{i}].frontend_port",
                rule.frontend_port,
                f"a port outside the NAT range {nat_start}-{last} (nat_frontend_port_start + VM index)",
            )
        if rule.protocol == "Tcp" and rule.backend_port == admin_port:
            raise InvalidArgumentError(
                f"lb_rules[{i}].backend_port",
                rule.backend_port,
                f"a port other than the admin port {admin_port}, which the NAT rules forward to",
            )
    if len(lb_rules) + vm_count > MAX_LB_RULES_AND_NAT_RULES:
        raise InvalidArgumentError(
            "lb_rules", len(lb_rules), f"at most {MAX_LB_RULES_AND_NAT_RULES} rules with the {vm_count} NAT rules"
        )


# --- small helpers ------------------------------------------------------------------------------


def _image(value: object, default: Image) -> Image:
    allowed = "{publisher, offer, sku, version} or a 'publisher:offer:sku:version' URN"
    if value is None:
        return default
    if isinstance(value, str):
        parts = value.split(":")
        if len(parts) != 4:
            raise InvalidArgumentError("image", value, allowed)
        fields: dict[str, object] = dict(zip(("publisher", "offer", "sku", "version"), parts, strict=True))
    elif isinstance(value, Mapping) and not set(value) - {"publisher", "offer", "sku", "version"}:
        fields = {"version": "latest", **value}
    else:
        raise InvalidArgumentError("image", value, allowed)
    for key in ("publisher", "offer", "sku", "version"):
        part = fields.get(key)
        if not isinstance(part, str) or not _IMAGE_PART.match(part):
            raise InvalidArgumentError(f"image.{key}", part, "letters, digits, '.', '_' and '-'")
    return Image(str(fields["publisher"]), str(fields["offer"]), str(fields["sku"]), str(fields["version"]))


def _check_custom_data(text: str) -> None:
    size = len(text.encode())
    if size > MAX_CUSTOM_DATA_BYTES:
        raise InvalidArgumentError("custom_data", f"<{size} bytes>", f"at most {MAX_CUSTOM_DATA_BYTES} bytes")


def check_tags(tags: Mapping[Any, Any]) -> None:
    """Azure's tag limits, the strictest of every resource type the component tags (see
    `catalogs.resource_tags`). Values that are Outputs are checked by Azure when they resolve."""
    count = resource_tags.strictest("max_tags")
    name_length = resource_tags.strictest("max_name_length")
    value_length = resource_tags.strictest("max_value_length")
    total = resource_tags.strictest("max_total_characters")
    assert count and name_length and value_length  # every type has these
    forbidden = resource_tags.GENERAL_LIMITS.forbidden_name_characters
    if len(tags) > count.value:
        raise InvalidArgumentError("tags", f"<{len(tags)} tags>", f"at most {count.value} tags per resource")
    characters = 0
    for key, value in tags.items():
        if not isinstance(key, str) or not key.strip():
            raise InvalidArgumentError("tags", key, "tag names are non-empty text")
        if any(c in key for c in forbidden):
            raise InvalidArgumentError(
                "tags", key, f"tag names without any of {' '.join(forbidden)} (Azure refuses them on every resource)"
            )
        if len(key) > name_length.value:
            raise InvalidArgumentError(
                "tags",
                _abbreviate(key, 60),
                f"tag names of at most {name_length.value} characters ({name_length.resource_type} allows no "
                f"more, and the component tags one; this name has {len(key)})",
            )
        if isinstance(value, pulumi.Output):
            continue
        if not isinstance(value, str):
            raise InvalidArgumentError(
                f"tags.{key}",
                value,
                "a string: Azure tag values are text (to keep a list or an object, write it as one JSON string)",
            )
        if len(value) > value_length.value:
            raise InvalidArgumentError(
                f"tags.{key}", _abbreviate(value, 60), f"tag values of at most {value_length.value} characters"
            )
        characters += len(key) + len(value)
    if total is not None and characters > total.value:
        raise InvalidArgumentError(
            "tags",
            f"<{characters} characters in tag names and values>",
            f"at most {total.value} characters in all tag names and values together ({total.resource_type} "
            "allows no more, and the component tags its VMs)",
        )


def _int_in_range(args: Mapping[str, Any], argument: str, default: int, low: int, high: int) -> int:
    value = args.get(argument, default)
    if value is None:
        value = default
    if not _is_int(value) or not low <= value <= high:
        raise InvalidArgumentError(argument, value, f"a whole number from {low} to {high}")
    return int(value)


def _port(argument: str, value: object, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= high:
        raise InvalidArgumentError(argument, value, f"a port number from 1 to {high}")
    return value


def _spelling(argument: str, value: object, spellings: Mapping[str, str]) -> str:
    if isinstance(value, str) and value.strip().lower() in spellings:
        return spellings[value.strip().lower()]
    raise InvalidArgumentError(argument, value, f"one of {', '.join(spellings.values())}")


def _optional_matching(args: Mapping[str, Any], argument: str, pattern: re.Pattern[str], allowed: str) -> str | None:
    value = args.get(argument)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not pattern.match(value):
        raise InvalidArgumentError(argument, value, allowed)
    return value


def _bool(args: Mapping[str, Any], argument: str, *, default: bool) -> bool:
    value = args.get(argument)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InvalidArgumentError(argument, value, "true or false")
    return value


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _abbreviate(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 3] + "..."
