"""The pure decisions (ports, names, NSG rules, start-up script), tested without Pulumi."""

from __future__ import annotations

import base64
import re

import pytest

from components import arm_ids, validate
from components.cloud_init import default_linux_cloud_init, encode_custom_data
from components.naming import ResourceNames, storage_account_name
from components.ports import nat_frontend_port, nat_port_range, nat_table
from components.security_rules import DENY_ALL_PRIORITY, SecurityRule, inbound_security_rules
from components.spec import OsType

from .support.keys import ED25519

LINUX = {"resource_group_name": "rg", "ssh_public_key": ED25519}
SEED = ("00000000-1111-2222-3333-444444444444", "rg-dev", "azure-multi-vm", "dev", "web")


# --- NAT numbering -----------------------------------------------------------------------------


def test_first_vm_gets_the_first_nat_port() -> None:
    assert nat_frontend_port(50001, 0) == 50001


def test_each_vm_gets_the_next_nat_port() -> None:
    assert [nat_frontend_port(50001, i) for i in range(3)] == [50001, 50002, 50003]


def test_nat_table_forwards_every_vm_to_the_admin_port() -> None:
    assert {m.backend_port for m in nat_table(50001, 5, 3389)} == {3389}


def test_nat_port_range_covers_exactly_the_vms() -> None:
    assert list(nat_port_range(60000, 3)) == [60000, 60001, 60002]


def test_a_vms_nat_port_does_not_depend_on_the_set_size() -> None:
    assert nat_table(50001, 3, 22) == nat_table(50001, 5, 22)[:3]


# --- names -------------------------------------------------------------------------------------


def test_vm_names_are_one_based_like_the_articles() -> None:
    assert ResourceNames("web").vm(0) == "web-vm-1"


def test_windows_computer_names_fit_fifteen_characters() -> None:
    names = ResourceNames("a-very-long-tier-name")
    assert all(len(names.computer_name(i, OsType.WINDOWS)) <= 15 for i in range(200))


def test_windows_computer_names_stay_unique_when_cut() -> None:
    names = ResourceNames("a-very-long-tier-name")
    assert len({names.computer_name(i, OsType.WINDOWS) for i in range(200)}) == 200


def test_linux_computer_name_is_the_vm_name() -> None:
    assert ResourceNames("web").computer_name(4, OsType.LINUX) == "web-vm-5"


def test_nat_rule_names_say_the_protocol() -> None:
    names = ResourceNames("web")
    assert (names.inbound_nat_rule(0, OsType.LINUX), names.inbound_nat_rule(1, OsType.WINDOWS)) == (
        "web-vm-1-ssh",
        "web-vm-2-rdp",
    )


@pytest.mark.parametrize("component", ["web", "a-very-long-tier-name-24c", "x1"])
@pytest.mark.parametrize("purpose", ["diag", "vhd1", "vhd200"])
def test_storage_account_names_are_valid(component: str, purpose: str) -> None:
    assert re.fullmatch(r"[a-z0-9]{3,24}", storage_account_name(component, purpose, SEED))


def test_storage_account_name_is_stable_across_runs() -> None:
    # A literal: a name derived from a per-process hash would change between runs and fail here.
    assert storage_account_name("web", "diag", SEED) == "web653aef0aebdiag"


def test_storage_account_name_differs_per_subscription() -> None:
    other = ("ffffffff-1111-2222-3333-444444444444", *SEED[1:])
    assert storage_account_name("web", "diag", SEED) != storage_account_name("web", "diag", other)


def test_storage_account_name_differs_per_stack() -> None:
    other = (*SEED[:3], "prod", SEED[4])
    assert storage_account_name("web", "diag", SEED) != storage_account_name("web", "diag", other)


# --- ARM IDs -------------------------------------------------------------------------------------


def test_load_balancer_child_ids_are_arm_shaped() -> None:
    lb = arm_ids.load_balancer_id("sub", "rg", "web-lb")
    assert arm_ids.load_balancer_child_id(lb, arm_ids.BACKEND_ADDRESS_POOLS, "backend-pool") == (
        "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/web-lb"
        "/backendAddressPools/backend-pool"
    )


# --- NSG rules -----------------------------------------------------------------------------------


def rules_for(**args: object) -> dict[str, SecurityRule]:
    spec = validate("web", {**LINUX, **args})
    return {rule.name: rule for rule in inbound_security_rules(spec)}


def test_probe_source_is_always_allowed() -> None:
    rule = rules_for()["allow-azure-load-balancer-probe"]
    assert (rule.source_address_prefix, rule.access, rule.destination_port_ranges) == (
        "AzureLoadBalancer",
        "Allow",
        ("80",),
    )


def test_app_ports_are_allowed_from_each_app_source() -> None:
    rules = rules_for(
        app_source_prefixes=["Internet", "192.0.2.0/24"], lb_rules=[(80, 8080, "Tcp"), (443, 8443, "Tcp")]
    )
    app = [r for name, r in rules.items() if name.startswith("allow-app")]
    assert {(r.source_address_prefix, r.destination_port_ranges) for r in app} == {
        ("Internet", ("8080", "8443")),
        ("192.0.2.0/24", ("8080", "8443")),
    }


def test_udp_rules_get_udp_nsg_rules() -> None:
    rules = rules_for(lb_rules=[(80, 80, "Tcp"), (53, 53, "Udp")])
    assert rules["allow-app-udp-1"].protocol == "Udp"


def test_admin_port_is_closed_without_admin_sources() -> None:
    assert not [name for name in rules_for() if name.startswith("allow-admin")]


def test_admin_port_is_open_only_to_admin_sources() -> None:
    rules = rules_for(admin_source_prefixes=["203.0.113.7/32"])
    admin = [r for name, r in rules.items() if name.startswith("allow-admin")]
    assert [(r.source_address_prefix, r.destination_port_ranges) for r in admin] == [("203.0.113.7/32", ("22",))]


def test_everything_else_inbound_is_denied_last() -> None:
    rules = list(rules_for().values())
    deny = rules[-1]
    assert (deny.access, deny.priority, deny.source_address_prefix) == ("Deny", DENY_ALL_PRIORITY, "*")


def test_rule_priorities_are_unique() -> None:
    rules = rules_for(
        admin_source_prefixes=["203.0.113.7/32", "198.51.100.0/24"], app_source_prefixes=["Internet", "10.0.0.0/8"]
    )
    priorities = [r.priority for r in rules.values()]
    assert len(priorities) == len(set(priorities))


def test_each_source_gets_a_rule_of_its_own_so_service_tags_are_valid() -> None:
    # Azure refuses service tags inside a prefix list: one rule per source keeps them single.
    sources = ["Internet", "AzureFrontDoor.Backend", "192.0.2.0/24"]
    rules = rules_for(app_source_prefixes=sources)
    app_sources = [r.source_address_prefix for r in rules.values() if r.name.startswith("allow-app")]
    assert app_sources == sources


# --- start-up script ---------------------------------------------------------------------------


def test_default_page_names_the_vm() -> None:
    assert "Served by web-vm-2" in default_linux_cloud_init("web-vm-2")


def test_default_cloud_init_installs_nginx() -> None:
    text = default_linux_cloud_init("web-vm-1")
    assert text.startswith("#cloud-config\n") and "  - nginx\n" in text


def test_custom_data_is_base64_encoded() -> None:
    assert base64.b64decode(encode_custom_data("#!/bin/sh\necho hi\n")).decode() == "#!/bin/sh\necho hi\n"
