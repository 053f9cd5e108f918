"""Shared fixtures: every scenario evaluated under the Azure mocks, and the mocks' own states.

The suite, by layer (each a folder):

- `decisions/`: the pure decisions, no Pulumi: NAT ports, names, NSG rules, zones, patch
  settings, the Bastion subnet, monitoring, ARM IDs, cloud-init, aliases.
- `validation/`: `validate()` (every bad input gets one clear error naming the argument) and
  the stack's config keys (`stack.config.read_stack_settings`).
- `component/`: the component and the stack programs evaluated under the mocks: what they
  register, wire and output, for every shape (tiers, zones, Bastion, monitoring, scaling,
  secrets, aliases, the N-tier example), that bad input registers nothing, and what `pulumi up`
  shows of it (the programs run as Pulumi's Python language host runs them).
- `mocks/`: the mocks themselves refuse what Azure refuses (they are a second opinion, so they
  are tested on their own data, never through the component), and the harness a refused run
  leaves clean.
- `plan/`: `python -m plan` (text, JSON, diagram, figures, `--diff`, `--policy`), on this stack and
  on other projects (`--project`: examples/ntier, Pulumi.yaml's config, `main`), the reference
  page and the plan's outputs the pages quote.
- `policy/`: the guardrail policy pack, rule by rule, over the scenarios, and as a server.
- `package/`: the component package (schema, provider over gRPC, `pulumi new` template), the
  Python distribution's metadata, a project built from the docs, planned and tested, and the
  pinned requirements.
- `live/`: deploys to Azure (skipped without credentials), and its helpers tested offline.
- `benchmarks/`: the deployment-speed benchmark's targets on hand-made rows, its jobs as they
  cross to the worker process, its report, and one measurement of the stack at vmCount=2.

`support/` holds what tests share that is not a test (keys, inputs, the registration helper
`support.arm.register`, the evaluation cache `support.scenarios`, the mock engine).

Scenarios (session fixtures; each set of inputs is evaluated once per session, see
`support.scenarios`):

| fixture | what it is |
|---|---|
| `linux_default` | defaults only: two Linux VMs (`web`), an SSH key |
| `sized` | `linux_default` with 2, 3 and 7 VMs (parametrised) |
| `maximal` | every option set (`shop`, `MAX_ARGS`) |
| `windows` | three Windows VMs (`app`), admin port open to one prefix |
| `windows_default` | two Windows VMs (`app`), only the password set |
| `windows_manual` | `windows_default` with `patch_mode="Manual"` |
| `vhd` | the 2016 layout: three VMs on VHDs in storage accounts (mocks accept unmanaged disks) |
| `zones` / `zones_scaled` | four VMs over zones 1-3 / the same set grown to six |
| `bastion` | Azure Bastion instead of NAT rules (with admin sources, which it ignores) |
| `scale_set` / `scale_set_scaled` | orchestration `scale_set` in westeurope: three instances / the same grown to six |
| `scale_set_autoscaled` | a scale set with autoscale (2-10 instances, starting at 3) |
| `scale_set_regional` | a scale set in a region without zones (westus) |
| `scale_set_windows` | a Windows scale set (`app`), without custom data |
| `scale_set_bastion` | a scale set administered through Azure Bastion |
| `hub_bastion` | Bastion in a hub's existing AzureBastionSubnet |
| `monitored` | diagnostics to a Log Analytics workspace, alerts mailed |
| `internal_static` / `internal_dynamic` | an internal load balancer, frontend pinned / assigned |
| `internal_zones` | an internal tier across zones |
| `nat_gateway` | outbound through a NAT gateway |
| `given_subnet` | an internal tier in the caller's subnet (an Output of the caller's VNet) |
| `given_subnet_and_nsg` | a public tier in the caller's existing subnet and NSG (plain IDs) |
| `bastion_in_given_subnets` | a tier in the caller's subnet, administered through a hub's Bastion |
| `neighbours` | every valid neighbour of a value the catalogs refuse |
| `dev_stack` / `dev_stack_preview` | the stack with Pulumi.dev.yaml's config, `up` / `preview` |
| `linux_password_stack` | the dev stack with a password (plain text config) instead of a key |
| `windows_password_stack` | the dev stack on Windows, its password set with `--secret` |
| `production_stack` / `production_stack_preview` | zones, Bastion, monitoring, patching keys set |
| `internal_stack` | the dev stack with an internal load balancer |
| `one_vm_stack` | the dev stack with `vmCount=1`, refused: (the error, the mocks it ran under) |
| `ntier` / `ntier_with_admin` | examples/ntier, without / with an admin source |
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from components import InvalidArgumentError
from offline.azure_mocks import AzureMocks
from offline.harness import Deployment, evaluate, evaluate_stack, stack_config
from provider.package import package_schema

from .support.arm import RG, VNET_ID, action_group, as_pulumi_up, register, standard_ip, with_resource_group
from .support.catalog_cases import LONG_STORAGE_TAG_NAME
from .support.constants import NS, NTIER, NTIER_NS, WORKSPACE
from .support.keys import ED25519, RSA_2048, STRONG_PASSWORD
from .support.scenarios import (
    CALLER_NSG_ID,
    CALLER_SUBNET_ID,
    HUB_BASTION_SUBNET_ID,
    component,
    existing_hub_network,
    stack,
    vm_set_outputs,
    with_caller_network,
    with_existing_caller_network,
)

SCRIPT = "#!/bin/sh\necho ready\n"  # needs no downloads: internal tiers have no outbound by default

# --- the component ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def linux_default() -> Deployment:
    """Defaults only: two Linux VMs, an SSH key, nothing else set."""
    return component("web", {"ssh_public_key": ED25519})


@pytest.fixture(scope="session", params=[2, 3, 7])
def sized(request: pytest.FixtureRequest) -> tuple[int, Deployment]:
    """(VM count, the Linux defaults with that many VMs)."""
    count: int = request.param
    return count, component("web", {"ssh_public_key": ED25519, "vm_count": count})


MAX_ARGS = {
    "location": "northeurope",
    "vm_count": 4,
    "vm_size": "Standard_D4ps_v5",
    "os_type": "linux",
    "image": {
        "publisher": "Canonical",
        "offer": "ubuntu-24_04-lts",
        "sku": "server-arm64",
        "version": "24.04.202411030",
    },
    "admin_username": "opsadmin",
    "ssh_public_key": RSA_2048,
    "vnet_address_space": ["10.20.0.0/16", "10.21.0.0/16"],
    "subnet_address_prefix": "10.21.4.0/24",
    "lb_rules": [
        {"frontend_port": 80, "backend_port": 8080, "protocol": "Tcp"},
        (443, 8443, "tcp"),
        {"frontend_port": 5353, "backend_port": 5353, "protocol": "Udp"},
    ],
    "probe": {"protocol": "Https", "port": 8443, "path": "/healthz", "interval_in_seconds": 10},
    "nat_frontend_port_start": 60001,
    "admin_port": 2222,
    "admin_source_prefixes": ["203.0.113.7/32", "198.51.100.0/24"],
    "app_source_prefixes": ["Internet", "192.0.2.0/24"],
    "fault_domain_count": 3,
    "update_domain_count": 10,
    "dns_label": "contoso-web",
    "custom_data": "#cloud-config\nruncmd:\n  - echo custom\n",
    "tags": {"env": "test", "owner": "platform"},
}


@pytest.fixture(scope="session")
def maximal() -> Deployment:
    """Every option set."""
    return component("shop", MAX_ARGS)


@pytest.fixture(scope="session")
def windows() -> Deployment:
    """Three Windows VMs, the admin port open to one prefix."""
    return component(
        "app",
        {
            "os_type": "windows",
            "admin_password": STRONG_PASSWORD,
            "vm_count": 3,
            "admin_source_prefixes": ["198.51.100.0/24"],
        },
    )


@pytest.fixture(scope="session")
def windows_default() -> Deployment:
    """Two Windows VMs, only the password set."""
    return component("app", {"os_type": "windows", "admin_password": STRONG_PASSWORD})


@pytest.fixture(scope="session")
def windows_manual() -> Deployment:
    """Two Windows VMs patched by hand (`patch_mode="Manual"`)."""
    return component("app", {"os_type": "windows", "admin_password": STRONG_PASSWORD, "patch_mode": "Manual"})


@pytest.fixture(scope="session")
def vhd() -> Deployment:
    """The 2016 storage layout: a storage account of VHDs per VM."""
    return component("legacy", {"ssh_public_key": ED25519, "disk_storage": "vhd", "vm_count": 3}, unmanaged_disks=True)


@pytest.fixture(scope="session")
def zones() -> Deployment:
    """Four VMs over the default zones 1-3."""
    return component("web", {"ssh_public_key": ED25519, "placement": "zones", "vm_count": 4})


@pytest.fixture(scope="session")
def zones_scaled() -> Deployment:
    """The same set grown to six VMs."""
    return component("web", {"ssh_public_key": ED25519, "placement": "zones", "vm_count": 6})


SCALE_SET = {
    "ssh_public_key": ED25519,
    "orchestration": "scale_set",
    "location": "westeurope",
    "vm_count": 3,
    "admin_source_prefixes": ["203.0.113.7/32"],
}


@pytest.fixture(scope="session")
def scale_set() -> Deployment:
    """Three instances of a Flexible scale set over westeurope's zones, admin port open to one prefix."""
    return component("web", SCALE_SET)


@pytest.fixture(scope="session")
def scale_set_scaled() -> Deployment:
    """The same scale set grown to six instances."""
    return component("web", {**SCALE_SET, "vm_count": 6})


@pytest.fixture(scope="session")
def scale_set_autoscaled() -> Deployment:
    """The scale set under autoscale, 2-10 instances, starting at 3."""
    return component("web", {**SCALE_SET, "autoscale": {"min_count": 2, "max_count": 10}})


@pytest.fixture(scope="session")
def scale_set_regional() -> Deployment:
    """A scale set in a region without availability zones."""
    return component("web", {**SCALE_SET, "location": "westus"})


@pytest.fixture(scope="session")
def scale_set_windows() -> Deployment:
    """A Windows scale set without custom data: IIS through an extension, before the health extension."""
    return component(
        "app",
        {
            "orchestration": "scale_set",
            "location": "westeurope",
            "os_type": "windows",
            "admin_password": STRONG_PASSWORD,
        },
    )


@pytest.fixture(scope="session")
def scale_set_bastion() -> Deployment:
    """A scale set administered through Azure Bastion: no NAT rule."""
    return component("web", {**SCALE_SET, "admin_access": "bastion"})


@pytest.fixture(scope="session")
def bastion() -> Deployment:
    """Azure Bastion instead of NAT rules; the admin sources given are ignored."""
    return component(
        "web", {"ssh_public_key": ED25519, "admin_access": "bastion", "admin_source_prefixes": ["203.0.113.7/32"]}
    )


@pytest.fixture(scope="session")
def hub_bastion() -> Deployment:
    """Bastion in a given AzureBastionSubnet of a hub VNet, which the caller owns."""
    args = {
        "admin_access": "bastion",
        "bastion_subnet_id": HUB_BASTION_SUBNET_ID,
        "bastion_subnet_address_prefix": "10.100.0.0/26",
    }
    return evaluate(lambda: vm_set_outputs("hub-rg", args, name="web"), mocks=existing_hub_network(AzureMocks()))


@pytest.fixture(scope="session")
def monitored() -> Deployment:
    """Diagnostics to a Log Analytics workspace, alerts mailed to an address."""
    return component(
        "web", {"ssh_public_key": ED25519, "log_analytics_workspace_id": WORKSPACE, "alert_email": "ops@example.com"}
    )


@pytest.fixture(scope="session")
def internal_static() -> Deployment:
    """An internal load balancer, its frontend pinned to 10.0.0.10."""
    return component(
        "app",
        {"ssh_public_key": ED25519, "public": False, "frontend_private_ip": "10.0.0.10", "custom_data": SCRIPT},
    )


@pytest.fixture(scope="session")
def internal_dynamic() -> Deployment:
    """An internal load balancer, its frontend address left to Azure."""
    return component("app", {"ssh_public_key": ED25519, "public": False, "custom_data": SCRIPT})


@pytest.fixture(scope="session")
def internal_zones() -> Deployment:
    """An internal tier across zones."""
    return component("app", {"ssh_public_key": ED25519, "public": False, "placement": "zones", "custom_data": SCRIPT})


@pytest.fixture(scope="session")
def nat_gateway() -> Deployment:
    """Outbound through a NAT gateway instead of an outbound rule."""
    return component("web", {"ssh_public_key": ED25519, "outbound": "nat_gateway"})


@pytest.fixture(scope="session")
def given_subnet() -> Deployment:
    """An internal tier in the caller's subnet, passed as an Output of the caller's VNet."""
    return with_caller_network(
        lambda vnet: {
            "public": False,
            "custom_data": SCRIPT,
            "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
            "app_source_prefixes": ["10.1.1.0/24"],
        }
    )


@pytest.fixture(scope="session")
def given_subnet_and_nsg() -> Deployment:
    """A public tier in the caller's subnet (named by plain ID, prefix stated) guarded by the caller's NSG."""
    return with_existing_caller_network(
        {
            "subnet_id": CALLER_SUBNET_ID,
            "subnet_address_prefix": "10.1.2.0/24",
            "network_security_group_id": CALLER_NSG_ID,
        }
    )


@pytest.fixture(scope="session")
def bastion_in_given_subnets() -> Deployment:
    """A tier in the caller's subnet, administered through an existing hub's Bastion subnet."""
    return with_caller_network(
        lambda vnet: {
            "subnet_id": vnet.id.apply(lambda i: f"{i}/subnets/app"),
            "admin_access": "bastion",
            "bastion_subnet_id": HUB_BASTION_SUBNET_ID,
            "bastion_subnet_address_prefix": "10.100.0.0/26",
        },
        existing_hub_network(AzureMocks()),
    )


@pytest.fixture(scope="session")
def neighbours() -> Deployment:
    """Every valid neighbour of a value the catalogs refuse, in one deployment the mocks accept."""
    return component(
        "web",
        {
            "ssh_public_key": ED25519,
            "vm_size": "Standard_B2s",
            "location": "North Europe",
            "app_source_prefixes": ["AzureFrontDoor.Backend", "Storage.WestEurope", "internet"],
            "tags": {LONG_STORAGE_TAG_NAME: "x", "env": "v" * 256},
        },
    )


# --- the stack programs -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dev_stack() -> Deployment:
    """The real stack program with Pulumi.dev.yaml's own config."""
    return stack()


@pytest.fixture(scope="session")
def dev_stack_preview() -> Deployment:
    """`pulumi preview` of the dev stack: nothing exists yet, IDs are unknown."""
    return stack(preview=True)


@pytest.fixture(scope="session")
def linux_password_stack() -> Deployment:
    """The stack program with a password instead of a key, stored in plain text (not `--secret`)."""
    return stack({f"{NS}:sshPublicKey": "", f"{NS}:adminPassword": STRONG_PASSWORD})


@pytest.fixture(scope="session")
def windows_password_stack() -> Deployment:
    """The stack program on Windows, its password set with `pulumi config set --secret`."""
    password_key = f"{NS}:adminPassword"
    return stack(
        {f"{NS}:osType": "windows", f"{NS}:sshPublicKey": "", password_key: STRONG_PASSWORD},
        secret_keys=(password_key,),
    )


PRODUCTION_CONFIG = {
    f"{NS}:placement": "zones",
    f"{NS}:zones": ["1", "2"],
    f"{NS}:adminAccess": "bastion",
    f"{NS}:alertEmail": "ops@example.com",
    f"{NS}:logAnalyticsWorkspaceId": WORKSPACE,
    f"{NS}:patchMode": "AutomaticByPlatform",
}


@pytest.fixture(scope="session")
def production_stack() -> Deployment:
    """The stack program with zones, Bastion, monitoring and platform patching set by config."""
    return stack(PRODUCTION_CONFIG)


@pytest.fixture(scope="session")
def production_stack_preview() -> Deployment:
    """`pulumi preview` of the same stack: nothing exists yet, IDs are unknown."""
    return stack(PRODUCTION_CONFIG, preview=True)


@pytest.fixture(scope="session")
def internal_stack() -> Deployment:
    """The stack program with an internal load balancer on 10.0.0.100."""
    return stack(
        {
            f"{NS}:public": False,
            f"{NS}:frontendPrivateIp": "10.0.0.100",
            f"{NS}:appSourcePrefixes": ["VirtualNetwork"],
            f"{NS}:customData": SCRIPT,
        }
    )


@pytest.fixture(scope="session")
def one_vm_stack() -> tuple[InvalidArgumentError, AzureMocks]:
    """The dev stack with `vmCount=1`, which it refuses: the error, and the mocks it ran under."""
    mocks = AzureMocks()
    with pytest.raises(InvalidArgumentError) as caught:
        evaluate_stack(stack_config("dev", {f"{NS}:vmCount": "1"}), mocks=mocks)
    return caught.value, mocks


@pytest.fixture(scope="session")
def ntier() -> Deployment:
    """examples/ntier with its dev stack's config."""
    return stack(project_dir=NTIER)


@pytest.fixture(scope="session")
def ntier_with_admin() -> Deployment:
    """examples/ntier with SSH open to one address."""
    return stack({f"{NTIER_NS}:adminSourcePrefixes": ["203.0.113.7/32"]}, project_dir=NTIER)


# --- the mocks, called directly -------------------------------------------------------------------


@pytest.fixture
def deploying() -> None:
    """For tests that call the mocks directly, as `pulumi up` would: whatever ran before (a preview
    leaves `pulumi.runtime.is_dry_run()` true) must not decide whether ARM is called."""
    as_pulumi_up()


@pytest.fixture
def mocks(deploying: None) -> AzureMocks:
    """Fresh mocks holding the resource group `rg-test` (support.arm.RG) in West Europe."""
    return with_resource_group(AzureMocks())


@pytest.fixture
def network_mocks(mocks: AzureMocks) -> AzureMocks:
    """`mocks` with a Standard static public IP `pip` and a VNet `vnet` (10.0.0.0/16) whose
    subnet `snet` is 10.0.1.0/24: what a load balancer's frontends use."""
    register(
        mocks,
        "PublicIPAddress",
        {
            "resourceGroupName": RG,
            "publicIpAddressName": "pip",
            "sku": {"name": "Standard"},
            "publicIPAllocationMethod": "Static",
        },
    )
    register(
        mocks,
        "VirtualNetwork",
        {
            "resourceGroupName": RG,
            "virtualNetworkName": "vnet",
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [{"name": "snet", "addressPrefix": "10.0.1.0/24"}],
        },
    )
    return mocks


@pytest.fixture
def vm_mocks(mocks: AzureMocks) -> AzureMocks:
    """`mocks` with what a VM, a Bastion host and Azure Monitor resources refer to: a VNet `vnet`
    (subnets `vms` 10.0.0.0/24 and AzureBastionSubnet 10.0.1.0/26), a NIC `nic`, a Standard IP
    `pip`, an availability set `avset`, a storage account `diagacct` and an action group `alerts`."""
    register(
        mocks,
        "VirtualNetwork",
        {
            "resourceGroupName": RG,
            "virtualNetworkName": "vnet",
            "addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
            "subnets": [
                {"name": "vms", "addressPrefix": "10.0.0.0/24"},
                {"name": "AzureBastionSubnet", "addressPrefix": "10.0.1.0/26"},
            ],
        },
    )
    register(
        mocks,
        "NetworkInterface",
        {
            "resourceGroupName": RG,
            "networkInterfaceName": "nic",
            "ipConfigurations": [{"name": "ipconfig1", "subnet": {"id": f"{VNET_ID}/subnets/vms"}}],
        },
    )
    register(mocks, "PublicIPAddress", standard_ip())
    register(
        mocks, "AvailabilitySet", {"resourceGroupName": RG, "availabilitySetName": "avset", "sku": {"name": "Aligned"}}
    )
    register(
        mocks, "StorageAccount", {"resourceGroupName": RG, "accountName": "diagacct", "sku": {"name": "Standard_LRS"}}
    )
    register(mocks, "ActionGroup", action_group())
    return mocks


# --- the package schema ----------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def analysed_schema() -> dict[str, Any]:
    """The schema Pulumi's analyser derives for the component package, taken once, before any
    evaluation starts threads: the analyser reads argument docstrings with `inspect.getsource`
    and `ast.parse`, and on Python 3.11 `ast.parse` can fail while another thread formats a
    traceback (CPython gh-106905); the analyser then drops the docstrings without a word."""
    return package_schema()


# --- other ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def reference_generator() -> ModuleType:
    """docs/generate_reference.py, a script rather than a package module, loaded from its file."""
    path = Path(__file__).resolve().parent.parent / "docs" / "generate_reference.py"
    spec = importlib.util.spec_from_file_location("generate_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module
