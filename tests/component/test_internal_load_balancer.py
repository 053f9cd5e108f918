"""`public=False`: an internal load balancer on a private frontend, under the Azure mocks."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import frontend, lb_inputs, nat_rules


def test_an_internal_tier_has_no_public_ip(internal_static: Deployment) -> None:
    assert internal_static.of_type("PublicIPAddress") == []


def test_an_internal_frontend_is_a_private_ip_of_the_tiers_subnet(internal_static: Deployment) -> None:
    assert frontend(internal_static)["subnet"]["id"] == internal_static.outputs["subnet_id"]


def test_a_pinned_internal_frontend_is_static(internal_static: Deployment) -> None:
    assert (frontend(internal_static)["privateIPAllocationMethod"], frontend(internal_static)["privateIPAddress"]) == (
        "Static",
        "10.0.0.10",
    )


def test_an_unpinned_internal_frontend_is_dynamic(internal_dynamic: Deployment) -> None:
    assert frontend(internal_dynamic)["privateIPAllocationMethod"] == "Dynamic"


def test_an_internal_tier_has_no_public_outputs(internal_static: Deployment) -> None:
    assert (internal_static.outputs["public_ip_address"], internal_static.outputs["fqdn"]) == (None, None)


def test_frontend_ip_address_is_the_pinned_private_ip(internal_static: Deployment) -> None:
    assert internal_static.outputs["frontend_ip_address"] == "10.0.0.10"


def test_frontend_ip_address_is_the_address_azure_assigned(internal_dynamic: Deployment) -> None:
    assert internal_dynamic.outputs["frontend_ip_address"] == "10.0.0.4"  # the subnet's first free address


def test_vms_never_get_the_frontends_address(internal_dynamic: Deployment) -> None:
    assert internal_dynamic.outputs["frontend_ip_address"] not in internal_dynamic.outputs["private_ip_addresses"]


def test_an_internal_tier_keeps_its_nat_rules(internal_static: Deployment) -> None:
    assert [r["frontendPort"] for r in nat_rules(internal_static)][:2] == [50001, 50002]


def test_nat_endpoints_use_the_private_frontend(internal_static: Deployment) -> None:
    assert internal_static.outputs["nat_endpoints"] == {"app-vm-1": "10.0.0.10:50001", "app-vm-2": "10.0.0.10:50002"}


def test_an_internal_tier_has_no_outbound_rule(internal_static: Deployment) -> None:
    assert not lb_inputs(internal_static).get("outboundRules")


def test_internal_rules_leave_outbound_snat_alone(internal_static: Deployment) -> None:
    assert all("disableOutboundSnat" not in rule for rule in each(lb_inputs(internal_static)["loadBalancingRules"]))


def test_an_internal_tier_admits_its_app_port_from_the_virtual_network(internal_static: Deployment) -> None:
    rules = internal_static.one("NetworkSecurityGroup").inputs["securityRules"]
    assert [r["sourceAddressPrefix"] for r in rules if r["name"].startswith("allow-app")] == ["VirtualNetwork"]


def test_an_internal_load_balancer_is_standard(internal_static: Deployment) -> None:
    assert lb_inputs(internal_static)["sku"]["name"] == "Standard"
