"""The mocks' rules for changes to what exists: updates and deletes ARM refuses while a NIC or VM uses the resource."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import ArmRejection, Registered, refuse_delete, refuse_update

from ..support.arm import NETWORK

LB_ID = f"{NETWORK}/loadBalancers/lb"
RULE_ID = f"{LB_ID}/inboundNatRules/vm-2-ssh"


LB, NIC, RULE, VM = (
    "azure-native:network:LoadBalancer",
    "azure-native:network:NetworkInterface",
    "azure-native:network:InboundNatRule",
    "azure-native:compute:VirtualMachine",
)


def resource(
    type_: str, name: str, resource_id: str, inputs: dict[str, Any], secret: frozenset[str] = frozenset()
) -> Registered:
    return Registered(type_, name, resource_id, inputs, inputs, secret)


def nic_on_rule(rule_id: str = RULE_ID) -> Registered:
    configuration = {"name": "ip", "loadBalancerInboundNatRules": [{"id": rule_id}]}
    return resource(NIC, "vm-2-nic", f"{NETWORK}/networkInterfaces/vm-2-nic", {"ipConfigurations": [configuration]})


def lb_with_inline_rules(*names: str) -> Registered:
    return resource(LB, "lb", LB_ID, {"inboundNatRules": [{"name": n} for n in names]})


def live(*resources: Registered) -> dict[str, Registered]:
    return {r.id.lower(): r for r in resources}


def test_a_load_balancer_update_dropping_an_inline_nat_rule_a_nic_uses_is_refused() -> None:
    nic = nic_on_rule()
    with pytest.raises(ArmRejection, match="vm-2-nic"):
        refuse_update(lb_with_inline_rules("vm-1-ssh", "vm-2-ssh"), lb_with_inline_rules("vm-1-ssh"), live(nic))


def test_a_load_balancer_update_without_the_nat_rules_key_keeps_the_standalone_rules() -> None:
    before, after = resource(LB, "lb", LB_ID, {"sku": {"name": "Standard"}}), resource(LB, "lb", LB_ID, {})
    refuse_update(before, after, live(nic_on_rule(), resource(RULE, "vm-2-ssh", RULE_ID, {})))


def test_an_update_dropping_a_backend_pool_a_nic_uses_is_refused() -> None:
    configuration = {"name": "ip", "loadBalancerBackendAddressPools": [{"id": f"{LB_ID}/backendAddressPools/pool"}]}
    nic = resource(NIC, "n", f"{NETWORK}/networkInterfaces/n", {"ipConfigurations": [configuration]})
    before = resource(LB, "lb", LB_ID, {"backendAddressPools": [{"name": "pool"}]})
    with pytest.raises(ArmRejection):
        refuse_update(before, resource(LB, "lb", LB_ID, {"backendAddressPools": []}), live(nic))


def test_deleting_a_nat_rule_a_nic_still_uses_is_refused() -> None:
    with pytest.raises(ArmRejection):
        refuse_delete(resource(RULE, "vm-2-ssh", RULE_ID, {}), live(nic_on_rule()))


def test_deleting_a_nic_its_vm_still_uses_is_refused() -> None:
    nic = nic_on_rule()
    vm = resource(VM, "vm-2", "/vm-2", {"networkProfile": {"networkInterfaces": [{"id": nic.id}]}})
    with pytest.raises(ArmRejection) as caught:
        refuse_delete(nic, live(vm))
    assert caught.value.code == "NicInUse"


def test_turning_trusted_launch_on_for_a_running_vm_is_refused() -> None:
    vm_id = f"{NETWORK.rsplit('/providers', 1)[0]}/providers/Microsoft.Compute/virtualMachines/vm-1"
    before = resource(VM, "vm-1", vm_id, {})
    after = resource(VM, "vm-1", vm_id, {"securityProfile": {"securityType": "TrustedLaunch"}})
    with pytest.raises(ArmRejection, match=r"securityProfile\.securityType"):
        refuse_update(before, after, live(before))
