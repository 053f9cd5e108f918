"""Resource type tokens and safe reading of resource properties.

Policies see a resource's inputs with the SDK's camelCase names (`availabilitySet`,
`ipConfigurations`, ...). During `pulumi preview`, values computed from other resources
(IDs, say) are unknown, and reading one raises the policy SDK's `UnknownValueError`, which
the SDK reports as "can't run during preview". Checks that only need to know whether a
property is set use `is_set`, which never reads an unknown value, so they can decide
during preview too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pulumi_policy.proxy import UnknownValueError

# Resource kinds, as `module:Type` of the pulumi-azure-native token.
VIRTUAL_MACHINE = "compute:VirtualMachine"
SCALE_SET = "compute:VirtualMachineScaleSet"
AVAILABILITY_SET = "compute:AvailabilitySet"
NETWORK_INTERFACE = "network:NetworkInterface"
NETWORK_SECURITY_GROUP = "network:NetworkSecurityGroup"
SECURITY_RULE = "network:SecurityRule"
LOAD_BALANCER = "network:LoadBalancer"
INBOUND_NAT_RULE = "network:InboundNatRule"
PUBLIC_IP_ADDRESS = "network:PublicIPAddress"
STORAGE_ACCOUNT = "storage:StorageAccount"
BLOB_CONTAINER = "storage:BlobContainer"
DIAGNOSTIC_SETTING = "monitor:DiagnosticSetting"


def kind_of(resource_type: str) -> str | None:
    """`module:Type` of a pulumi-azure-native token, whatever the API version it pins.

    `azure-native:compute:VirtualMachine`, `azure-native:compute/v20240301:VirtualMachine`
    (explicit API version) and `azure-native_compute_v20240301:compute:VirtualMachine`
    (a locally generated package) all give `compute:VirtualMachine`; other providers None.
    """
    parts = resource_type.split(":")
    if len(parts) != 3 or not parts[0].startswith("azure-native"):
        return None
    return f"{parts[1].split('/')[0]}:{parts[2]}"


def is_set(props: Mapping[str, Any], key: str) -> bool:
    """Whether `key` holds a value (an unknown one counts: something will be there)."""
    try:
        value = props.get(key)
    except UnknownValueError:
        return True
    if isinstance(value, Mapping | Sequence):
        return len(value) > 0  # never compares the contents, which may be unknown
    return value is not None


def mapping(props: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """`props[key]` as a mapping; empty when absent."""
    value = props.get(key)
    return value if isinstance(value, Mapping) else {}


def items(props: Mapping[str, Any], key: str) -> Iterator[Mapping[str, Any]]:
    """The mappings in the list `props[key]`; none when absent."""
    value = props.get(key)
    if isinstance(value, Sequence) and not isinstance(value, str):
        for item in value:
            if isinstance(item, Mapping):
                yield item


def strings(props: Mapping[str, Any], key: str) -> list[str]:
    """`props[key]` as a list of strings (a single value counts as one); empty when absent."""
    value = props.get(key)
    if value is None:
        return []
    values = [value] if isinstance(value, str | int | float) else list(value)
    # Numbers arrive as floats over gRPC (protobuf Struct): 22.0 is "22".
    return [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in values]


def path(props: Mapping[str, Any], *keys: str) -> Any:
    """`props[k1][k2]...`, or None as soon as one level is absent."""
    value: Any = props
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value
