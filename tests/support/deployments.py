"""Reading what an evaluation registered: the parts of a `Deployment` many tests look at."""

from __future__ import annotations

from typing import Any

from offline.harness import Deployment


def vms(deployment: Deployment) -> list[dict[str, Any]]:
    """VM inputs in VM order (the mocks see them in whatever order the engine registers them)."""
    found = [vm.inputs for vm in deployment.of_type("VirtualMachine")]
    return sorted(found, key=lambda vm: int(vm["vmName"].rsplit("-", 1)[1]))


def lb_inputs(deployment: Deployment) -> dict[str, Any]:
    """The inputs of the deployment's one load balancer."""
    return deployment.one("LoadBalancer").inputs


def frontend(deployment: Deployment) -> dict[str, Any]:
    """The load balancer's one frontend IP configuration."""
    frontends: list[dict[str, Any]] = lb_inputs(deployment)["frontendIPConfigurations"]
    assert len(frontends) == 1
    return frontends[0]


def nat_rules(deployment: Deployment) -> list[dict[str, Any]]:
    """The inbound NAT rules, in order: the load balancer's inline ones, or the standalone ones' inputs."""
    inline: list[dict[str, Any]] = lb_inputs(deployment).get("inboundNatRules", [])
    return inline + [r.inputs for r in deployment.of_type("InboundNatRule")]


def nat_rule_ids_of_nics(deployment: Deployment) -> dict[str, list[str]]:
    """NIC name -> the IDs of the inbound NAT rules its IP configuration uses."""
    return {
        nic.inputs["networkInterfaceName"]: [
            r["id"] for r in nic.inputs["ipConfigurations"][0].get("loadBalancerInboundNatRules") or []
        ]
        for nic in deployment.of_type("NetworkInterface")
    }


def nsg_rules(deployment: Deployment) -> list[dict[str, Any]]:
    """The security rules of the deployment's one NSG."""
    return list(deployment.one("NetworkSecurityGroup").inputs["securityRules"])


def ports(rule: dict[str, Any]) -> list[str]:
    """An NSG rule's destination ports, whichever of the two fields holds them."""
    return [rule["destinationPortRange"]] if "destinationPortRange" in rule else rule["destinationPortRanges"]
