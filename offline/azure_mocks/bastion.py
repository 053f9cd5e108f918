"""Microsoft.Network's Azure Bastion: the host, its SKU and features, its one IP configuration in
an `AzureBastionSubnet`, and its Standard public IP (learn.microsoft.com/azure/bastion/configuration-settings)."""

from __future__ import annotations

import uuid
from typing import Any

from .arm import ArmRejection
from .catalog import BASTION_SKUS, BASTION_SUBNET, BASTION_TUNNELING_SKUS
from .state import Answer, ArmState


def bastion_host(arm: ArmState, host_id: str, name: str, inputs: dict[str, Any]) -> Answer:
    sku = (inputs.get("sku") or {}).get("name", "Standard")
    if sku not in BASTION_SKUS:
        raise ArmRejection("InvalidParameter", f"Bastion SKU {sku!r} is not one of {', '.join(BASTION_SKUS)}.")
    if inputs.get("enableTunneling") and sku not in BASTION_TUNNELING_SKUS:
        raise ArmRejection("BastionFeatureNotSupportedForSku", "Native client support needs Standard or Premium.")
    configurations = inputs.get("ipConfigurations") or []
    if sku != "Developer" and len(configurations) != 1:
        raise ArmRejection("InvalidParameter", "A Bastion host needs exactly one IP configuration.")
    for configuration in configurations:
        subnet = arm.subnet((configuration.get("subnet") or {}).get("id", ""))
        if subnet.name != BASTION_SUBNET:
            raise ArmRejection(
                "BastionHostSubnetMustBeAzureBastionSubnet", f"A Bastion host needs a subnet named {BASTION_SUBNET}."
            )
        pip_id = (configuration.get("publicIPAddress") or {}).get("id", "")
        pip = arm.find(pip_id)
        if pip is None:
            raise ArmRejection("InvalidResourceReference", f"public IP {pip_id} not found.")
        if (pip.inputs.get("sku") or {}).get("name") != "Standard":
            raise ArmRejection("BastionHostPublicIpMustBeStandardSku", "Bastion needs a Standard public IP.")
    state = {**arm.located(inputs), "name": name, "sku": {"name": sku}}
    state["dnsName"] = f"bst-{uuid.uuid5(uuid.NAMESPACE_URL, host_id)}.bastion.azure.com"
    return host_id, state
