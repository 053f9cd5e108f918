"""The handler table: a registration or invoke reaches the handler of its exact token; anything
the table does not hold is not modelled and fails rather than get a made-up answer."""

from __future__ import annotations

import pytest
from pulumi.runtime import MockCallArgs, MockResourceArgs

from offline.azure_mocks import AzureMocks

from ..support.arm import RG, register


@pytest.mark.parametrize(
    "token",
    [
        "azure-native:network:ApplicationGateway",
        # Only the type name is that of a modelled type: another service's resource.
        "azure-native:azurestackhci:VirtualNetwork",
        "azure-native:aadiam:DiagnosticSetting",
    ],
)
def test_a_resource_type_the_table_does_not_hold_is_not_modelled(mocks: AzureMocks, token: str) -> None:
    with pytest.raises(NotImplementedError, match=f"^no mock for resource type {token}$"):
        register(mocks, token, {"resourceGroupName": RG})
    assert [r.short_type for r in mocks.registered] == ["ResourceGroup"]


def test_an_invoke_the_table_does_not_hold_is_not_modelled(mocks: AzureMocks) -> None:
    token = "azure-native:compute:getVirtualMachine"
    with pytest.raises(NotImplementedError, match=f"^no mock for invoke {token}$"):
        mocks.call(MockCallArgs(token=token, args={}, provider=""))


def test_a_component_resource_is_answered_with_its_inputs_and_no_id(mocks: AzureMocks) -> None:
    component = "azure-multi-vm:index:LoadBalancedVmSet"
    args = MockResourceArgs(typ=component, name="web", inputs={"vmCount": 2}, custom=False)
    assert mocks.new_resource(args) == (None, {"vmCount": 2})


def test_a_top_level_resource_without_its_name_input_is_autonamed(mocks: AzureMocks) -> None:
    resource_id, state = register(mocks, "NetworkSecurityGroup", {"resourceGroupName": RG})
    assert mocks.registered[-1].autonamed
    assert resource_id.rsplit("/", 1)[1] == state["name"] == mocks.registered[-1].inputs["networkSecurityGroupName"]


def test_a_top_level_resource_named_by_the_program_is_not_autonamed(mocks: AzureMocks) -> None:
    register(mocks, "NetworkSecurityGroup", {"resourceGroupName": RG, "networkSecurityGroupName": "nsg"})
    assert not mocks.registered[-1].autonamed
