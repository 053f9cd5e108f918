"""Shared scenarios: each is evaluated once per test session under the Azure mocks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pulumi
import pytest

from offline.azure_mocks import AzureMocks
from offline.harness import Deployment, evaluate_component, evaluate_stack, stack_config

from .keys import ED25519, RSA_2048, STRONG_PASSWORD


@pytest.fixture(scope="session")
def linux_default() -> Deployment:
    """Defaults only: two Linux VMs, an SSH key, nothing else set."""
    return evaluate_component("web", {"ssh_public_key": ED25519})


@pytest.fixture(scope="session")
def windows() -> Deployment:
    return evaluate_component(
        "app",
        {
            "os_type": "windows",
            "admin_password": STRONG_PASSWORD,
            "vm_count": 3,
            "admin_source_prefixes": ["198.51.100.0/24"],
        },
    )


@pytest.fixture(scope="session")
def vhd() -> Deployment:
    """The 2016 storage layout: a storage account of VHDs per VM."""
    return evaluate_component(
        "legacy",
        {"ssh_public_key": ED25519, "disk_storage": "vhd", "vm_count": 3},
        mocks=AzureMocks(accept_unmanaged_disks=True),
    )


MAX_ARGS = {
    "location": "northeurope",
    "vm_count": 4,
    "vm_size": "Standard_D4s_v5",
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
    return evaluate_component("shop", MAX_ARGS)


@pytest.fixture(scope="session")
def dev_stack() -> Deployment:
    """The real stack program with Pulumi.dev.yaml's own config."""
    return evaluate_stack(stack_config("dev"))


@pytest.fixture(scope="session")
def dev_stack_preview() -> Deployment:
    """`pulumi preview` of the dev stack: nothing exists yet, IDs are unknown."""
    return evaluate_stack(stack_config("dev"), preview=True)


@pytest.fixture(scope="session")
def linux_password_stack() -> Deployment:
    """The stack program with a secret password (config as `pulumi config set --secret` leaves it)."""
    return evaluate_stack(
        stack_config("dev", {"azure-multi-vm:sshPublicKey": "", "azure-multi-vm:adminPassword": STRONG_PASSWORD})
    )


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


@pytest.fixture
def deploying() -> None:
    """For tests that call the mocks directly, as `pulumi up` would: whatever ran before (a preview
    leaves `pulumi.runtime.is_dry_run()` true) must not decide whether ARM is called."""
    pulumi.runtime.set_mocks(AzureMocks(), preview=False)
