"""What Azure refuses by name or range, one case per row: VM sizes outside the Standard_
families (Basic, unknown families, generation 1 with Trusted Launch), unknown regions, unpublished
service tags, reserved VNet ranges and tags past a resource type's limits.

Each case is refused at three levels, each tested in its own layer: `validate`
(tests/validation/test_catalogs.py), the component before anything is registered
(tests/component/test_refusals.py) and `python -m plan --config ...` (tests/plan/test_cli.py).
"""

from __future__ import annotations

import json
from typing import Any

LONG_STORAGE_TAG_NAME = "n" * 128  # storage accounts allow tag names of at most 128 characters

# (case, component arguments, argument named, config key=value for `python -m plan`, key named)
CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    ("VM size without its family", {"vm_size": "D2s_v5"}, "vm_size", "vmSize=D2s_v5", "vmSize"),
    ("name that is no VM size", {"vm_size": "X9"}, "vm_size", "vmSize=X9", "vmSize"),
    ("VM size of no family", {"vm_size": "Standard_X9"}, "vm_size", "vmSize=Standard_X9", "vmSize"),
    ("VM size of the Basic tier", {"vm_size": "Basic_A1"}, "vm_size", "vmSize=Basic_A1", "vmSize"),
    (
        "generation 1 size with Trusted Launch",
        {"vm_size": "Standard_A2_v2"},
        "vm_size",
        "vmSize=Standard_A2_v2",
        "vmSize",
    ),
    ("misspelt region", {"location": "westeurop"}, "location", "location=westeurop", "location"),
    ("logical location", {"location": "europe"}, "location", "location=europe", "location"),
    (
        "unknown word as an admin source",
        {"admin_source_prefixes": ["localhost"]},
        "admin_source_prefixes[0]",
        'adminSourcePrefixes=["localhost"]',
        "adminSourcePrefixes[0]",
    ),
    (
        "misspelt service tag",
        {"app_source_prefixes": ["Internett"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Internett"]',
        "appSourcePrefixes[0]",
    ),
    (
        "service tag with an unknown region",
        {"app_source_prefixes": ["Storage.WestEuropa"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Storage.WestEuropa"]',
        "appSourcePrefixes[0]",
    ),
    (
        "regional form of a tag that has none",
        {"app_source_prefixes": ["Internet.WestEurope"]},
        "app_source_prefixes[0]",
        'appSourcePrefixes=["Internet.WestEurope"]',
        "appSourcePrefixes[0]",
    ),
    (
        "link-local VNet",
        {"vnet_address_space": "169.254.0.0/16", "subnet_address_prefix": "169.254.0.0/24"},
        "vnet_address_space",
        "vnetAddressSpace=169.254.0.0/16",
        "vnetAddressSpace",
    ),
    (
        "multicast VNet",
        {"vnet_address_space": "224.0.0.0/4"},
        "vnet_address_space",
        "vnetAddressSpace=224.0.0.0/4",
        "vnetAddressSpace",
    ),
    (
        "loopback VNet",
        {"vnet_address_space": "127.0.0.0/8"},
        "vnet_address_space",
        "vnetAddressSpace=127.0.0.0/8",
        "vnetAddressSpace",
    ),
    (
        "VNet holding Azure's host address",
        {"vnet_address_space": ["10.0.0.0/16", "168.63.129.16/32"]},
        "vnet_address_space",
        'vnetAddressSpace=["10.0.0.0/16", "168.63.129.16/32"]',
        "vnetAddressSpace",
    ),
    (
        "broadcast VNet",
        {"vnet_address_space": ["10.0.0.0/16", "255.255.255.255/32"]},
        "vnet_address_space",
        'vnetAddressSpace=["10.0.0.0/16", "255.255.255.255/32"]',
        "vnetAddressSpace",
    ),
    (
        "VNet spanning a reserved range",
        {"vnet_address_space": "168.0.0.0/6", "subnet_address_prefix": "168.0.0.0/24"},
        "vnet_address_space",
        "vnetAddressSpace=168.0.0.0/6",
        "vnetAddressSpace",
    ),
    (
        "tag name of 200 characters",
        {"tags": {"n" * 200: "x"}},
        "tags",
        "tags=" + json.dumps({"n" * 200: "x"}),
        "tags",
    ),
    (
        "tag name of 129 characters",
        {"tags": {"n" * 129: "x"}},
        "tags",
        "tags=" + json.dumps({"n" * 129: "x"}),
        "tags",
    ),
    (
        "tag name with a slash",
        {"tags": {"cost/center": "x"}},
        "tags",
        'tags={"cost/center": "x"}',
        "tags",
    ),
    (
        "tag value of 257 characters",
        {"tags": {"env": "v" * 257}},
        "tags.env",
        "tags=" + json.dumps({"env": "v" * 257}),
        "tags.env",
    ),
    (
        "tags past a VM's 2,048 characters",
        {"tags": {f"tag{i}": "v" * 250 for i in range(9)}},
        "tags",
        "tags=" + json.dumps({f"tag{i}": "v" * 250 for i in range(9)}),
        "tags",
    ),
    (
        "a list as a tag value",
        {"tags": {"owners": ["alice", "bob"]}},
        "tags.owners",
        'tags={"owners": ["alice", "bob"]}',
        "tags.owners",
    ),
    (
        "an object as a tag value",
        {"tags": {"owner": {"name": "alice"}}},
        "tags.owner",
        'tags={"owner": {"name": "alice"}}',
        "tags.owner",
    ),
    (
        "a number as a tag value",
        {"tags": {"cost_center": 4711}},
        "tags.cost_center",
        'tags={"cost_center": 4711}',
        "tags.cost_center",
    ),
]
IDS = [case[0] for case in CASES]
