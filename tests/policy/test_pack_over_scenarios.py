"""The whole guardrail policy pack over stacks as the offline mocks register them: every scenario
of the component passes, the naive 2016 stack is blocked."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi_azure_native import compute, network, resources, storage
from pulumi_policy import EnforcementLevel

from offline.harness import Deployment, evaluate
from offline.policy_check import PolicyReport, check_policies

from ..support.checks import each
from ..support.keys import ED25519, STRONG_PASSWORD
from ..support.policy_levels import ENFORCEMENT

# --- the whole pack over stacks as the mocks register them ------------------------------------------


@pytest.fixture(scope="module")
def dev_report(dev_stack: Deployment) -> PolicyReport:
    return check_policies(dev_stack)


def test_pack_passes_on_the_dev_stack(dev_report: PolicyReport) -> None:
    assert dev_report.violations == []


def test_pack_decides_every_policy_on_the_dev_stack(dev_report: PolicyReport) -> None:
    assert dev_report.undecided == []


def test_pack_saw_the_dev_stack_resources_with_their_urns(dev_stack: Deployment) -> None:
    assert all(r.urn.endswith(f"{r.type}::{r.name}") for r in each(dev_stack.registered))


def test_pack_passes_on_the_dev_stack_preview(dev_stack_preview: Deployment) -> None:
    report = check_policies(dev_stack_preview)
    assert (report.violations, report.undecided) == ([], [])


def test_pack_passes_on_every_option_set(maximal: Deployment) -> None:
    assert check_policies(maximal).violations == []


def test_pack_passes_on_windows(windows: Deployment) -> None:
    assert check_policies(windows).violations == []


def test_2016_vhd_layout_gets_only_the_unmanaged_disk_and_trusted_launch_advice(vhd: Deployment) -> None:
    report = check_policies(vhd)
    assert {(v.policy, v.level) for v in report.violations} == {
        ("no-unmanaged-disks", "advisory"),
        ("vm-trusted-launch", "advisory"),
    }


def test_linux_password_stack_gets_only_the_ssh_key_advice(linux_password_stack: Deployment) -> None:
    report = check_policies(linux_password_stack)
    assert {(v.policy, v.level) for v in report.violations} == {("linux-ssh-key-present", "advisory")}


def legacy_2016_program() -> dict[str, Any]:
    """The 2016 article built naively with today's SDK: what the pack exists to stop."""
    group = resources.ResourceGroup("rg", location="westeurope")
    rg = group.name
    pip = network.PublicIPAddress(
        "pip",
        network.PublicIPAddressInitArgs(
            resource_group_name=rg,
            sku=network.PublicIPAddressSkuArgs(name="Basic"),
            public_ip_allocation_method="Dynamic",
        ),
    )
    network.NetworkSecurityGroup(
        "nsg",
        network.NetworkSecurityGroupInitArgs(
            resource_group_name=rg,
            security_rules=[
                network.SecurityRuleArgs(
                    name="rdp",
                    priority=1000,
                    direction="Inbound",
                    access="Allow",
                    protocol="Tcp",
                    source_address_prefix="*",
                    source_port_range="*",
                    destination_address_prefix="*",
                    destination_port_range="3389",
                )
            ],
        ),
    )
    network.LoadBalancer(
        "lb",
        network.LoadBalancerArgs(
            resource_group_name=rg,
            sku=network.LoadBalancerSkuArgs(name="Basic"),
            frontend_ip_configurations=[
                network.FrontendIPConfigurationArgs(name="fe", public_ip_address=network.PublicIPAddressArgs(id=pip.id))
            ],
            load_balancing_rules=[
                network.LoadBalancingRuleArgs(name="http", protocol="Tcp", frontend_port=80, backend_port=80)
            ],
        ),
    )
    avset = compute.AvailabilitySet(
        "avset", compute.AvailabilitySetArgs(resource_group_name=rg, platform_fault_domain_count=1)
    )
    storage.StorageAccount(
        "vhds",
        storage.StorageAccountArgs(
            resource_group_name=rg,
            sku=storage.SkuArgs(name="Standard_LRS"),
            kind="StorageV2",
            enable_https_traffic_only=False,
            minimum_tls_version="TLS1_0",
            allow_blob_public_access=True,
        ),
    )
    nic_pip = network.PublicIPAddress(
        "vm-pip",
        network.PublicIPAddressInitArgs(
            resource_group_name=rg,
            sku=network.PublicIPAddressSkuArgs(name="Standard"),
            public_ip_allocation_method="Static",
        ),
    )
    nic = network.NetworkInterface(
        "nic",
        network.NetworkInterfaceArgs(
            resource_group_name=rg,
            ip_configurations=[
                network.NetworkInterfaceIPConfigurationArgs(
                    name="ipconfig1",
                    subnet=network.SubnetArgs(id="subnet-id"),
                    public_ip_address=network.PublicIPAddressArgs(id=nic_pip.id),
                )
            ],
        ),
    )
    for name, in_set in (("vm-1", True), ("vm-2", False)):
        compute.VirtualMachine(
            name,
            compute.VirtualMachineArgs(
                resource_group_name=rg,
                availability_set=compute.SubResourceArgs(id=avset.id) if in_set else None,
                network_profile=compute.NetworkProfileArgs(
                    network_interfaces=[compute.NetworkInterfaceReferenceArgs(id=nic.id)]
                ),
                os_profile=compute.OSProfileArgs(
                    computer_name=name,
                    admin_username="azureuser",
                    admin_password=pulumi.Output.secret(STRONG_PASSWORD),
                    linux_configuration=compute.LinuxConfigurationArgs(
                        disable_password_authentication=False,
                        ssh=compute.SshConfigurationArgs(
                            public_keys=[compute.SshPublicKeyArgs(path="/home/azureuser/.ssh/k", key_data=ED25519)]
                        ),
                    ),
                ),
                storage_profile=compute.StorageProfileArgs(
                    os_disk=compute.OSDiskArgs(
                        name=f"{name}-os",
                        create_option="FromImage",
                        vhd=compute.VirtualHardDiskArgs(uri=f"https://vhds.blob.core.windows.net/vhds/{name}.vhd"),
                    )
                ),
            ),
        )
    return {}


@pytest.fixture(scope="module")
def legacy_report() -> PolicyReport:
    # A preview: the policies run before Azure is asked, as `pulumi preview --policy-pack` does.
    return check_policies(evaluate(legacy_2016_program, preview=True))


def test_pack_blocks_the_naive_2016_stack_on_every_mandatory_rule(legacy_report: PolicyReport) -> None:
    # All but the custom-admin-port rule (the 2016 article uses the well-known RDP port, which
    # admin-ports-not-open-to-internet reports), the diagnostics-firewall rule (its storage
    # accounts have no firewall at all) and the scale-set rule (it has no scale set).
    mandatory = {name for name, level in ENFORCEMENT.items() if level is EnforcementLevel.MANDATORY}
    assert {v.policy for v in legacy_report.mandatory} == mandatory - {
        "nat-backend-ports-not-open-to-internet",
        "diagnostics-storage-allows-azure-services",
        "scale-set-health-extension",
    }


def test_pack_advises_on_the_naive_2016_stack_unmanaged_disks_and_trusted_launch(legacy_report: PolicyReport) -> None:
    assert {v.policy for v in legacy_report.advisory} == {"no-unmanaged-disks", "vm-trusted-launch"}


def test_pack_reports_the_lonely_availability_set_on_its_urn(legacy_report: PolicyReport) -> None:
    [violation] = [v for v in legacy_report.violations if v.policy == "availability-set-has-two-vms"]
    assert violation.urn.endswith("azure-native:compute:AvailabilitySet::avset")


def test_pack_blocks_a_stack_whose_nsg_opens_ssh_to_the_internet() -> None:
    # The component refuses `*` itself; a hand-made rule in the same stack is caught by the pack.
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        network.SecurityRule(
            "open-ssh",
            network.SecurityRuleInitArgs(
                resource_group_name=group.name,
                network_security_group_name="web-nsg",
                security_rule_name="open-ssh",
                priority=100,
                direction="Inbound",
                access="Allow",
                protocol="Tcp",
                source_address_prefix="Internet",
                source_port_range="*",
                destination_address_prefix="*",
                destination_port_ranges=["22", "443"],
            ),
        )
        return {}

    report = check_policies(evaluate(program, preview=True))
    assert [v.policy for v in report.mandatory] == ["admin-ports-not-open-to-internet"]


def test_policy_reading_a_value_unknown_in_preview_is_undecided_not_passed() -> None:
    # The admin source comes from another resource: unknown until deployment, as in the CLI.
    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        pip = network.PublicIPAddress(
            "jump",
            network.PublicIPAddressInitArgs(
                resource_group_name=group.name,
                sku=network.PublicIPAddressSkuArgs(name="Standard"),
                public_ip_allocation_method="Static",
            ),
        )
        network.NetworkSecurityGroup(
            "nsg",
            network.NetworkSecurityGroupInitArgs(
                resource_group_name=group.name,
                security_rules=[
                    network.SecurityRuleArgs(
                        name="ssh-from-jump",
                        priority=1000,
                        direction="Inbound",
                        access="Allow",
                        protocol="Tcp",
                        source_address_prefix=pip.ip_address.apply(lambda ip: f"{ip}/32"),
                        source_port_range="*",
                        destination_address_prefix="*",
                        destination_port_range="22",
                    )
                ],
            ),
        )
        return {}

    report = check_policies(evaluate(program, preview=True))
    assert ([v.policy for v in report.undecided], report.violations) == (["admin-ports-not-open-to-internet"], [])


# --- the production options, the tier shapes, the N-tier example ------------------------------------


@pytest.mark.parametrize("scenario", ["zones", "bastion", "hub_bastion", "monitored", "windows_manual"])
def test_the_policy_pack_passes_on_each_production_option(scenario: str, request: pytest.FixtureRequest) -> None:
    deployment: Deployment = request.getfixturevalue(scenario)
    assert check_policies(deployment).mandatory == []


@pytest.mark.parametrize(
    "scenario", ["internal_static", "nat_gateway", "given_subnet", "given_subnet_and_nsg", "internal_zones"]
)
def test_the_policy_pack_passes_on_each_tier_shape(scenario: str, request: pytest.FixtureRequest) -> None:
    deployment: Deployment = request.getfixturevalue(scenario)
    assert check_policies(deployment).mandatory == []


def test_the_policy_pack_passes_on_a_tier_administered_through_bastion(bastion_in_given_subnets: Deployment) -> None:
    assert check_policies(bastion_in_given_subnets).mandatory == []


def test_the_policy_pack_passes_on_the_ntier_example(ntier_with_admin: Deployment) -> None:
    report = check_policies(ntier_with_admin)
    assert (report.violations, report.undecided) == ([], [])
