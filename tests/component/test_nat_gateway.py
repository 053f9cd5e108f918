"""`outbound="nat_gateway"`: outbound through a NAT gateway, under the Azure mocks."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import lb_inputs


def test_nat_gateway_outbound_creates_a_standard_nat_gateway(nat_gateway: Deployment) -> None:
    assert nat_gateway.one("NatGateway").inputs["sku"]["name"] == "Standard"


def test_the_nat_gateway_has_its_own_standard_static_public_ip(nat_gateway: Deployment) -> None:
    ip = nat_gateway.named("web-natgw-pip")
    assert nat_gateway.one("NatGateway").inputs["publicIpAddresses"] == [{"id": ip.id}]
    assert (ip.inputs["sku"]["name"], ip.inputs["publicIPAllocationMethod"]) == ("Standard", "Static")


def test_the_nat_gateway_serves_the_subnet(nat_gateway: Deployment) -> None:
    subnet = nat_gateway.one("VirtualNetwork").inputs["subnets"][0]
    assert subnet["natGateway"]["id"] == nat_gateway.one("NatGateway").id


def test_with_a_nat_gateway_the_subnet_stays_private(nat_gateway: Deployment) -> None:
    assert nat_gateway.one("VirtualNetwork").inputs["subnets"][0]["defaultOutboundAccess"] is False


def test_with_a_nat_gateway_the_load_balancer_has_no_outbound_rule(nat_gateway: Deployment) -> None:
    assert not lb_inputs(nat_gateway).get("outboundRules")


def test_with_a_nat_gateway_lb_rules_still_disable_outbound_snat(nat_gateway: Deployment) -> None:
    assert all(rule["disableOutboundSnat"] is True for rule in each(lb_inputs(nat_gateway)["loadBalancingRules"]))


def test_the_default_public_tier_has_no_nat_gateway(linux_default: Deployment) -> None:
    assert linux_default.of_type("NatGateway") == []
