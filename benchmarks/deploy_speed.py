"""Deployment-speed benchmark: how the stack program scales with `vmCount`, offline.

    python benchmarks/deploy_speed.py [--counts 2 10 50 100 200] [--repeat 3]
                                      [--floor same-types|resource-groups] [--json]

For each VM count it measures, under the same ARM-like mocks the tests and `python -m plan`
use:
- the CPU time to evaluate the real stack program (`__main__.py`, every resource registered
  and answered by the mocks) and its peak memory;
- the same for a floor: as many bare resources as the stack registers, of the same types
  (only the inputs the mocks require), so what remains is the cost of the component itself.
  The Python SDK's cost per resource depends on its type (each azure-native class carries
  an alias per API version: a NetworkInterface 60, a ResourceGroup 25), so a floor of
  resource groups only (`--floor resource-groups`) would charge that to the component;
- the Azure write operations, the longest dependency chain and the load-balancer writes.

Every measurement runs in a fresh Python process, after a warm-up evaluation in that process
(imports and first-use caches paid before the clock starts), so no run inherits another's
heap: the garbage collector's work grows with what is alive, and one process reused would
charge later runs for earlier ones. CPU time of the process (all threads: the mocks answer
from a thread pool) is less disturbed than wall time by other work on a shared machine;
it is the best of `--repeat` processes, stack and floor runs interleaved. Peak memory is
tracemalloc's peak during the evaluation alone, in a process of its own because tracing
slows the run.

It prints a table, checks the issue's targets and exits 1 if one fails.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

DEFAULT_COUNTS = (2, 10, 50, 100, 200)
NAMESPACE = "azure-multi-vm"

# The targets.
MAX_TIME_VS_FLOOR_AT_100 = 2.0
MAX_TIME_GROWTH_100_TO_200 = 2.2
MAX_MEMORY_VS_FLOOR = 1.5
MAX_CRITICAL_PATH = 6


# --- one measurement, in its own process ------------------------------------------------------


def _stack_once(vm_count: int) -> dict[str, Any]:
    from plan.azure_mocks import AzureMocks
    from plan.figures import deployment_figures
    from plan.harness import evaluate_stack, stack_config
    from plan.recording import STACK_TYPE, RecordingMonitor

    mocks = AzureMocks()
    monitor = RecordingMonitor(mocks)
    evaluate_stack(stack_config("dev", {f"{NAMESPACE}:vmCount": str(vm_count)}), mocks=mocks, monitor=monitor)
    figures = deployment_figures(monitor.registrations)
    types = [r.type for r in monitor.registrations if r.type != STACK_TYPE]
    return {
        "resources": len(types),
        "types": types,
        "write_operations": figures.write_operations,
        "load_balancer_writes": figures.load_balancer_writes,
        "longest_chain": figures.longest_chain,
        "critical_path": [step.type for step in figures.critical_path],
        "estimated_up_seconds": figures.estimated_up_seconds,
        "sequential_seconds": figures.sequential_seconds,
    }


def _floor_once(types: list[str]) -> dict[str, Any]:
    from plan.harness import evaluate

    evaluate(lambda: _bare_program(types))
    return {"resources": len(types)}


def _bare_program(types: list[str]) -> dict[str, Any]:
    """One bare resource per entry of `types`, of that type: only the inputs the mocks (like
    ARM) require, no component, no validation, no computed inputs beyond the IDs that tie a
    VM to its NIC and a NIC to its subnet."""
    import pulumi
    from pulumi_azure_native import compute, network, resources, storage

    group = resources.ResourceGroup("bare-rg", location="westeurope")
    rg = group.name
    vnet: network.VirtualNetwork | None = None
    nics: list[network.NetworkInterface] = []
    vms: list[compute.VirtualMachine] = []
    for i, resource_type in enumerate(types[1:], start=1):  # types[0]: the stack's resource group
        name = f"bare-{i}"
        short = resource_type.rsplit(":", 1)[-1]
        if short == "NetworkSecurityGroup":
            network.NetworkSecurityGroup(name, resource_group_name=rg)
        elif short == "PublicIPAddress":
            network.PublicIPAddress(
                name,
                resource_group_name=rg,
                sku=network.PublicIPAddressSkuArgs(name="Standard"),
                public_ip_allocation_method="Static",
            )
        elif short == "StorageAccount":
            storage.StorageAccount(
                name,
                resource_group_name=rg,
                account_name=f"bare{i:08d}",
                sku=storage.SkuArgs(name="Standard_LRS"),
                kind="StorageV2",
            )
        elif short == "AvailabilitySet":
            compute.AvailabilitySet(name, resource_group_name=rg, sku=compute.SkuArgs(name="Aligned"))
        elif short == "LoadBalancer":
            network.LoadBalancer(name, resource_group_name=rg, sku=network.LoadBalancerSkuArgs(name="Standard"))
        elif short == "VirtualNetwork":
            vnet = network.VirtualNetwork(
                name,
                resource_group_name=rg,
                address_space=network.AddressSpaceArgs(address_prefixes=["10.0.0.0/16"]),
                subnets=[network.SubnetArgs(name="s", address_prefix="10.0.0.0/16")],
            )
        elif short == "NetworkInterface" and vnet is not None:
            subnet_id = vnet.id.apply(lambda vnet_id: f"{vnet_id}/subnets/s")
            nics.append(
                network.NetworkInterface(
                    name,
                    resource_group_name=rg,
                    ip_configurations=[
                        network.NetworkInterfaceIPConfigurationArgs(name="ip", subnet=network.SubnetArgs(id=subnet_id))
                    ],
                )
            )
        elif short == "VirtualMachine" and len(vms) < len(nics):
            vms.append(_bare_vm(name, rg, nics[len(vms)]))
        elif short == "VirtualMachineExtension" and vms:
            compute.VirtualMachineExtension(
                name,
                resource_group_name=rg,
                vm_name=vms[i % len(vms)].name,
                publisher="Microsoft.Compute",
                type="CustomScriptExtension",
                type_handler_version="1.10",
            )
        elif not resource_type.startswith("azure-native:"):
            pulumi.ComponentResource("bench:index:Bare", name)
        else:  # a type this floor does not know: a resource group stands in for it
            resources.ResourceGroup(name, location="westeurope")
    return {}


def _bare_vm(name: str, rg: Any, nic: Any) -> Any:
    from pulumi_azure_native import compute

    return compute.VirtualMachine(
        name,
        resource_group_name=rg,
        hardware_profile=compute.HardwareProfileArgs(vm_size="Standard_D2s_v5"),
        network_profile=compute.NetworkProfileArgs(
            network_interfaces=[compute.NetworkInterfaceReferenceArgs(id=nic.id)]
        ),
        os_profile=compute.OSProfileArgs(
            computer_name=name,
            admin_username="azureuser",
            admin_password="Bare-floor-password-1",
            linux_configuration=compute.LinuxConfigurationArgs(disable_password_authentication=False),
        ),
        storage_profile=compute.StorageProfileArgs(
            image_reference=compute.ImageReferenceArgs(
                publisher="Canonical", offer="ubuntu-24_04-lts", sku="server", version="latest"
            ),
            os_disk=compute.OSDiskArgs(
                create_option="FromImage",
                managed_disk=compute.ManagedDiskParametersArgs(storage_account_type="StandardSSD_LRS"),
            ),
        ),
    )


def _resource_groups_once(count: int) -> dict[str, Any]:
    """The literal floor: `count` resource groups, the cheapest type to register."""
    from pulumi_azure_native import resources

    from plan.harness import evaluate

    def program() -> dict[str, Any]:
        for i in range(count):
            resources.ResourceGroup(f"bare-{i}", location="westeurope")
        return {}

    evaluate(program)
    return {"resources": count}


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """Warm up, then measure one evaluation: its CPU and wall time, or (`memory`) its
    tracemalloc peak. `job`: {"kind": "stack", "vm_count": n}, {"kind": "floor", "types": [...]}
    or {"kind": "resource-groups", "count": n}."""

    def run() -> dict[str, Any]:
        if job["kind"] == "stack":
            return _stack_once(job["vm_count"])
        if job["kind"] == "floor":
            return _floor_once(job["types"])
        return _resource_groups_once(job["count"])

    # Warm-up (imports, first-use caches) with the smallest case of the same kind.
    if job["kind"] == "stack":
        _stack_once(2)
    elif job["kind"] == "floor":
        _floor_once(list(dict.fromkeys(job["types"])))
    else:
        _resource_groups_once(2)
    gc.collect()
    if job.get("memory"):
        tracemalloc.start()
        result = run()
        result["peak_bytes"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    result["cpu_seconds"] = time.process_time() - cpu
    result["wall_seconds"] = time.perf_counter() - wall
    return result


def _in_subprocess(job: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
    done = subprocess.run(command, input=json.dumps(job), capture_output=True, text=True, check=False, cwd=REPO_ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark worker {job['kind']} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the benchmark ------------------------------------------------------------------------------


@dataclass
class Row:
    vm_count: int
    resources: int
    cpu_seconds: float
    wall_seconds: float
    floor_cpu_seconds: float
    peak_bytes: int
    floor_peak_bytes: int
    write_operations: int
    load_balancer_writes: int
    longest_chain: int
    critical_path: list[str]
    estimated_up_seconds: float
    sequential_seconds: float


def measure(vm_count: int, repeat: int, floor: str) -> Row:
    stack_job = {"kind": "stack", "vm_count": vm_count}
    first = _in_subprocess(stack_job)
    if floor == "same-types":
        floor_job: dict[str, Any] = {"kind": "floor", "types": first["types"]}
    else:
        floor_job = {"kind": "resource-groups", "count": first["resources"]}
    stack_runs, floor_runs = [first], []
    for i in range(repeat):  # interleaved, so a busy spell on the machine hits both alike
        floor_runs.append(_in_subprocess(floor_job))
        if i + 1 < repeat:
            stack_runs.append(_in_subprocess(stack_job))
    return Row(
        vm_count=vm_count,
        resources=first["resources"],
        cpu_seconds=min(r["cpu_seconds"] for r in stack_runs),
        wall_seconds=min(r["wall_seconds"] for r in stack_runs),
        floor_cpu_seconds=min(r["cpu_seconds"] for r in floor_runs),
        peak_bytes=_in_subprocess({**stack_job, "memory": True})["peak_bytes"],
        floor_peak_bytes=_in_subprocess({**floor_job, "memory": True})["peak_bytes"],
        write_operations=first["write_operations"],
        load_balancer_writes=first["load_balancer_writes"],
        longest_chain=first["longest_chain"],
        critical_path=first["critical_path"],
        estimated_up_seconds=first["estimated_up_seconds"],
        sequential_seconds=first["sequential_seconds"],
    )


def check_targets(rows: list[Row]) -> list[tuple[str, bool, str]]:
    """(target, passed, what was measured) for each of the issue's targets."""
    by_count = {row.vm_count: row for row in rows}
    checks: list[tuple[str, bool, str]] = []
    if 100 in by_count:
        row = by_count[100]
        ratio = row.cpu_seconds / row.floor_cpu_seconds
        checks.append(
            (
                f"evaluation at vmCount=100 within {MAX_TIME_VS_FLOOR_AT_100}x the floor",
                ratio <= MAX_TIME_VS_FLOOR_AT_100,
                f"{row.cpu_seconds:.2f} s vs {row.floor_cpu_seconds:.2f} s of CPU: {ratio:.2f}x",
            )
        )
    if 100 in by_count and 200 in by_count:
        growth = by_count[200].cpu_seconds / by_count[100].cpu_seconds
        floor_growth = by_count[200].floor_cpu_seconds / by_count[100].floor_cpu_seconds
        checks.append(
            (
                f"linear: vmCount=200 within {MAX_TIME_GROWTH_100_TO_200}x the time of 100",
                growth <= MAX_TIME_GROWTH_100_TO_200,
                f"{growth:.2f}x (the floor itself: {floor_growth:.2f}x)",
            )
        )
    worst_memory = max(rows, key=lambda r: r.peak_bytes / r.floor_peak_bytes)
    memory_ratio = worst_memory.peak_bytes / worst_memory.floor_peak_bytes
    checks.append(
        (
            f"peak memory within {MAX_MEMORY_VS_FLOOR}x the floor's at every count",
            memory_ratio <= MAX_MEMORY_VS_FLOOR,
            f"worst {memory_ratio:.2f}x at vmCount={worst_memory.vm_count}",
        )
    )
    # NAT-rule writes are serialised on the load balancer (one at a time, as Azure takes them),
    # so the critical path is the set's fixed chain plus one NAT rule per VM.
    nat_rule = "azure-native:network:InboundNatRule"
    paths = {tuple(t for t in row.critical_path if t != nat_rule) for row in rows}
    nat_steps = [sum(1 for t in row.critical_path if t == nat_rule) for row in rows]
    checks.append(
        (
            "critical path: the same chain for every count, plus one NAT rule per VM",
            len(paths) == 1 and nat_steps == [row.vm_count for row in rows],
            " -> ".join(t.rsplit(":", 1)[-1] for t in rows[0].critical_path)
            + ("" if len(paths) == 1 else f" ({len(paths)} different paths)"),
        )
    )
    longest = max(row.longest_chain - row.vm_count for row in rows)
    checks.append(
        (
            f"longest dependency chain at most {MAX_CRITICAL_PATH} resources plus one NAT rule per VM",
            longest <= MAX_CRITICAL_PATH,
            f"{longest} resources besides the NAT rules",
        )
    )
    checks.append(
        (
            "load-balancer writes: the load balancer's own and one NAT rule per VM",
            all(row.load_balancer_writes == row.vm_count + 1 for row in rows),
            f"load-balancer writes per count: {', '.join(str(row.load_balancer_writes) for row in rows)}",
        )
    )
    return checks


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def render(rows: list[Row], checks: list[tuple[str, bool, str]], floor: str) -> str:
    from plan.render import duration, table

    lines = [f"Machine: {machine()}", f"Floor: {floor}", ""]
    lines.append(
        table(
            [
                "VMs",
                "Resources",
                "CPU s",
                "Wall s",
                "Floor CPU s",
                "x floor",
                "Peak MiB",
                "Floor MiB",
                "x floor",
                "Writes",
                "LB writes",
                "Chain",
                "Est. up",
                "Sequential",
            ],
            [
                [
                    row.vm_count,
                    row.resources,
                    f"{row.cpu_seconds:.2f}",
                    f"{row.wall_seconds:.2f}",
                    f"{row.floor_cpu_seconds:.2f}",
                    f"{row.cpu_seconds / row.floor_cpu_seconds:.2f}",
                    f"{row.peak_bytes / 2**20:.1f}",
                    f"{row.floor_peak_bytes / 2**20:.1f}",
                    f"{row.peak_bytes / row.floor_peak_bytes:.2f}",
                    row.write_operations,
                    row.load_balancer_writes,
                    row.longest_chain,
                    duration(row.estimated_up_seconds),
                    duration(row.sequential_seconds),
                ]
                for row in rows
            ],
            "",
        )
    )
    lines += ["", "Targets"]
    lines += [f"  {'PASS' if ok else 'FAIL'}  {target}: {measured}" for target, ok, measured in checks]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--counts", type=int, nargs="+", default=list(DEFAULT_COUNTS))
    parser.add_argument("--repeat", type=int, default=3, help="timed processes per measurement (best kept)")
    parser.add_argument(
        "--floor",
        choices=["same-types", "resource-groups"],
        default="same-types",
        help="same-types (default): a bare resource of each type the stack registers; "
        "resource-groups: as many resource groups",
    )
    parser.add_argument("--json", action="store_true", help="print the rows and checks as JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)  # a job on stdin
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(json.loads(sys.stdin.read()))))
        return 0
    rows = []
    for vm_count in args.counts:
        print(f"measuring vmCount={vm_count} ...", file=sys.stderr, flush=True)
        rows.append(measure(vm_count, args.repeat, args.floor))
    checks = check_targets(rows)
    if args.json:
        document = {"machine": machine(), "floor": args.floor, "rows": [vars(r) for r in rows], "checks": checks}
        print(json.dumps(document, indent=2))
    else:
        print(render(rows, checks, args.floor))
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
