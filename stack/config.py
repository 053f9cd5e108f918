"""Stack configuration -> component arguments, for `__main__.py`.

Pure: it reads config through a `get(key) -> str | None` function (`pulumi.Config().get`
in the stack, a dictionary's `get` in tests), converts camelCase keys and JSON values to
`LoadBalancedVmSetArgs`, and validates them before the stack registers anything. Errors
name the config key (`azure-multi-vm:vmCount`, under the project's own name), not the
argument, and speak the config's terms (camelCase fields, JSON values).
"""

from __future__ import annotations

import difflib
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
"""This repository's project name (Pulumi.yaml), the namespace of its keys; the stack passes
`pulumi.get_project()`, which `pulumi new` sets to the new project's name."""
PROVIDER_NAMESPACE = "azure-native"
PROVIDER_LOCATION_KEY = f"{PROVIDER_NAMESPACE}:location"
# The Azure Native provider's settings: its SDK's `pulumi_azure_native.config` (pulumi-azure-native
# 3.29, generated from the schema's `config.variables`); a test compares this list with the SDK.
PROVIDER_CONFIG_KEYS = (
    "auxiliaryTenantIds",
    "clientCertificatePassword",
    "clientCertificatePath",
    "clientId",
    "clientSecret",
    "disableInstanceDiscovery",
    "disablePulumiPartnerId",
    "environment",
    "location",
    "metadataHost",
    "msiEndpoint",
    "oidcRequestToken",
    "oidcRequestUrl",
    "oidcToken",
    "oidcTokenFilePath",
    "partnerId",
    "subscriptionId",
    "tenantId",
    "useDefaultAzureCredential",
    "useMsi",
    "useOidc",
)
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
    get: ConfigGetter,
    present_keys: Iterable[str] = (),
    provider_location: str | None = None,
    *,
    project: str = NAMESPACE,
) -> StackSettings:
    """Read and validate every config key; raise `InvalidArgumentError` naming the key.

    `project` is the project's name (`pulumi.get_project()`), the namespace of the keys that
    `get` reads. `present_keys` are the full keys set in the stack (`<project>:vmCount`, ...): one
    the stack does not read is most likely a typo, and warned of (`unknown_key_warnings`).
    `provider_location` is `azure-native:location`, the region when the `location` key is not set:
    it is checked against Azure's regions like `location`.
    """
    warnings = unknown_key_warnings(present_keys, project)
    args: dict[str, Any] = {}
    for key, argument in CONFIG_KEYS.items():
        text = get(key)
        if text is None or text.strip() == "":
            continue
        full_key = f"{project}:{key}"
        if key in INT_KEYS:
            args[argument] = _integer(text)
        elif key in BOOL_KEYS:
            args[argument] = _boolean(full_key, text)
        elif key in LIST_KEYS:
            args[argument] = _list(full_key, text)
        elif key == "tags":
            args[argument] = _json(full_key, text)  # tag names are the user's own: kept as written
        elif key in OBJECT_KEYS:
            args[argument] = _snake_keys(_json(full_key, text, urn_allowed=key == "image"))
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
        raise in_config_terms(error, project) from None
    return StackSettings(args=typed, spec=spec, warnings=warnings)


def unknown_key_warnings(present_keys: Iterable[str], project: str = NAMESPACE) -> tuple[str, ...]:
    """One warning per key set in the stack that nothing reads: in the project's namespace, a
    key this stack does not read; in `azure-native:`, a setting the provider does not have.
    Each names the nearest known key when one is close (`vmcount`: did you mean `vmCount`?).
    Keys of other namespaces (other providers, `pulumi:`) are left alone."""
    warnings = []
    for key in sorted(set(present_keys)):
        namespace, _, name = key.partition(":")
        if namespace == project and name not in CONFIG_KEYS:
            known: Iterable[str] = CONFIG_KEYS
            what = "a key this stack reads"
        elif namespace == PROVIDER_NAMESPACE and name not in PROVIDER_CONFIG_KEYS:
            known = PROVIDER_CONFIG_KEYS
            what = "a setting of the azure-native provider"
        else:
            continue
        nearest = _nearest(name, known)
        hint = f"did you mean {namespace}:{nearest}?" if nearest else f"known keys: {', '.join(known)}."
        warnings.append(f"{key} is not {what}, so it has no effect; {hint}")
    return tuple(warnings)


def _nearest(name: str, known: Iterable[str]) -> str | None:
    """The known key closest to `name`, ignoring case (`vmcount` -> `vmCount`), if any is close."""
    by_lower = {k.lower(): k for k in known}
    matches = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.75)
    return by_lower[matches[0]] if matches else None


def in_config_terms(error: InvalidArgumentError, project: str = NAMESPACE) -> InvalidArgumentError:
    """A component argument's error as the config key's: `lb_rules[0]` -> `<project>:lbRules[0]`,
    and for the structured keys (lbRules, probe, image, tags) the value as JSON and the allowed
    shape with the config's camelCase field names (a tuple is a JSON list in config)."""
    key = config_key_for(error.argument, project)
    head = re.match(r"[a-z_]+", error.argument)
    if head is None or head.group() not in OBJECT_KEYS.values() or error.secret:
        return error.renamed(key)
    if head.group() == "tags":  # tag names are the user's own, kept as written
        return error.renamed(key, shown=json.dumps(error.value))
    allowed = _camel_words(re.sub(r"\(([^()]*)\) tuple", r"[\1] list", error.allowed))
    return error.renamed(key, allowed=allowed, shown=json.dumps(_camel_keys(error.value)))


def config_key_for(argument: str, project: str = NAMESPACE) -> str:
    """`lb_rules[0].frontend_port` -> `<project>:lbRules[0].frontendPort`."""
    head, tail = re.match(r"([a-z_]+)(.*)", argument).groups()  # type: ignore[union-attr]
    key = ARGUMENT_TO_KEY.get(head, _camel(head))
    if head == "tags":
        return f"{project}:{key}{tail}"  # tag names are the user's own, kept as written
    return f"{project}:{key}{_camel_words(tail)}"


def application_url(host: str, spec: VmSetSpec) -> str:
    """Where a browser reaches the app: the first load-balancing rule's frontend port."""
    port = spec.lb_rules[0].frontend_port
    if port == 443:
        return f"https://{host}/"
    return f"http://{host}/" if port == 80 else f"http://{host}:{port}/"


def _integer(text: str) -> int | str:
    """The whole number `text` spells; other text as it is, for the validation to refuse with
    the argument's own range (`vmCount=abc`: a whole number from 2 to 200)."""
    try:
        return int(text.strip())
    except ValueError:
        return text


def _boolean(full_key: str, text: str) -> bool:
    """What `pulumi config set key true` stores (and Pulumi.<stack>.yaml's true/false)."""
    value = text.strip().lower()
    if value not in ("true", "false"):
        raise InvalidArgumentError(full_key, text, "true or false")
    return value == "true"


def _list(full_key: str, text: str) -> list[Any]:
    """A JSON list, or a comma-separated string (`pulumi config set k "a,b"`)."""
    stripped = text.strip()
    if stripped.startswith("["):
        value = _json(full_key, stripped)
        if not isinstance(value, list):
            raise InvalidArgumentError(full_key, text, "a JSON list or comma-separated values")
        return value
    return [part.strip() for part in stripped.split(",") if part.strip()]


def _json(full_key: str, text: str, *, urn_allowed: bool = False) -> Any:
    """`urn_allowed`: plain text that is not JSON is kept (the image's publisher:offer:sku:version)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        stripped = text.strip()
        if urn_allowed and not stripped.startswith(("{", "[")):
            return stripped
        raise InvalidArgumentError(full_key, text, "valid JSON (set it with `pulumi config set --path`)") from None


def _snake_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_snake(str(k)): _snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_snake_keys(v) for v in value]
    return value


def _camel_keys(value: Any) -> Any:
    """`_snake_keys` undone: how the config spells a structured value."""
    if isinstance(value, Mapping):
        return {_camel(str(k)): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_camel_keys(v) for v in value]
    return value


def _camel_words(text: str) -> str:
    """Every snake_case word of `text` in camelCase (`frontend_port` -> `frontendPort`)."""
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: _camel(m.group()), text)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)
