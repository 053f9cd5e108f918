"""Bad input registers nothing: the component and the stack refuse before the first resource."""

from __future__ import annotations

from typing import Any

import pytest

from components import InvalidArgumentError
from offline.azure_mocks import AzureMocks
from offline.harness import evaluate_component, evaluate_stack, stack_config

from ..support.catalog_cases import CASES, IDS
from ..support.constants import NS
from ..support.keys import ED25519
from ..support.scenarios import CALLER_SUBNET_ID


def test_bad_config_registers_nothing(one_vm_stack: tuple[InvalidArgumentError, AzureMocks]) -> None:
    _, mocks = one_vm_stack
    # The fixture fails unless the stack raised InvalidArgumentError.
    assert mocks.registered == []


def test_bad_component_arguments_register_nothing() -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, "admin_source_prefixes": ["*"]}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


@pytest.mark.parametrize(
    "args",
    [
        {"placement": "zones", "zones": ["4"]},
        {"placement": "zones", "disk_storage": "vhd"},
        {"placement": "zones", "location": "westcentralus"},
        {"fault_domain_count": 3, "location": "uksouth"},
        {"admin_access": "bastion", "bastion_subnet_address_prefix": "10.0.1.0/28"},
        {"alert_email": "ops"},
        {"log_analytics_workspace_id": "ops-logs"},
    ],
)
def test_bad_placement_access_or_monitoring_input_registers_nothing(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


def test_bad_monitoring_config_registers_nothing() -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError, match=f"{NS}:alertEmail"):
        evaluate_stack(stack_config("dev", {f"{NS}:alertEmail": "not-an-address"}), mocks=mocks)
    assert mocks.registered == []


@pytest.mark.parametrize(
    "args",
    [
        {"subnet_id": "not-an-arm-id"},
        {"public": False, "frontend_private_ip": "10.0.0.1"},
        {"public": False, "frontend_private_ip": "192.168.0.10"},
        {"subnet_id": CALLER_SUBNET_ID, "outbound": "nat_gateway"},
        {"public": False, "dns_label": "contoso"},
    ],
    ids=["subnet-id", "reserved-frontend-ip", "frontend-ip-outside", "nat-gateway-byo", "dns-label-internal"],
)
def test_bad_network_arguments_register_nothing(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("app", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own


@pytest.mark.parametrize("args", [c[1] for c in CASES], ids=IDS)
def test_the_component_refuses_before_registering_anything(args: dict[str, Any]) -> None:
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError):
        evaluate_component("web", {"ssh_public_key": ED25519, **args}, mocks=mocks)
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]  # the caller's own
