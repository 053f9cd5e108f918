"""Pulumi mocks that behave like Azure Resource Manager, offline.

They return what ARM returns (resource IDs, sub-resource IDs of a load balancer's
collections, storage endpoints, IP addresses, FQDNs) and, like ARM, refuse what Azure
refuses: a test that passes here must not describe a deployment Azure would reject.
Each refusal raises `ArmRejection` with the error code Azure uses where there is one.

Where to look:
- `mocks`: `AzureMocks`, what the Pulumi engine calls; it sends each registration and invoke
  to its handler.
- `handlers`: the table of handlers by Pulumi type token, with each top-level type's ARM type
  and name input (`ARM_TYPES`), and the invokes.
- One module per resource provider, holding its handlers: `resources` (resource groups, the
  client config, the engine's Stash), `network` (VNets and subnets, NSGs and security rules,
  public IPs, load balancers and inbound NAT rules, NICs, NAT gateways), `bastion`, `compute`
  (availability sets, VMs, extensions, run commands), `storage` (accounts, blob containers),
  `monitor` (diagnostic settings, action groups, metric alerts).
- `catalog`: Azure's published lists and limits the handlers read (regions, zones, service
  tags, reserved ranges, tag limits, sizes, SKUs, log categories, ...), each with its source.
- `arm`: what every provider shares: `ArmRejection`, the subscription, resource IDs, auto-names,
  and the location, tag and zone checks.
- `state`: `ArmState`, what ARM holds while a program deploys, and `Registered`, each resource
  as the mocks saw it.

The changes ARM refuses to what exists (updates, deletes) are in `offline.change_rules`.
"""

from .arm import DEFAULT_LOCATION, SUBSCRIPTION_ID, TENANT_ID, ArmRejection
from .handlers import ARM_TYPES
from .mocks import AzureMocks
from .state import EngineOptions, Registered

__all__ = [
    "ARM_TYPES",
    "DEFAULT_LOCATION",
    "SUBSCRIPTION_ID",
    "TENANT_ID",
    "ArmRejection",
    "AzureMocks",
    "EngineOptions",
    "Registered",
]
