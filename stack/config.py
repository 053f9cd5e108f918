"""Stack configuration -> component arguments, for `__main__.py`.

Pure: it reads config through a `get(key) -> str | None` function (`pulumi.Config().get`
in the stack, a dictionary's `get` in tests), converts camelCase keys and JSON values to
`LoadBalancedVmSetArgs`, and validates them before the stack registers anything. Errors
name the config key (`azure-multi-vm:vmCount`), not the argument.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from components.args import LoadBalancedVmSetArgs
from components.decisions.spec import VmSetSpec
from components.errors import InvalidArgumentError
from components.validation import validate
from components.validation.location import checked_location

NAMESPACE = "azure-multi-vm"
PROVIDER_LOCATION_KEY = "azure-native:location"
COMPONENT_NAME = "web"

# Config key -> component argument, and how the key's text is read.
INT_KEYS = {
    "vmCount": "vm_count",
    "natFrontendPortStart": "nat_frontend_port_start",
    "adminPort": "admin_port",
    "faultDomainCount": "fault_domain_count",
    "updateDomainCount": "update_domain_count",
    "maxUnavailable": "max_unavailable",
}
BOOL_KEYS = {"public": "public", "trustedLaunch": "trusted_launch"}
TEXT_KEYS = {
    "location": "location",
    "frontendPrivateIp": "frontend_private_ip",
    "subnetId": "subnet_id",
    "networkSecurityGroupId": "network_security_group_id",
    "outbound": "outbound",
    "vmSize": "vm_size",
    "osType": "os_type",
    "adminUsername": "admin_username",
    "sshPublicKey": "ssh_public_key",
    "adminPassword": "admin_password",
    "diskStorage": "disk_storage",
    "dnsLabel": "dns_label",
    "subnetAddressPrefix": "subnet_address_prefix",
    "customData": "custom_data",
    "placement": "placement",
    "patchMode": "patch_mode",
    "adminAccess": "admin_access",
    "bastionSubnetId": "bastion_subnet_id",
    "bastionSubnetAddressPrefix": "bastion_subnet_address_prefix",
    "logAnalyticsWorkspaceId": "log_analytics_workspace_id",
    "alertEmail": "alert_email",
}
LIST_KEYS = {
    "adminSourcePrefixes": "admin_source_prefixes",
    "appSourcePrefixes": "app_source_prefixes",
    "vnetAddressSpace": "vnet_address_space",
    "zones": "zones",
}
VERBATIM_KEYS = {"adminPassword", "customData"}  # white space is part of the value
OBJECT_KEYS = {"lbRules": "lb_rules", "probe": "probe", "image": "image", "tags": "tags"}
CONFIG_KEYS = {**INT_KEYS, **BOOL_KEYS, **TEXT_KEYS, **LIST_KEYS, **OBJECT_KEYS}
ARGUMENT_TO_KEY = {argument: key for key, argument in CONFIG_KEYS.items()}
# What `__main__.py` exports (`pulumi stack output <name>`), in order.
STACK_OUTPUTS = {
    "resource_group_name": "The stack's resource group.",
    "frontend_ip": "The address clients use: the public IP, or an internal load balancer's private IP.",
    "public_ip": "The load balancer's public IP address (null with `public: false`).",
    "fqdn": "`<dnsLabel>.<region>.cloudapp.azure.com`, or null without `dnsLabel`.",
    "url": "The application's address (first load-balancing rule's frontend port; the FQDN when there is one).",
    "nat_endpoints": "VM name -> `frontend_ip:port` of its SSH/RDP NAT rule.",
    "vm_names": "VM names, in order (`web-vm-1`, `web-vm-2`, ...).",
    "private_ips": "The VMs' private IP addresses, in order.",
    "bastion_name": "The Azure Bastion host's name with `adminAccess: bastion` (`nat_endpoints` is then empty), "
    "else null.",
}

ConfigGetter = Callable[[str], str | None]


@dataclass(frozen=True)
class StackSettings:
    """The component arguments the stack config asks for, and their validated spec."""

    args: LoadBalancedVmSetArgs
    spec: VmSetSpec
    warnings: tuple[str, ...]
    """About the config itself (a key this stack does not read); the spec has its own."""


def read_stack_settings(
    get: ConfigGetter, present_keys: Iterable[str] = (), provider_location: str | None = None
) -> StackSettings:
    """Read and validate every config key; raise `InvalidArgumentError` naming the key.

    `present_keys` are the full keys set in the stack (`azure-multi-vm:vmCount`, ...): one in
    this project's namespace that the stack does not read is most likely a typo, and warned of.
    `provider_location` is `azure-native:location`, the region when the `location` key is not set:
    it is checked against Azure's regions like `location`.
    """
    unread = sorted(
        key for key in present_keys if key.startswith(f"{NAMESPACE}:") and key.split(":", 1)[1] not in CONFIG_KEYS
    )
    warnings = tuple(
        f"{key} is not a key this stack reads, so it has no effect (known keys: {', '.join(CONFIG_KEYS)})."
        for key in unread
    )
    args: dict[str, Any] = {}
    for key, argument in CONFIG_KEYS.items():
        text = get(key)
        if text is None or text.strip() == "":
            continue
        if key in INT_KEYS:
            args[argument] = _integer(key, text)
        elif key in BOOL_KEYS:
            args[argument] = _boolean(key, text)
        elif key in LIST_KEYS:
            args[argument] = _list(key, text)
        elif key == "tags":
            args[argument] = _json(key, text)  # tag names are the user's own: kept as written
        elif key in OBJECT_KEYS:
            args[argument] = _snake_keys(_json(key, text))
        else:
            args[argument] = text if key in VERBATIM_KEYS else text.strip()
    typed: LoadBalancedVmSetArgs = args  # type: ignore[assignment]
    default_location = None
    if "location" not in args and provider_location is not None and provider_location.strip():
        try:
            default_location = checked_location(provider_location)
        except InvalidArgumentError as error:
            raise error.renamed(PROVIDER_LOCATION_KEY) from None
    if "location" not in args and default_location is None and str(args.get("placement", "")).lower() == "zones":
        # The stack's resource group takes its region from these two keys; with neither there is no
        # region whose availability zones the VMs could use.
        raise InvalidArgumentError(
            f"{NAMESPACE}:placement",
            args["placement"],
            f"zones only in a known region: set {NAMESPACE}:location or {PROVIDER_LOCATION_KEY} "
            "to a region with availability zones, such as westeurope",
        )
    try:
        spec = validate(COMPONENT_NAME, typed, require_resource_group=False, default_location=default_location)
    except InvalidArgumentError as error:
        raise error.renamed(config_key_for(error.argument)) from None
    return StackSettings(args=typed, spec=spec, warnings=warnings)


def config_key_for(argument: str) -> str:
    """`lb_rules[0].frontend_port` -> `azure-multi-vm:lbRules[0].frontendPort`."""
    head, tail = re.match(r"([a-z_]+)(.*)", argument).groups()  # type: ignore[union-attr]
    key = ARGUMENT_TO_KEY.get(head, _camel(head))
    if head == "tags":
        return f"{NAMESPACE}:{key}{tail}"  # tag names are the user's own, kept as written
    return f"{NAMESPACE}:{key}{re.sub(r'[a-z]+(?:_[a-z]+)+', lambda m: _camel(m.group()), tail)}"


def application_url(host: str, spec: VmSetSpec) -> str:
    """Where a browser reaches the app: the first load-balancing rule's frontend port."""
    port = spec.lb_rules[0].frontend_port
    if port == 443:
        return f"https://{host}/"
    return f"http://{host}/" if port == 80 else f"http://{host}:{port}/"


def _integer(key: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidArgumentError(f"{NAMESPACE}:{key}", text, "a whole number") from None


def _boolean(key: str, text: str) -> bool:
    """What `pulumi config set key true` stores (and Pulumi.<stack>.yaml's true/false)."""
    value = text.strip().lower()
    if value not in ("true", "false"):
        raise InvalidArgumentError(f"{NAMESPACE}:{key}", text, "true or false")
    return value == "true"


def _list(key: str, text: str) -> list[Any]:
    """A JSON list, or a comma-separated string (`pulumi config set k "a,b"`)."""
    stripped = text.strip()
    if stripped.startswith("["):
        value = _json(key, stripped)
        if not isinstance(value, list):
            raise InvalidArgumentError(f"{NAMESPACE}:{key}", text, "a JSON list or comma-separated values")
        return value
    return [part.strip() for part in stripped.split(",") if part.strip()]


def _json(key: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        stripped = text.strip()
        if key == "image" and not stripped.startswith(("{", "[")):
            return stripped  # a publisher:offer:sku:version URN
        raise InvalidArgumentError(
            f"{NAMESPACE}:{key}", text, "valid JSON (set it with `pulumi config set --path`)"
        ) from None


def _snake_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_snake(str(k)): _snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snake_keys(v) for v in value]
    return value


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)
