"""The stack's config keys for tiers: public, frontendPrivateIp, subnetId, networkSecurityGroupId, outbound."""

from __future__ import annotations

import pytest

from components import InvalidArgumentError
from components.stack_config import ConfigGetter, read_stack_settings
from plan.harness import Deployment, evaluate_stack, stack_config

from .support.keys import ED25519

NS = "azure-multi-vm"


@pytest.fixture(scope="module")
def internal_stack() -> Deployment:
    return evaluate_stack(
        stack_config(
            "dev",
            {
                f"{NS}:public": False,
                f"{NS}:frontendPrivateIp": "10.0.0.100",
                f"{NS}:appSourcePrefixes": ["VirtualNetwork"],
                f"{NS}:customData": "#!/bin/sh\necho ready\n",
            },
        )
    )


def _getter(**values: str) -> ConfigGetter:
    """Config as `pulumi.Config().get` reads it: by key, without the namespace."""
    return {"sshPublicKey": ED25519, **values}.get


@pytest.mark.parametrize(("text", "public"), [("false", False), ("true", True), ("False", False)])
def test_public_reads_as_a_boolean(text: str, public: bool) -> None:
    assert read_stack_settings(_getter(public=text)).spec.public is public


def test_a_public_value_that_is_not_a_boolean_names_the_key() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        read_stack_settings(_getter(public="maybe"))
    assert caught.value.argument == f"{NS}:public"


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ({"subnetId": "app"}, f"{NS}:subnetId"),
        ({"networkSecurityGroupId": "nsg"}, f"{NS}:networkSecurityGroupId"),
        ({"public": "false", "frontendPrivateIp": "10.0.0.2"}, f"{NS}:frontendPrivateIp"),
        ({"outbound": "proxy"}, f"{NS}:outbound"),
        ({"public": "false", "dnsLabel": "contoso"}, f"{NS}:dnsLabel"),
    ],
)
def test_bad_tier_config_names_the_key(config: dict[str, str], key: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        read_stack_settings(_getter(**config))
    assert caught.value.argument == key


def test_an_internal_stack_exports_no_public_ip(internal_stack: Deployment) -> None:
    assert (internal_stack.outputs["public_ip"], internal_stack.outputs["fqdn"]) == (None, None)


def test_an_internal_stack_exports_its_private_frontend(internal_stack: Deployment) -> None:
    assert internal_stack.outputs["frontend_ip"] == "10.0.0.100"


def test_an_internal_stacks_url_uses_the_private_frontend(internal_stack: Deployment) -> None:
    assert internal_stack.outputs["url"] == "http://10.0.0.100/"


def test_the_dev_stack_exports_its_public_ip_as_frontend(dev_stack: Deployment) -> None:
    assert dev_stack.outputs["frontend_ip"] == dev_stack.outputs["public_ip"]


def test_outbound_config_creates_a_nat_gateway() -> None:
    deployment = evaluate_stack(stack_config("dev", {f"{NS}:outbound": "nat_gateway"}))
    assert [g.name for g in deployment.of_type("NatGateway")] == ["web-natgw"]
