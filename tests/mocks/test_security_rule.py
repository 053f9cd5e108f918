"""The standalone SecurityRule mock (used by the policy tests) refuses what Azure refuses."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import SUBSCRIPTION_ID, ArmRejection, AzureMocks

from ..support.arm import RG, allow_ssh_rule, register


@pytest.fixture
def nsg_mocks(mocks: AzureMocks) -> AzureMocks:
    """`mocks` with an empty NSG `nsg`."""
    register(mocks, "NetworkSecurityGroup", {"resourceGroupName": RG, "networkSecurityGroupName": "nsg"})
    return mocks


def rule(**overrides: Any) -> dict[str, Any]:
    """A standalone SecurityRule: the inline rule's properties, named by its NSG and its own name."""
    inline = allow_ssh_rule()
    del inline["name"]
    standalone = {"resourceGroupName": RG, "networkSecurityGroupName": "nsg", "securityRuleName": "allow-ssh"}
    return standalone | inline | overrides


def test_security_rule_gets_an_id_under_its_nsg(nsg_mocks: AzureMocks) -> None:
    resource_id, _ = register(nsg_mocks, "SecurityRule", rule())
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
def test_security_rule_refusals(nsg_mocks: AzureMocks, overrides: dict[str, Any], code: str) -> None:
    with pytest.raises(ArmRejection) as caught:
        register(nsg_mocks, "SecurityRule", rule(**overrides))
    assert caught.value.code == code
