"""Rolling changes, decided without Pulumi: batches, gates, and the readiness script."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from components.decisions.replacement import VM_CREDENTIAL_PATHS, VM_REPLACE_ON_CHANGES, fingerprint
from components.decisions.rollout import (
    batch_of,
    batches,
    default_max_unavailable,
    gate_settings,
    gate_unsupported_on,
    gated_by,
    readiness_script,
)
from components.spec import Image, OsType, Probe, probe_description
from components.validation.load_balancing import DEFAULT_PROBE

HTTPS = Probe("Https", 8443, "/healthz", 5)
TCP = Probe("Tcp", 5432, None, 5)


@pytest.mark.parametrize(("vm_count", "expected"), [(2, 1), (3, 1), (4, 2), (7, 3), (200, 100)])
def test_the_default_takes_down_half_the_set_at_most_and_one_vm_at_least(vm_count: int, expected: int) -> None:
    assert default_max_unavailable(vm_count) == expected


def test_vms_are_cut_into_batches_in_index_order() -> None:
    assert batches(5, 2) == [[0, 1], [2, 3], [4]]


def test_a_vm_waits_for_the_gates_of_the_batch_before_its_own() -> None:
    assert list(gated_by(4, 2)) == [2, 3]


def test_the_first_batch_waits_for_no_gate() -> None:
    assert (batch_of(1, 2), list(gated_by(1, 2))) == (0, [])


def test_all_at_once_is_one_batch() -> None:
    assert batches(4, 4) == [[0, 1, 2, 3]]


@pytest.mark.parametrize(
    ("probe", "shown"), [(DEFAULT_PROBE, "HTTP GET :80/"), (HTTPS, "HTTPS GET :8443/healthz"), (TCP, "TCP :5432")]
)
def test_the_gate_names_the_probe_it_waits_for(probe: Probe, shown: str) -> None:
    assert probe_description(probe) == shown


def test_the_linux_gate_asks_for_a_200_on_the_probe_port_and_path() -> None:
    script = readiness_script(OsType.LINUX, HTTPS, "web-vm-1")
    assert '"https://$address:8443"/healthz' in script and "= 200 ]" in script and "--insecure" in script


def test_the_linux_gate_fails_when_cloud_init_failed() -> None:
    script = readiness_script(OsType.LINUX, DEFAULT_PROBE, "web-vm-1")
    assert "cloud-init status --wait" in script and 'cloud-init failed:" >&2' in script


def test_the_linux_gate_opens_a_tcp_connection_for_a_tcp_probe() -> None:
    assert "/dev/tcp/$address/5432" in readiness_script(OsType.LINUX, TCP, "db-vm-1")


def test_the_gate_fails_naming_the_vm_after_its_timeout() -> None:
    script = readiness_script(OsType.LINUX, DEFAULT_PROBE, "web-vm-2", timeout=120)
    assert 'web-vm-2" does not answer its health probe (HTTP GET :80/) after 120 s" >&2' in script


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("probe", [DEFAULT_PROBE, HTTPS, TCP], ids=["http", "https", "tcp"])
def test_the_linux_gate_is_valid_bash(probe: Probe) -> None:
    script = readiness_script(OsType.LINUX, probe, "web-vm-1")
    assert subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True).returncode == 0


def test_the_windows_gate_asks_for_a_200_on_the_probe_port_and_path() -> None:
    script = readiness_script(OsType.WINDOWS, HTTPS, "app-vm-1")
    assert 'Invoke-WebRequest -UseBasicParsing -TimeoutSec 5 -Uri "https://${address}:8443/healthz"' in script
    assert "$response.StatusCode -eq 200" in script


def test_the_windows_gate_declares_the_fingerprint_parameter_azure_passes() -> None:
    assert readiness_script(OsType.WINDOWS, TCP, "app-vm-1").startswith("param([string]$vmFingerprint)")


# --- what replaces a VM, and what rotates in place ---------------------------------------------------------


def test_what_azure_fixes_at_creation_replaces_the_vm() -> None:
    assert {"storageProfile.imageReference", "osProfile.customData", "osProfile.adminUsername", "zones"} <= set(
        VM_REPLACE_ON_CHANGES
    )


def test_credentials_never_replace_a_vm() -> None:
    assert not set(VM_CREDENTIAL_PATHS) & set(VM_REPLACE_ON_CHANGES)


def test_a_fingerprint_follows_its_values() -> None:
    assert fingerprint({"a": 1, "b": [2]}) == fingerprint({"b": [2], "a": 1}) != fingerprint({"a": 1, "b": [3]})


SETTINGS: dict[str, object] = {"createdAs": "0123456789abcdef", "vmSize": "Standard_D2s_v5"}


def test_a_gate_digests_the_vm_settings_alone_while_readiness_rerun_is_0() -> None:
    """So a set that never used it keeps its gates' fingerprints."""
    assert fingerprint(gate_settings(SETTINGS, 0)) == fingerprint(SETTINGS)


def test_a_new_readiness_rerun_changes_every_gates_fingerprint() -> None:
    """A changed parameter is what makes Azure run a managed run command again."""
    assert len({fingerprint(gate_settings(SETTINGS, n)) for n in (0, 1, 2)}) == 3


# Learn, run-command-managed (ms.date 2025-08-18): ARM64 Oracle Linux and openSUSE are not supported.
@pytest.mark.parametrize(
    ("image", "unsupported"),
    [
        (Image("Oracle", "Oracle-Linux", "ol9-arm64-gen2", "latest"), "Oracle Linux"),
        (Image("SUSE", "opensuse-leap-15-5", "gen2-arm64", "latest"), "openSUSE"),
        (Image("Oracle", "Oracle-Linux", "ol94-lvm-gen2", "latest"), None),
        (Image("Canonical", "ubuntu-24_04-lts", "server-arm64", "latest"), None),
        (Image("Debian", "debian-12", "12-arm64", "latest"), None),
    ],
    ids=["oracle arm64", "opensuse arm64", "oracle x64", "ubuntu arm64", "debian arm64"],
)
def test_the_gate_runs_on_every_arm64_linux_learn_lists(image: Image, unsupported: str | None) -> None:
    assert gate_unsupported_on(image, OsType.LINUX) == unsupported
