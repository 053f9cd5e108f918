"""The mocks' rules for changes to what exists: the updates Azure refuses on what it fixed at creation, and the
updates and deletes it refuses while a NIC or VM uses the resource."""

from __future__ import annotations

from typing import Any

import pytest

from offline.azure_mocks import ArmRejection, Registered
from offline.change_rules import deleted_with, has_local_temp_disk, refuse_create, refuse_delete, refuse_update

from ..support.arm import NETWORK, RG_ID, VNET_ID

LB_ID = f"{NETWORK}/loadBalancers/lb"
RULE_ID = f"{LB_ID}/inboundNatRules/vm-2-ssh"


LB, NIC, RULE, VM, VNET, NSG, PIP, GROUP = (
    "azure-native:network:LoadBalancer",
    "azure-native:network:NetworkInterface",
    "azure-native:network:InboundNatRule",
    "azure-native:compute:VirtualMachine",
    "azure-native:network:VirtualNetwork",
    "azure-native:network:NetworkSecurityGroup",
    "azure-native:network:PublicIPAddress",
    "azure-native:resources:ResourceGroup",
)
FRONTEND = {"id": f"{LB_ID}/frontendIPConfigurations/frontend"}


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


def refused(before: Registered, after: Registered, *others: Registered) -> str:
    with pytest.raises(ArmRejection) as caught:
        refuse_update(before, after, live(*others))
    return caught.value.code


def vm(**inputs: Any) -> Registered:
    return resource(VM, "vm-1", f"{NETWORK}/../Microsoft.Compute/virtualMachines/vm-1", inputs)


# --- what a VM keeps from its creation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"osProfile": {"customData": "YQ=="}}, {"osProfile": {"customData": "Yg=="}}),
        ({"storageProfile": {"imageReference": {"sku": "a"}}}, {"storageProfile": {"imageReference": {"sku": "b"}}}),
        (
            {"osProfile": {"linuxConfiguration": {"ssh": {"publicKeys": [{"keyData": "a"}]}}}},
            {"osProfile": {"linuxConfiguration": {"ssh": {"publicKeys": [{"keyData": "b"}]}}}},
        ),
        (
            {"osProfile": {"linuxConfiguration": {"disablePasswordAuthentication": True}}},
            {"osProfile": {"linuxConfiguration": {"disablePasswordAuthentication": False}}},
        ),
        ({"osProfile": {"adminPassword": "a"}}, {"osProfile": {"adminPassword": "b"}}),
        (
            {"osProfile": {"windowsConfiguration": {"enableAutomaticUpdates": True}}},
            {"osProfile": {"windowsConfiguration": {"enableAutomaticUpdates": False}}},
        ),
        ({"zones": ["1"]}, {"zones": ["2"]}),
        ({"availabilitySet": {"id": "/a"}}, {}),
    ],
    ids=["custom data", "image", "ssh keys", "password login", "password", "automatic updates", "zone", "avset"],
)
def test_changing_what_azure_fixes_at_creation_is_refused(before: dict[str, Any], after: dict[str, Any]) -> None:
    assert refused(vm(**before), vm(**after)) == "PropertyChangeNotAllowed"


def test_a_resize_between_sizes_without_temp_disk_is_accepted() -> None:
    refuse_update(
        vm(hardwareProfile={"vmSize": "Standard_D2s_v5"}), vm(hardwareProfile={"vmSize": "Standard_D4s_v5"}), {}
    )


def test_a_resize_from_no_temp_disk_to_a_temp_disk_is_refused() -> None:
    before, after = (
        vm(hardwareProfile={"vmSize": "Standard_D2s_v5"}),
        vm(hardwareProfile={"vmSize": "Standard_D2ds_v5"}),
    )
    assert refused(before, after) == "ResizeAcrossTempDiskNotAllowed"


def test_a_resize_the_names_do_not_settle_is_not_refused() -> None:
    refuse_update(
        vm(hardwareProfile={"vmSize": "Standard_D2s_v5"}), vm(hardwareProfile={"vmSize": "Standard_NC4as_T4_v3"}), {}
    )


@pytest.mark.parametrize(
    ("size", "has_one"),
    [
        ("Standard_D2s_v5", False),
        ("Standard_D2ds_v5", True),
        ("Standard_DS2_v2", True),
        ("Standard_D2as_v4", True),
        ("Standard_D2s_v4", False),
        ("Standard_E4-2s_v5", False),
        ("Standard_B2s", True),
        ("Standard_B2ls_v2", False),
        ("Standard_L8s_v3", True),
        ("Standard_F4as_v6", None),
    ],
)
def test_which_sizes_have_a_local_temp_disk(size: str, has_one: bool | None) -> None:
    assert has_local_temp_disk(size) is has_one


# --- NAT rules: a frontend port is held until its rule moves -------------------------------------------


def nat_rule(name: str, port: int) -> Registered:
    inputs = {"frontendIPConfiguration": FRONTEND, "frontendPort": port, "protocol": "Tcp"}
    return resource(RULE, name, f"{LB_ID}/inboundNatRules/{name}", inputs)


def test_moving_a_nat_rule_onto_a_port_another_rule_holds_is_refused() -> None:
    assert refused(nat_rule("vm-1-ssh", 50001), nat_rule("vm-1-ssh", 50002), nat_rule("vm-2-ssh", 50002)) == (
        "InvalidFrontendPort"
    )


def test_moving_a_nat_rule_onto_a_free_port_is_accepted() -> None:
    refuse_update(nat_rule("vm-1-ssh", 50001), nat_rule("vm-1-ssh", 50000), live(nat_rule("vm-2-ssh", 50002)))


# --- subnets, NSGs, public IPs --------------------------------------------------------------------------


def vnet(prefix: str) -> Registered:
    return resource(VNET, "vnet", VNET_ID, {"subnets": [{"name": "vms", "addressPrefix": prefix}]})


def nic_in_subnet() -> Registered:
    configuration = {"name": "ip", "subnet": {"id": f"{VNET_ID}/subnets/vms"}}
    return resource(NIC, "vm-1-nic", f"{NETWORK}/networkInterfaces/vm-1-nic", {"ipConfigurations": [configuration]})


def test_a_new_prefix_for_a_subnet_with_nics_is_refused() -> None:
    assert refused(vnet("10.0.0.0/24"), vnet("10.0.1.0/24"), nic_in_subnet()) == "InUsePrefixCannotBeDeleted"


def test_a_new_prefix_for_an_empty_subnet_is_accepted() -> None:
    refuse_update(vnet("10.0.0.0/24"), vnet("10.0.1.0/24"), {})


def test_deleting_an_nsg_a_subnet_still_uses_is_refused() -> None:
    nsg = resource(NSG, "nsg", f"{NETWORK}/networkSecurityGroups/nsg", {})
    subnet = {"name": "vms", "addressPrefix": "10.0.0.0/24", "networkSecurityGroup": {"id": nsg.id}}
    with pytest.raises(ArmRejection) as caught:
        refuse_delete(nsg, live(resource(VNET, "vnet", VNET_ID, {"subnets": [subnet]})))
    assert caught.value.code == "InUseNetworkSecurityGroupCannotBeDeleted"


def test_new_zones_for_a_public_ip_are_refused() -> None:
    before, after = (
        resource(PIP, "pip", "/pip", {"zones": []}),
        resource(PIP, "pip", "/pip", {"zones": ["1", "2", "3"]}),
    )
    assert refused(before, after) == "ResourceAvailabilityZonesCannotBeModified"


def test_an_empty_zone_list_is_no_change_from_none() -> None:
    refuse_update(resource(PIP, "pip", "/pip", {}), resource(PIP, "pip", "/pip", {"zones": []}), {})


# --- what Azure deletes together ------------------------------------------------------------------------


def test_a_vm_takes_its_nic_with_it_when_the_nic_says_delete() -> None:
    nic = nic_on_rule()
    doomed = vm(networkProfile={"networkInterfaces": [{"id": nic.id, "deleteOption": "Delete"}]})
    assert deleted_with(doomed, live(nic)) == [nic.id.lower()]


def test_a_vm_leaves_a_detached_nic() -> None:
    nic = nic_on_rule()
    assert deleted_with(vm(networkProfile={"networkInterfaces": [{"id": nic.id}]}), live(nic)) == []


def test_a_resource_group_is_deleted_with_everything_in_it() -> None:
    group = resource(GROUP, "rg", RG_ID, {})
    nic = nic_on_rule()
    refuse_delete(group, live(nic))
    assert deleted_with(group, live(nic)) == [nic.id.lower()]


def test_turning_trusted_launch_on_for_a_running_vm_is_refused() -> None:
    vm_id = f"{NETWORK.rsplit('/providers', 1)[0]}/providers/Microsoft.Compute/virtualMachines/vm-1"
    before = resource(VM, "vm-1", vm_id, {})
    after = resource(VM, "vm-1", vm_id, {"securityProfile": {"securityType": "TrustedLaunch"}})
    with pytest.raises(ArmRejection, match=r"securityProfile\.securityType"):
        refuse_update(before, after, live(before))


def test_a_vm_takes_its_extensions_and_run_commands_with_it() -> None:
    doomed = vm()
    extension = resource("azure-native:compute:VirtualMachineExtension", "x", f"{doomed.id}/extensions/x", {})
    assert deleted_with(doomed, live(extension)) == [extension.id.lower()]


# --- what a create meets: a NIC Azure deleted, a VHD blob left behind -------------------------------------


def test_creating_a_vm_with_a_nic_that_is_gone_is_refused() -> None:
    nic = nic_on_rule()
    created = vm(networkProfile={"networkInterfaces": [{"id": nic.id, "deleteOption": "Delete"}]})
    with pytest.raises(ArmRejection, match="vm-2-nic does not exist") as caught:
        refuse_create(created, {}, set())
    assert caught.value.code == "InvalidResourceReference"


def test_creating_a_vm_with_its_nic_is_accepted() -> None:
    nic = nic_on_rule()
    refuse_create(vm(networkProfile={"networkInterfaces": [{"id": nic.id}]}), live(nic), set())


VHD = "https://vhd1.blob.core.windows.net/vhds/vm-1-osdisk.vhd"


def test_creating_a_vm_over_a_vhd_blob_that_is_still_there_is_refused() -> None:
    created = vm(storageProfile={"osDisk": {"vhd": {"uri": VHD}}})
    with pytest.raises(ArmRejection) as caught:
        refuse_create(created, {}, {VHD.lower()})
    assert caught.value.code == "TargetDiskBlobAlreadyExists"


def test_creating_a_vm_with_a_new_vhd_blob_is_accepted() -> None:
    refuse_create(vm(storageProfile={"osDisk": {"vhd": {"uri": VHD}}}), {}, set())
