"""Stack configuration -> component arguments, for `__main__.py`.

Pure: it reads config through a `get(key) -> str | None` function (`pulumi.Config().get`
in the stack, a dictionary's `get` in tests), converts camelCase keys and JSON values to
`LoadBalancedVmSetArgs`, and validates them before the stack registers anything. Each key, and
how its text is read, follows from its argument's declaration in components/args.py. Errors
name the config key (`azure-multi-vm:vmCount`, under the project's own name), not the
argument, and speak the config's terms (camelCase fields, JSON values).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from functools import cache
from typing import Any, get_args, get_origin, is_typeddict

from components.args import URN_ARGUMENTS, VERBATIM_ARGUMENTS, LoadBalancedVmSetArgs
from components.catalogs.provider import is_given, provider_cloud
from components.declarations import camel_case, field_types, plain_type
from components.errors import InvalidArgumentError
from components.spec import DiskStorage, VmSetSpec
from components.validation import validate
from components.validation.feasibility import check_region_cloud
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
# The public key of Pulumi.dev.yaml and of Pulumi.yaml's template: an example whose private half nobody
# holds (a test keeps the three the same). VMs given it can be reached by no one over SSH.
EXAMPLE_SSH_PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH1A4cH2UyDZAJSb7kizydDFNJRmxxVimwG6rnA0sSE3 example-key"

STACK_ARGUMENTS = frozenset({"resource_group_name"})
"""Arguments the stack gives itself (its own resource group), not read from config."""


class Reading(Enum):
    """How a config key's text (what `pulumi config set` stores) becomes its argument's value."""

    NUMBER = auto()
    """`int`: the whole number; other text as it is, for the validation to refuse with the argument's range."""
    SWITCH = auto()
    """`bool`: `true` or `false`."""
    TEXT = auto()
    """`str`: without surrounding white space."""
    VERBATIM = auto()
    """`str` whose white space is part of the value (`VERBATIM_ARGUMENTS`): as written."""
    LIST = auto()
    """A list of `str`: a JSON list, or comma-separated values."""
    FIELDS = auto()
    """An object or a list of objects of the component's types: JSON, its field names in camelCase."""
    FIELDS_OR_URN = auto()
    """`FIELDS`, or the URN string that stands for the object (`URN_ARGUMENTS`)."""
    MAP = auto()
    """A mapping: JSON, its keys the user's own names (tag names), kept as written."""


@cache
def config_readings(args_type: type = LoadBalancedVmSetArgs) -> dict[str, tuple[str, Reading]]:
    """Config key -> its argument and how the key's text is read, for every argument of `args_type`
    but the stack's own, in their order: the key is the argument's name in camelCase, the reading
    follows from its type."""
    return {
        camel_case(argument): (argument, _reading(argument, annotation))
        for argument, annotation in field_types(args_type).items()
        if argument not in STACK_ARGUMENTS
    }


def _reading(argument: str, annotation: object) -> Reading:
    plain = plain_type(annotation)
    item = get_args(plain)[0] if get_origin(plain) is Sequence else None
    if argument in VERBATIM_ARGUMENTS and plain is str:
        return Reading.VERBATIM
    if argument in URN_ARGUMENTS and is_typeddict(plain):
        return Reading.FIELDS_OR_URN
    if plain is bool:
        return Reading.SWITCH
    if plain is int:
        return Reading.NUMBER
    if plain is str:
        return Reading.TEXT
    if item is str:
        return Reading.LIST
    if is_typeddict(plain) or is_typeddict(item):
        return Reading.FIELDS
    if get_origin(plain) is Mapping:
        return Reading.MAP
    raise TypeError(f"{argument}: no way to read config text as {annotation}")


CONFIG_KEYS = {key: argument for key, (argument, _) in config_readings().items()}
"""Config key -> component argument."""
ARGUMENT_TO_KEY = {argument: key for key, argument in CONFIG_KEYS.items()}
_READINGS = {argument: reading for argument, reading in config_readings().values()}
_JSON_READINGS = (Reading.FIELDS, Reading.FIELDS_OR_URN, Reading.MAP)
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
# Exported only with `orchestration: scale_set` (`nat_endpoints`, `vm_names` and `private_ips` are then empty).
SCALE_SET_STACK_OUTPUTS = {
    "scale_set_name": "The scale set's name.",
    "scale_set_id": "The scale set's ARM ID.",
    "nat_port_range": "`start-end` of the scale set's NAT rule (null with Bastion); Azure gives each instance one "
    "port: the backend pool's `queryInboundNatRulePortMapping` says which (docs/scale-set.md).",
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
    provider: ConfigGetter | None = None,
) -> StackSettings:
    """Read and validate every config key; raise `InvalidArgumentError` naming the key.

    `project` is the project's name (`pulumi.get_project()`), the namespace of the keys that
    `get` reads. `present_keys` are the full keys set in the stack (`<project>:vmCount`, ...): one
    the stack does not read is most likely a typo, and warned of (`unknown_key_warnings`).
    `provider_location` is `azure-native:location`, the region when the `location` key is not set:
    it is checked against Azure's regions like `location`.
    `provider` reads the azure-native provider's settings (`pulumi.Config("azure-native").get`, and
    their environment variables) as the stack deploys: given, the stack needs a region, its cloud
    (`environment`) decides which regions and service tags are accepted, and the retired VHD layout
    is refused unless the provider targets a cloud of its own (`metadataHost`, Azure Stack Hub).
    """
    args = config_arguments(get, project)
    warnings = (
        unknown_key_warnings(present_keys, project)
        + other_namespace_warnings(present_keys, project)
        + example_key_warnings(args, project)
    )
    typed: LoadBalancedVmSetArgs = args  # type: ignore[assignment]
    cloud = None
    if provider is not None:
        provider_location = provider_location if provider_location is not None else provider("location")
        cloud = check_provider_settings(provider, args, provider_location, project)
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
    if "location" not in args and default_location is not None and _is_scale_set(args):
        # The component chooses a scale set's zones by its region: give it the stack's region, which the
        # stack's resource group takes anyway, rather than leave the component to guess.
        args["location"] = default_location
    try:
        spec = validate(
            COMPONENT_NAME, typed, require_resource_group=False, default_location=default_location, cloud=cloud
        )
    except InvalidArgumentError as error:
        raise in_config_terms(error, project) from None
    if provider is not None:
        check_disk_storage(spec, provider, project)
    return StackSettings(args=typed, spec=spec, warnings=warnings)


def _is_scale_set(args: Mapping[str, Any]) -> bool:
    return str(args.get("orchestration", "")).strip().lower() == "scale_set"


def config_arguments(
    get: ConfigGetter, project: str = NAMESPACE, args_type: type = LoadBalancedVmSetArgs
) -> dict[str, Any]:
    """The arguments that the keys set in config (`get` gives their text) ask for, unvalidated; a
    key's text that cannot be read as its argument's type raises `InvalidArgumentError` naming it."""
    args: dict[str, Any] = {}
    for key, (argument, reading) in config_readings(args_type).items():
        text = get(key)
        if text is not None and text.strip() != "":
            args[argument] = _read(reading, f"{project}:{key}", text)
        elif text is not None and reading in (Reading.NUMBER, Reading.SWITCH):
            # `pulumi config set vmCount ""`: not the default, which is had by removing the key.
            allowed = "a whole number" if reading is Reading.NUMBER else "true or false"
            raise InvalidArgumentError(
                f"{project}:{key}", text, f"{allowed}; to take the default, remove the key (pulumi config rm {key})"
            )
    return args


def _read(reading: Reading, full_key: str, text: str) -> Any:
    match reading:
        case Reading.NUMBER:
            return _integer(text)
        case Reading.SWITCH:
            return _boolean(full_key, text)
        case Reading.TEXT:
            return text.strip()
        case Reading.VERBATIM:
            return text
        case Reading.LIST:
            return _list(full_key, text)
        case Reading.FIELDS | Reading.FIELDS_OR_URN:
            return _snake_keys(_json(full_key, text, urn_allowed=reading is Reading.FIELDS_OR_URN))
        case Reading.MAP:
            return _json(full_key, text)  # the keys are the user's own names: kept as written


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


def example_key_warnings(args: Mapping[str, Any], project: str = NAMESPACE) -> tuple[str, ...]:
    """A warning when the SSH key is the shipped example's (its key data, whatever its comment)."""
    key = args.get("ssh_public_key")
    if not isinstance(key, str) or key.split()[1:2] != EXAMPLE_SSH_PUBLIC_KEY.split()[1:2]:
        return ()
    return (
        f"{project}:sshPublicKey is the example key shipped in Pulumi.dev.yaml, whose private half nobody holds: "
        'no one can log in to the VMs over SSH. Set your own: pulumi config set sshPublicKey "$(cat '
        '~/.ssh/id_ed25519.pub)"',
    )


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
    reading = _READINGS.get(head.group()) if head is not None else None
    if reading not in _JSON_READINGS or error.secret:
        return error.renamed(key)
    if reading is Reading.MAP:  # the keys are the user's own names, kept as written
        return error.renamed(key, shown=json.dumps(error.value))
    allowed = _camel_words(re.sub(r"\(([^()]*)\) tuple", r"[\1] list", error.allowed))
    return error.renamed(key, allowed=allowed, shown=json.dumps(_camel_keys(error.value)))


def config_key_for(argument: str, project: str = NAMESPACE) -> str:
    """`lb_rules[0].frontend_port` -> `<project>:lbRules[0].frontendPort`."""
    head, tail = re.match(r"([a-z_]+)(.*)", argument).groups()  # type: ignore[union-attr]
    key = ARGUMENT_TO_KEY.get(head, camel_case(head))
    if _READINGS.get(head) is Reading.MAP:
        return f"{project}:{key}{tail}"  # the keys are the user's own names, kept as written
    return f"{project}:{key}{_camel_words(tail)}"


def application_url(host: str, spec: VmSetSpec) -> str:
    """Where a browser reaches the app: the first load-balancing rule's frontend port."""
    port = spec.load_balancing.lb_rules[0].frontend_port
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
        return {camel_case(str(k)): _camel_keys(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_camel_keys(v) for v in value]
    return value


def _camel_words(text: str) -> str:
    """Every snake_case word of `text` in camelCase (`frontend_port` -> `frontendPort`)."""
    return re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: camel_case(m.group()), text)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


# --- the provider's settings -----------------------------------------------------------------------


def check_provider_settings(
    provider: ConfigGetter, args: Mapping[str, Any], provider_location: str | None, project: str = NAMESPACE
) -> str | None:
    """The stack's region and cloud, as the provider will deploy them: a region is needed (the
    resource group takes the `location` key's, else `azure-native:location`; with neither it gets
    none), and it must be in the cloud the provider signs in to. Returns that cloud
    (`regions.CLOUD_REGIONS`), or None when the provider targets endpoints of its own
    (`metadataHost`) or a cloud not known here, which only the provider checks."""
    if "location" not in args and (provider_location is None or not provider_location.strip()):
        raise InvalidArgumentError(
            PROVIDER_LOCATION_KEY,
            provider_location,
            f"for the stack's resource group, unless {project}:location is set: an Azure region such as westeurope "
            f"(pulumi config set {PROVIDER_LOCATION_KEY} westeurope)",
            required=True,
        )
    if is_given(provider("metadataHost")):
        return None  # endpoints of its own (Azure Stack Hub): only the provider checks the region
    cloud = provider_cloud(provider)
    if "location" not in args and provider_location is not None:
        try:
            check_region_cloud("location", checked_location(provider_location), cloud)
        except InvalidArgumentError as error:
            raise error.renamed(PROVIDER_LOCATION_KEY) from None
    return cloud


def check_disk_storage(spec: VmSetSpec, provider: ConfigGetter, project: str = NAMESPACE) -> None:
    """Unmanaged (VHD) disks: public Azure and the sovereign clouds retired them on 2026-03-31 (no
    VM with them can be created or started: learn.microsoft.com/azure/virtual-machines/
    unmanaged-disks-deprecation); Azure Stack Hub, which the provider reaches through its own
    `metadataHost`, still takes them. The component keeps the layout (to compare it in a preview)."""
    if spec.compute.disk_storage is DiskStorage.VHD and not is_given(provider("metadataHost")):
        raise InvalidArgumentError(
            f"{project}:diskStorage",
            spec.compute.disk_storage.value,
            "managed: Azure retired unmanaged (VHD) disks on 2026-03-31 and creates no VM with them; vhd only for "
            f"Azure Stack Hub (with {PROVIDER_NAMESPACE}:metadataHost set)",
        )


def other_namespace_warnings(present_keys: Iterable[str], project: str = NAMESPACE) -> tuple[str, ...]:
    """One warning per key of this stack's spelt under another project's namespace (`myapp:vmCount`
    in a project named azure-multi-vm): Pulumi hands it to the program, which never reads it."""
    warnings = []
    for key in sorted(set(present_keys)):
        namespace, _, name = key.partition(":")
        if namespace in (project, PROVIDER_NAMESPACE, "pulumi") or name not in CONFIG_KEYS:
            continue
        warnings.append(
            f"{key} is in the namespace {namespace!r}, not this project's ({project}), so it has no effect; "
            f"did you mean {project}:{name}?"
        )
    return tuple(warnings)
