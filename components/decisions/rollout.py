"""Rolling changes: which VMs Pulumi may take down at the same time, and how a VM proves it serves.

Azure has nothing that rolls a change of ours across an availability set (update domains pace
only Microsoft's own maintenance; the rolling upgrade is a scale-set feature:
learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-upgrade-policy).
So the set rolls itself, through Pulumi's dependency graph:

- the VMs are cut into batches of `max_unavailable`, in index order: VM i is in batch
  `i // max_unavailable`;
- each VM has a readiness gate, a managed run command that ends only once the VM answers its
  own health probe (and, on Linux, cloud-init has not failed);
- the NIC and VM of batch k+1 wait for every gate of batch k, through one barrier standing for
  them (orchestrations/vms/extensions.py, `build_batch_barrier`).

Pulumi's engine then changes (updates or replaces) one batch, waits for it to serve again and
moves on; a gate that fails stops `pulumi up` there, and the batches not yet reached keep
serving. Scaling adds or removes whole VMs at the end of the order and leaves the others'
inputs alone: a batch is a dependency, not an input.
"""

from __future__ import annotations

import shlex

from ..spec import Image, OsType, Probe, probe_description

# The gate's run command is stopped after this long (its `timeoutInSeconds`). It covers a first
# boot: cloud-init's package install (nginx: a minute or two), or IIS through its extension.
READINESS_TIMEOUT_SECONDS = 900
READINESS_POLL_SECONDS = 5
READINESS_RUN_COMMAND = "readiness"
FINGERPRINT_PARAMETER = "vmFingerprint"
"""The run command parameter that carries the VM's fingerprint: when the VM changes, so does the
parameter, and Azure runs the command again."""


# Managed Run Command on ARM64 Linux (Learn, "Run scripts in your Linux VM by using managed Run
# Commands", ms.date 2025-08-18, "Linux Distro's Supported"): Alma Linux 8+, Debian 11+, Flatcar,
# Azure Linux 2, RHEL 8.6+, Rocky 9, SLES 15 SP4+ and Ubuntu 20.04+ are supported; openSUSE and
# Oracle Linux are not. The handler ships an ARM64 build (Azure/run-command-handler-linux: Makefile
# `BIN_ARM64`, misc/run-command-shim picks it on aarch64). Publisher and offer prefix, lower case.
ARM64_WITHOUT_RUN_COMMAND: dict[tuple[str, str], str] = {
    ("oracle", "oracle-linux"): "Oracle Linux",
    ("suse", "opensuse"): "openSUSE",
}


def is_arm64(image: Image) -> bool:
    """Marketplace ARM64 images say so in their offer or SKU (`server-arm64`, `22_04-lts-arm64`)."""
    return any(mark in f"{image.offer} {image.sku}".lower() for mark in ("arm64", "aarch64"))


def gate_unsupported_on(image: Image, os_type: OsType) -> str | None:
    """The distribution whose ARM64 image the readiness gate (a managed run command) cannot run on;
    None when it can."""
    if os_type is not OsType.LINUX or not is_arm64(image):
        return None
    publisher, offer = image.publisher.lower(), image.offer.lower()
    return next(
        (
            name
            for (pub, prefix), name in ARM64_WITHOUT_RUN_COMMAND.items()
            if publisher == pub and offer.startswith(prefix)
        ),
        None,
    )


def gate_settings(vm_settings: dict[str, object], readiness_rerun: int) -> dict[str, object]:
    """What a gate's fingerprint digests: the VM's settings, and `readiness_rerun` once it is not 0.

    Azure runs a managed run command again only when its configuration changes: a PUT of the same
    one is not executed (Azure/azure-sdk-for-net#47307), and the Linux handler skips a
    configuration whose sequence number it has already processed (Azure/run-command-handler-linux
    internal/cmds/cmds.go, `enablePre`, `checkAndSaveSeqNum`: "already been processed, will not
    run again"), which a same-named run command deleted and created again does not escape on
    Linux (MicrosoftDocs/azure-compute-docs#178). So a gate that failed is retried by changing
    `readiness_rerun`, which changes its parameter. Left out at 0, so that the fingerprints of a
    set that never used it stay as they are."""
    return {**vm_settings, "readinessRerun": readiness_rerun} if readiness_rerun else dict(vm_settings)


def default_max_unavailable(vm_count: int) -> int:
    """Half the set, at least one VM: the other half keeps serving while a batch changes."""
    return max(1, vm_count // 2)


def batch_of(vm_index: int, max_unavailable: int) -> int:
    return vm_index // max_unavailable


def gated_by(vm_index: int, max_unavailable: int) -> range:
    """The VMs (indexes) whose readiness gates VM `vm_index` waits for: the previous batch."""
    batch = batch_of(vm_index, max_unavailable)
    if batch == 0:
        return range(0)
    return range((batch - 1) * max_unavailable, batch * max_unavailable)


def batches(vm_count: int, max_unavailable: int) -> list[list[int]]:
    """The VM indexes of each batch, in the order they change."""
    return [list(range(start, min(start + max_unavailable, vm_count))) for start in range(0, vm_count, max_unavailable)]


def readiness_script(os_type: OsType, probe: Probe, vm_name: str, timeout: int = READINESS_TIMEOUT_SECONDS) -> str:
    """The gate's script: wait until the VM answers `probe` on its own address, as the load
    balancer asks it (HTTP(S): status 200, certificates not checked; TCP: a connection), and
    fail with the VM's name and what went wrong after `timeout` seconds."""
    if os_type is OsType.LINUX:
        return _linux_script(probe, vm_name, timeout)
    return _windows_script(probe, vm_name, timeout)


def _linux_script(probe: Probe, vm_name: str, timeout: int) -> str:
    what = probe_description(probe)
    if probe.protocol == "Tcp":
        check = f'timeout 5 bash -c "</dev/tcp/$address/{probe.port}" 2>/dev/null'
    else:
        scheme = probe.protocol.lower()
        url = f'"{scheme}://$address:{probe.port}"{shlex.quote(probe.path or "/")}'
        insecure = " --insecure" if scheme == "https" else ""
        curl = f"curl --silent{insecure} --output /dev/null --max-time 5 --write-out '%{{http_code}}' {url}"
        check = f'[ "$({curl})" = 200 ]'
    name = shlex.quote(vm_name)
    return f"""#!/bin/bash
# Readiness gate of {vm_name}: succeeds once the VM answers its health probe ({what}).
set -u
deadline=$((SECONDS + {timeout}))
if command -v cloud-init >/dev/null 2>&1; then
  timeout {timeout} cloud-init status --wait >/dev/null 2>&1
  if [ "$?" -eq 1 ]; then  # 1: cloud-init failed (2: done, with recoverable errors)
    echo {name}": cloud-init failed:" >&2
    cloud-init status --long >&2
    exit 1
  fi
fi
address=$(hostname -I | awk '{{print $1}}')
until {check}; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo {name}" does not answer its health probe ({what}) after {timeout} s" >&2
    exit 1
  fi
  sleep {READINESS_POLL_SECONDS}
done
echo {name}" answers its health probe ({what})"
"""


def _windows_script(probe: Probe, vm_name: str, timeout: int) -> str:
    what = probe_description(probe)
    if probe.protocol == "Tcp":
        check = (
            f"$client = New-Object System.Net.Sockets.TcpClient; $client.Connect($address, {probe.port}); "
            "$client.Close(); $ready = $true"
        )
    else:
        url = f"{probe.protocol.lower()}://${{address}}:{probe.port}{probe.path or '/'}"
        check = (
            f'$response = Invoke-WebRequest -UseBasicParsing -TimeoutSec 5 -Uri "{url}"; '
            "$ready = $response.StatusCode -eq 200"
        )
    name = vm_name.replace("'", "''")
    return f"""param([string]${FINGERPRINT_PARAMETER})
# Readiness gate of {vm_name}: succeeds once the VM answers its health probe ({what}).
$deadline = (Get-Date).AddSeconds({timeout})
$address = (Get-NetIPAddress -AddressFamily IPv4 | Where-Object {{ $_.IPAddress -ne '127.0.0.1' }} |
    Select-Object -First 1).IPAddress
# The load balancer's HTTPS probe does not check certificates; neither does the gate.
[System.Net.ServicePointManager]::ServerCertificateValidationCallback = {{ $true }}
[System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::Tls12
while ($true) {{
    $ready = $false
    try {{ {check} }} catch {{ }}
    if ($ready) {{ Write-Output '{name} answers its health probe ({what})'; exit 0 }}
    if ((Get-Date) -ge $deadline) {{
        Write-Error '{name} does not answer its health probe ({what}) after {timeout} s'; exit 1
    }}
    Start-Sleep -Seconds {READINESS_POLL_SECONDS}
}}
"""
