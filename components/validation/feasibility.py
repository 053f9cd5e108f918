"""What each argument's own check lets through but cannot work once deployed: a size Azure does not
have or retired, a size and image that cannot run together, a probe on a port the default server
does not serve, more load-balancer rules than Azure programs, a region or service tag of another
cloud, tag names that Azure takes for one, and plain values of the wrong type.

Each check is a pure function of arguments already read by their own module (or of the raw
arguments, for the types), run by `validate` before anything is registered.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

import pulumi

from ..args import SECRET_ARGUMENTS
from ..catalogs import images, regions, service_tags, size_list, vm_sizes
from ..errors import InvalidArgumentError, abbreviated
from ..spec import AdminAccess, Compute, LoadBalancing, Network, OsType, Outbound, Probe
from .inputs import did_you_mean, given

# --- plain values of the wrong type ---------------------------------------------------------------

TEXT_ARGUMENTS = (
    "resource_group_name",
    "location",
    "ssh_public_key",
    "admin_password",
    "subnet_id",
    "network_security_group_id",
    "bastion_subnet_id",
    "log_analytics_workspace_id",
    "custom_data",
)
"""Arguments typed `pulumi.Input[str]`: text, or an Output that resolves to text."""


def check_argument_types(args: Mapping[str, Any]) -> None:
    """A text argument given from Python as bytes, a number or a list is refused before anything is
    registered (it would fail half-way through the resources otherwise)."""
    for argument in TEXT_ARGUMENTS:
        value = args.get(argument)
        if value is None or isinstance(value, (str, pulumi.Output)):
            continue
        raise _not_text(argument, value)


def text_value(argument: str, value: object) -> str:
    """`value` when it is text: for an Output's resolved value, with the message a plain value gets.
    None (an Output of None) is refused as missing."""
    if isinstance(value, str) and value.strip():
        return value
    if value is None or isinstance(value, str):
        raise InvalidArgumentError(argument, value, "(it resolved to nothing)", required=True)
    raise _not_text(argument, value)


def _not_text(argument: str, value: object) -> InvalidArgumentError:
    return InvalidArgumentError(
        argument,
        value,
        f"text (a str), or an Output that resolves to text; got {type(value).__name__}",
        secret=argument in SECRET_ARGUMENTS,
    )


# --- VM sizes and what they imply ---------------------------------------------------------------


def check_known_size(size: str, today: datetime.date | None = None) -> None:
    """`size` (a Standard size name of a known family) must be one Azure has, and not retired."""
    known = size_list.known_size(size)
    if known is None:
        raise InvalidArgumentError(
            "vm_size",
            size,
            "a VM size Azure has (no size of this name: learn.microsoft.com/azure/virtual-machines/sizes/overview)"
            + did_you_mean(size_list.closest_sizes(size)),
        )
    if size_list.is_retired(known, today or datetime.date.today()):
        raise InvalidArgumentError(
            "vm_size",
            size,
            f"a current size: the {known.series} series was retired on {known.retired} and Azure no longer "
            f"creates VMs of it; use a current size such as {vm_sizes.SUGGESTED_SIZE}",
        )


B1LS = "Standard_B1ls"  # Linux only (Learn, B-series v1: "B1ls is supported only on Linux")


def check_size_and_image(compute: Compute) -> None:
    """What the size implies for the image and OS: Arm64 against x64, B1ls only with Linux, a
    generation 1 image with Trusted Launch, a Windows image on a Linux set."""
    image = compute.image
    urn = f"{image.publisher}:{image.offer}:{image.sku}:{image.version}"
    if compute.os_type is OsType.LINUX and images.is_windows_image(image.publisher):
        raise InvalidArgumentError(
            "image",
            urn,
            f"a Linux image with os_type='linux': {image.publisher} publishes Windows images "
            "(set os_type='windows' to deploy it)",
        )
    known = size_list.known_size(compute.vm_size)
    size_arm64 = known is not None and known.arm64
    image_arm64 = images.is_arm64_image(image.offer, image.sku)
    if size_arm64 and not image_arm64:
        raise InvalidArgumentError(
            "vm_size",
            compute.vm_size,
            f"a size for the image's processor: {compute.vm_size} is an Arm64 size and the image {urn} is x64; "
            f"use an Arm64 image (an SKU ending in -arm64) or an x64 size such as {vm_sizes.SUGGESTED_SIZE}",
        )
    if image_arm64 and not size_arm64:
        raise InvalidArgumentError(
            "vm_size",
            compute.vm_size,
            f"an Arm64 size for the Arm64 image {urn} (a size with 'p' among its features, such as "
            "Standard_D2ps_v5), or an x64 image",
        )
    if compute.os_type is OsType.WINDOWS and compute.vm_size.strip().lower() == B1LS.lower():
        raise InvalidArgumentError(
            "vm_size", compute.vm_size, f"a size that runs Windows: {B1LS} runs Linux only; use Standard_B2s or larger"
        )
    if compute.trusted_launch and images.is_generation_1_image(image.publisher, image.offer, image.sku):
        twin = images.generation_2_sku(image.publisher, image.offer, image.sku)
        instead = f"its generation 2 SKU {twin!r}" if twin else "a generation 2 image"
        raise InvalidArgumentError(
            "image",
            urn,
            f"a generation 2 image, which Trusted Launch needs: {image.sku} is generation 1; use {instead}, "
            "or set trusted_launch=false",
        )


# --- the health probe and the default web server ---------------------------------------------------

DEFAULT_SERVER_PORT = 80
"""What the default custom data serves: nginx (cloud-init, decisions/cloud_init.py) or IIS (the
Windows extension, orchestrations/vms/extensions.py), plain HTTP on port 80, page `/`."""
MAX_PROBE_INTERVAL_SECONDS = 2**31 - 1
"""`intervalInSeconds` is a 32-bit integer (azure-rest-api-specs, network `loadBalancer.json`,
`ProbePropertiesFormat`, `"format": "int32"`)."""


def check_probe(compute: Compute, probe: Probe) -> None:
    if probe.interval_in_seconds > MAX_PROBE_INTERVAL_SECONDS:
        raise InvalidArgumentError(
            "probe.interval_in_seconds",
            probe.interval_in_seconds,
            f"at most {MAX_PROBE_INTERVAL_SECONDS} seconds (Azure's 32-bit integer)",
        )
    if compute.has_custom_data:
        return  # the caller's own server: only they know its port
    if probe.port != DEFAULT_SERVER_PORT:
        raise InvalidArgumentError(
            "probe.port",
            probe.port,
            f"port {DEFAULT_SERVER_PORT}, where the default server (nginx or IIS, without custom_data) answers; a "
            "probe on a port nothing serves keeps every VM out of rotation and the deployment waits for it: "
            "give custom_data that serves this port",
        )
    if probe.protocol == "Https":
        raise InvalidArgumentError(
            "probe.protocol",
            probe.protocol,
            "Http or Tcp: the default server (without custom_data) serves plain HTTP, so an HTTPS probe never "
            "succeeds; give custom_data that serves HTTPS",
        )


# --- load-balancer limits -------------------------------------------------------------------------

# Microsoft Learn, "Azure subscription and service limits", Load balancer limits, Standard (the
# networking include, ms.date 2024-10-24): "Each NIC can have a total of 300 rules (load balancing,
# inbound NAT, and outbound rules combined)"; "Backend IP configurations per frontend: 10,000 ... Each
# rule a backend pool instance is configured to counts as one configuration"; "Backend pool size:
# 5,000" (more than the 1,000 instances `vm_count` allows a scale set, and the 200 it allows VMs).
MAX_RULES_PER_NIC = 300
MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND = 10_000


def check_rule_limits(compute: Compute, network: Network, load_balancing: LoadBalancing, admin: AdminAccess) -> None:
    lb_rules = len(load_balancing.lb_rules)
    nat = 1 if admin is AdminAccess.NAT_RULES else 0
    outbound = 1 if network.outbound is Outbound.LB_RULE else 0
    per_nic = lb_rules + nat + outbound
    if per_nic > MAX_RULES_PER_NIC:
        raise InvalidArgumentError(
            "lb_rules",
            f"<{lb_rules} rules>",
            f"at most {MAX_RULES_PER_NIC - nat - outbound} load-balancing rules: each NIC takes at most "
            f"{MAX_RULES_PER_NIC} rules, and its NAT rule ({nat}) and the outbound rule ({outbound}) count too",
        )
    per_frontend = compute.vm_count * (lb_rules + outbound) + compute.vm_count * nat
    if per_frontend > MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND:
        most = MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND // (lb_rules + outbound + nat)
        raise InvalidArgumentError(
            "vm_count",
            compute.vm_count,
            f"at most {most} VMs with {lb_rules} load-balancing rules: each VM counts once per rule toward a "
            f"frontend's {MAX_BACKEND_IP_CONFIGURATIONS_PER_FRONTEND:,} backend IP configurations",
        )


# --- clouds: regions and service tags -----------------------------------------------------------


def check_region_cloud(argument: str, region: str | None, cloud: str | None) -> None:
    """`region` (a known region's programmatic name) must be in `cloud` (`regions.CLOUD_REGIONS`);
    None for either: not checked (another resource's region, or a cloud of its own endpoints)."""
    if region is None or cloud is None:
        return
    region_cloud = regions.cloud_of_region(region)
    if region_cloud == cloud:
        return
    where = f"the {region_cloud} cloud" if region_cloud else "a US Secret / Top Secret cloud"
    hint = (
        f"set azure-native:environment to {region_cloud} to deploy there"
        if region_cloud
        else "reached only through that cloud's own endpoints (azure-native:metadataHost)"
    )
    raise InvalidArgumentError(
        argument, region, f"a region of the {cloud} cloud the provider signs in to; {region} is in {where}: {hint}"
    )


def check_service_tag_clouds(args: Mapping[str, Any], cloud: str | None) -> None:
    """A regional service tag (`AzureCloud.usgovvirginia`) names its region's cloud: in another
    cloud's NSG there is no such tag."""
    if cloud is None:
        return
    for argument in ("admin_source_prefixes", "app_source_prefixes"):
        value = given(args, argument)
        if not isinstance(value, Sequence) or isinstance(value, str):
            continue
        for i, prefix in enumerate(value):
            if not isinstance(prefix, str) or service_tags.service_tag(prefix.strip()) is None:
                continue
            _, dot, region = prefix.strip().rpartition(".")
            region_cloud = regions.cloud_of_region(region) if dot else None
            if region_cloud is not None and region_cloud != cloud:
                raise InvalidArgumentError(
                    f"{argument}[{i}]",
                    prefix,
                    f"a service tag of the {cloud} cloud: {region} is a region of the {region_cloud} cloud, "
                    "whose tags this cloud's NSGs do not know",
                )


# --- tags -----------------------------------------------------------------------------------------


def check_tag_name_case(args: Mapping[str, Any]) -> None:
    """Azure treats tag names case-insensitively ("Tag names are case-insensitive for operations",
    learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations): two names
    that differ only in case are one tag, and one value is lost."""
    tags = given(args, "tags")
    if not isinstance(tags, Mapping):
        return
    seen: dict[str, str] = {}
    for name in tags:
        if not isinstance(name, str):
            continue
        first = seen.setdefault(name.lower(), name)
        if first != name:
            raise InvalidArgumentError(
                "tags",
                abbreviated(name, 60),
                f"tag names that differ in more than case: Azure takes {first!r} and {name!r} for one tag",
            )
