"""The standalone SecurityRule mock (used by the policy tests) refuses what Azure refuses."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.runtime import MockResourceArgs

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

pytestmark = pytest.mark.usefixtures("deploying")  # the mocks are called directly

RG = "rg-test"


def register(mocks: AzureMocks, token: str, inputs: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    return mocks.new_resource(
        MockResourceArgs(typ=token, name=token.rsplit(":", 1)[-1].lower(), inputs=inputs, custom=True)
    )


@pytest.fixture
def mocks() -> AzureMocks:
    m = AzureMocks()
    register(m, "azure-native:resources:ResourceGroup", {"resourceGroupName": RG, "location": "westeurope"})
    register(
        m, "azure-native:network:NetworkSecurityGroup", {"resourceGroupName": RG, "networkSecurityGroupName": "nsg"}
    )
    return m


def rule(**overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "resourceGroupName": RG,
        "networkSecurityGroupName": "nsg",
        "securityRuleName": "allow-ssh",
        "priority": 1000,
        "direction": "Inbound",
        "access": "Allow",
        "protocol": "Tcp",
        "sourceAddressPrefix": "203.0.113.7/32",
        "sourcePortRange": "*",
        "destinationAddressPrefix": "*",
        "destinationPortRange": "22",
    }
    return inputs | overrides


def test_security_rule_gets_an_id_under_its_nsg(mocks: AzureMocks) -> None:
    resource_id, _ = register(mocks, "azure-native:network:SecurityRule", rule())
    nsg = f"/subscriptions/{SUBSCRIPTION_ID}/resourceGroups/{RG}/providers/Microsoft.Network/networkSecurityGroups/nsg"
    assert resource_id == f"{nsg}/securityRules/allow-ssh"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"networkSecurityGroupName": "missing"}, "ParentResourceNotFound"),
        ({"priority": 99}, "SecurityRuleInvalidPriority"),
        ({"destinationPortRange": None, "destinationPortRanges": ["22", "*"]}, "SecurityRuleInvalidPortRange"),
    ],
)
def test_security_rule_refusals(mocks: AzureMocks, overrides: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(mocks, "azure-native:network:SecurityRule", rule(**overrides))
    assert caught.value.code == code
