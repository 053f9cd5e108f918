"""Deployment-speed benchmark: how the stack program scales with `vmCount`, offline.

    python benchmarks/deploy_speed.py [--counts 2 10 50 100 200] [--repeat 3]
                                      [--floor same-types|resource-groups|none] [--pairs 6]
                                      [--no-plan] [--json]

For each VM count it measures, under the same ARM-like mocks the tests and `python -m plan`
use:
- the CPU time to evaluate the real stack program (`__main__.py`, every resource registered
  and answered by the mocks) and its peak memory;
- the same for the exact-work floor: the very resources a recorded run of the stack
  registered (same types, names, parents, input values, dependencies and secrets), replayed
  flat through the azure-native classes, with no component code and with every alias those
  classes declare. It is generated from the stack's first run at that count, and checked:
  its registrations must be the stack's, resource for resource;
- the same for a second floor (`--floor`): as many bare resources of the same types (only
  the inputs the mocks require), or as many resource groups;
- the Azure write operations, the longest dependency chain and the load-balancer writes;
- and once, `python -m plan` at 200 VMs, as a user runs it (wall time).

Every measurement runs in a fresh Python process, after a warm-up evaluation in that process
(imports and first-use caches paid before the clock starts), so no run inherits another's
heap: the garbage collector's work grows with what is alive, and one process reused would
charge later runs for earlier ones. The clock stops after a full collection, so each run
pays for freeing its own garbage wherever the collector's thresholds happened to fall. CPU
time of the process (all threads: the mocks answer from a thread pool) is less disturbed
than wall time by other work on a shared machine; it is the best of `--repeat` processes,
stack and floor runs interleaved. The growth from 100 to 200 VMs takes `--pairs` more
stack processes at each of the two counts, alternating. Peak memory is tracemalloc's peak
during the evaluation alone, in a process of its own because tracing slows the run.

It prints a table, checks the targets and exits 1 if one fails.
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
MAX_TIME_VS_EXACT_AT_100 = 0.5
MAX_MEMORY_VS_EXACT_AT_100 = 0.7
MAX_TIME_VS_FLOOR_AT_100 = 2.0
MAX_TIME_GROWTH_100_TO_200 = 2.2
MAX_MEMORY_VS_FLOOR = 1.5
MAX_CRITICAL_PATH = 8
VM_OWN_WRITES = 4  # a VM's NIC, the VM, its credentials extension and its readiness gate
PLAN_VM_COUNT = 200
MAX_PLAN_SECONDS = 15.0


# --- one measurement, in its own process ------------------------------------------------------


def _stack_once(vm_count: int, mocks: Any = None, monitor: Any = None) -> dict[str, Any]:
    from offline.azure_mocks import AzureMocks
    from offline.harness import evaluate_stack, stack_config
    from offline.recording import STACK_TYPE, RecordingMonitor
    from plan.figures import deployment_figures

    mocks = mocks or AzureMocks()
    monitor = monitor or RecordingMonitor(mocks)
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
        "vm_batches": figures.vm_batches,
    }


def _floor_once(types: list[str]) -> dict[str, Any]:
    from offline.harness import evaluate

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
    extensions: list[compute.VirtualMachineExtension] = []
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
        elif short == "VirtualMachineExtension" and len(extensions) < len(vms):
            # One Linux extension per bare VM: Azure takes one extension of a handler per VM.
            extensions.append(
                compute.VirtualMachineExtension(
                    name,
                    resource_group_name=rg,
                    vm_name=vms[len(extensions)].name,
                    publisher="Microsoft.Azure.Extensions",
                    type="CustomScript",
                    type_handler_version="2.1",
                )
            )
        elif short == "VirtualMachineRunCommandByVirtualMachine" and vms:
            compute.VirtualMachineRunCommandByVirtualMachine(
                name,
                resource_group_name=rg,
                vm_name=vms[i % len(vms)].name,
                source=compute.VirtualMachineRunCommandScriptSourceArgs(script="exit 0"),
            )
        elif resource_type == "pulumi:index:Stash":
            pulumi.Stash(name, input=i)
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


# --- the exact-work floor: the recorded run, registered again flat ---------------------------------


def record_exact_work(mocks: Any, monitor: Any) -> list[dict[str, Any]]:
    """Each resource a run registered, in order, as the engine saw it: type, name, parent,
    inputs (which are secret, and which resources each came from) and explicit dependencies."""
    from offline.recording import STACK_TYPE

    by_urn = {r.urn: r for r in mocks.registered}
    work: list[dict[str, Any]] = []
    for registration in monitor.registrations:
        if registration.type == STACK_TYPE:
            continue
        registered = by_urn.get(registration.urn)
        property_dependencies = dict(registered.property_dependencies) if registered else {}
        from_inputs = {urn for urns in property_dependencies.values() for urn in urns}
        work.append(
            {
                "urn": registration.urn,
                "type": registration.type,
                "name": registration.name,
                "parent": registration.parent,
                "custom": registration.custom,
                "inputs": registered.inputs if registered else {},
                "secret_inputs": sorted(registered.secret_inputs) if registered else [],
                "property_dependencies": {key: list(urns) for key, urns in property_dependencies.items()},
                "depends_on": [urn for urn in registration.dependencies if urn not in from_inputs],
            }
        )
    return work


def _sdk_class(type_token: str) -> tuple[Any, dict[str, str]]:
    """The azure-native class for `type_token` and its arguments' names by wire name."""
    import importlib

    import pulumi
    from pulumi import _types

    if type_token == "pulumi:index:Stash":  # the engine's own resource, from the SDK itself
        return pulumi.Stash, {"input": "input"}
    _, module, name = type_token.split(":")
    package = importlib.import_module(f"pulumi_azure_native.{module}")
    cls = getattr(package, name)
    args_cls = getattr(package, f"{name}InitArgs", None) or getattr(package, f"{name}Args")
    return cls, {wire: py for py, wire in _types.input_type_py_to_pulumi_names(args_cls).items()}


def _exact_work_program(work: list[dict[str, Any]]) -> dict[str, Any]:
    """The recorded resources registered flat through the SDK classes: same types, names and
    parents (so the same URNs), the same input values, each input waiting for the resources
    it came from, and the same explicit dependencies. Nothing is computed: no validation, no
    naming, no component code, and every alias the classes declare."""
    import pulumi

    made: dict[str, pulumi.Resource] = {}

    def output_of(urn: str) -> pulumi.Output[Any]:
        resource = made[urn]
        return resource.id if isinstance(resource, pulumi.CustomResource) else resource.urn

    classes: dict[str, tuple[Any, dict[str, str]]] = {}
    for entry in work:
        opts = pulumi.ResourceOptions(
            parent=made.get(entry["parent"]),
            depends_on=[made[urn] for urn in entry["depends_on"]] or None,
        )
        if not entry["custom"]:
            made[entry["urn"]] = pulumi.ComponentResource(entry["type"], entry["name"], None, opts)
            continue
        if entry["type"] not in classes:
            classes[entry["type"]] = _sdk_class(entry["type"])
        cls, py_names = classes[entry["type"]]
        kwargs: dict[str, Any] = {}
        for key, value in entry["inputs"].items():
            sources = entry["property_dependencies"].get(key)
            if sources:
                value = _once_resolved([output_of(urn) for urn in sources], value)
            if key in entry["secret_inputs"]:
                value = pulumi.Output.secret(value)
            kwargs[py_names[key]] = value
        made[entry["urn"]] = cls(entry["name"], opts=opts, **kwargs)
    return {}


def _once_resolved(outputs: list[Any], value: Any) -> Any:
    """`value`, once `outputs` resolve: an input that depends on their resources."""
    import pulumi

    return pulumi.Output.all(*outputs).apply(lambda _: value)


def _exact_work_once(work: list[dict[str, Any]], verify: bool = False) -> dict[str, Any]:
    from offline.azure_mocks import AzureMocks
    from offline.harness import PROJECT, evaluate
    from offline.recording import RecordingMonitor

    mocks = AzureMocks()
    monitor = RecordingMonitor(mocks)
    evaluate(lambda: _exact_work_program(work), stack="dev", project=PROJECT, mocks=mocks, monitor=monitor)
    result: dict[str, Any] = {"resources": len(work)}
    if verify:  # the floor's registrations against the recorded ones
        replayed = {entry["urn"]: entry for entry in record_exact_work(mocks, monitor)}
        result["differences"] = [
            entry["urn"] for entry in work if _engine_view(entry) != _engine_view(replayed.get(entry["urn"], {}))
        ]
    return result


def _engine_view(entry: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("type", "name", "parent", "inputs", "secret_inputs")
    deps = {key: sorted(urns) for key, urns in entry.get("property_dependencies", {}).items()}
    return (*(entry.get(key) for key in keys), deps, sorted(entry.get("depends_on", [])))


def _resource_groups_once(count: int) -> dict[str, Any]:
    """The literal floor: `count` resource groups, the cheapest type to register."""
    from pulumi_azure_native import resources

    from offline.harness import evaluate

    def program() -> dict[str, Any]:
        for i in range(count):
            resources.ResourceGroup(f"bare-{i}", location="westeurope")
        return {}

    evaluate(program)
    return {"resources": count}


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """Warm up, then measure one evaluation: its CPU and wall time, or (`memory`) its
    tracemalloc peak. `job`: {"kind": "stack", "vm_count": n} (with "record": the exact work
    it did, for the exact-work floor), {"kind": "exact", "work": [...]} (with "verify": how
    its registrations differ from the recorded ones), {"kind": "floor", "types": [...]} or
    {"kind": "resource-groups", "count": n}."""
    from offline.azure_mocks import AzureMocks
    from offline.recording import RecordingMonitor

    mocks = AzureMocks()
    monitor = RecordingMonitor(mocks)

    def run() -> dict[str, Any]:
        if job["kind"] == "stack":
            return _stack_once(job["vm_count"], mocks, monitor)
        if job["kind"] == "exact":
            return _exact_work_once(job["work"])
        if job["kind"] == "floor":
            return _floor_once(job["types"])
        return _resource_groups_once(job["count"])

    # Warm-up (imports, first-use caches) with the smallest case of the same kind.
    if job["kind"] == "stack":
        _stack_once(2)
    elif job["kind"] == "exact":
        _exact_work_once(job["work"][:15])  # a prefix of a registration order is a program
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
    else:
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        # Each run pays for freeing what it made, wherever the collector's thresholds fell
        # (a program's process pays for it at exit at the latest).
        gc.collect()
        result["cpu_seconds"] = time.process_time() - cpu
        result["wall_seconds"] = time.perf_counter() - wall
    if job.get("record"):
        result["work"] = record_exact_work(mocks, monitor)
    if job.get("verify"):
        result["differences"] = _exact_work_once(job["work"], verify=True)["differences"]
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
    exact_cpu_seconds: float
    peak_bytes: int
    exact_peak_bytes: int
    exact_differences: int
    """Resources the exact-work floor registered otherwise than the stack (0: the same work)."""
    floor_cpu_seconds: float | None
    floor_peak_bytes: int | None
    write_operations: int
    load_balancer_writes: int
    longest_chain: int
    critical_path: list[str]
    vm_batches: int
    stack_runs: int
    """The timed processes behind `cpu_seconds`."""


def measure(vm_count: int, repeat: int, floor: str) -> Row:
    stack_job = {"kind": "stack", "vm_count": vm_count}
    first = _in_subprocess({**stack_job, "record": True})
    exact_job: dict[str, Any] = {"kind": "exact", "work": first.pop("work")}
    floor_job: dict[str, Any] | None = None
    if floor == "same-types":
        floor_job = {"kind": "floor", "types": first["types"]}
    elif floor == "resource-groups":
        floor_job = {"kind": "resource-groups", "count": first["resources"]}
    stack_runs, exact_runs, floor_runs = [first], [], []
    for i in range(repeat):  # interleaved, so a busy spell on the machine hits all alike
        exact_runs.append(_in_subprocess(exact_job))
        if floor_job is not None:
            floor_runs.append(_in_subprocess(floor_job))
        if i + 1 < repeat:
            stack_runs.append(_in_subprocess(stack_job))
    exact_memory = _in_subprocess({**exact_job, "memory": True, "verify": True})
    return Row(
        vm_count=vm_count,
        resources=first["resources"],
        cpu_seconds=min(r["cpu_seconds"] for r in stack_runs),
        wall_seconds=min(r["wall_seconds"] for r in stack_runs),
        exact_cpu_seconds=min(r["cpu_seconds"] for r in exact_runs),
        peak_bytes=_in_subprocess({**stack_job, "memory": True})["peak_bytes"],
        exact_peak_bytes=exact_memory["peak_bytes"],
        exact_differences=len(exact_memory["differences"]),
        floor_cpu_seconds=min(r["cpu_seconds"] for r in floor_runs) if floor_runs else None,
        floor_peak_bytes=_in_subprocess({**floor_job, "memory": True})["peak_bytes"] if floor_job else None,
        write_operations=first["write_operations"],
        load_balancer_writes=first["load_balancer_writes"],
        longest_chain=first["longest_chain"],
        critical_path=first["critical_path"],
        vm_batches=first["vm_batches"],
        stack_runs=len(stack_runs),
    )


def _path(row: Row) -> str:
    return "another path: " + " -> ".join(t.rsplit(":", 1)[-1] for t in row.critical_path)


def _critical_path_shape(row: Row) -> str | None:
    """How the critical path runs, when it is the set's fixed start (resource group, public IP,
    load balancer), then NAT rules: all of them and the last VM's own writes, or up to the first
    batch's and then every batch's own writes (NIC, VM, extensions, gate); None otherwise."""
    kinds = [t.rsplit(":", 1)[-1] for t in row.critical_path]
    if kinds[:3] != ["ResourceGroup", "PublicIPAddress", "LoadBalancer"]:
        return None
    rules = next((i for i, kind in enumerate(kinds[3:]) if kind != "InboundNatRule"), len(kinds) - 3)
    own = kinds[3 + rules :]
    gates = own.count("VirtualMachineRunCommandByVirtualMachine")
    if not own or own[0] != "NetworkInterface" or own[-1] != "VirtualMachineRunCommandByVirtualMachine":
        return None
    if rules == row.vm_count and gates == 1:
        return f"{rules} NAT rules"
    if 1 <= rules <= -(-row.vm_count // row.vm_batches) and gates == row.vm_batches:
        return f"{rules} NAT rule{'s' if rules > 1 else ''}, then {gates} batches"
    return None


def time_plan(vm_count: int) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m plan --config vmCount=<vm_count>`, as a user runs it
    (imports, both evaluations, policy check and report included)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "plan", "--config", f"vmCount={vm_count}"],
        cwd=REPO_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure_growth(rows: list[Row], pairs: int) -> tuple[float, float, int]:
    """The best CPU seconds of the stack at vmCount 100 and at 200, and over how many processes
    each: the rows' own runs plus `pairs` more of each, 100 and 200 alternating, so that a slow
    spell on the machine weighs on both counts alike."""
    by_count = {row.vm_count: row for row in rows}
    best = {count: by_count[count].cpu_seconds for count in (100, 200)}
    for _ in range(pairs):
        for count in (100, 200):
            best[count] = min(best[count], _in_subprocess({"kind": "stack", "vm_count": count})["cpu_seconds"])
    return best[100], best[200], by_count[100].stack_runs + pairs


def check_targets(
    rows: list[Row],
    floor: str = "same-types",
    plan_timing: tuple[int, float, float] | None = None,
    growth_timing: tuple[float, float, int] | None = None,
) -> list[tuple[str, bool, str]]:
    """(target, passed, what was measured) for each target. `growth_timing`: the stack's best CPU
    seconds at 100 and 200 VMs and the processes behind each (`measure_growth`); without it,
    the rows' own."""
    by_count = {row.vm_count: row for row in rows}
    checks: list[tuple[str, bool, str]] = []
    different = [
        f"{row.exact_differences} resources differ at vmCount={row.vm_count}" for row in rows if row.exact_differences
    ]
    checks.append(
        (
            "the exact-work floor registers what the stack registers",
            not different,
            "the same resources, inputs, parents and dependencies at every count"
            if not different
            else "; ".join(different),
        )
    )
    if 100 in by_count:
        row = by_count[100]
        ratio = row.cpu_seconds / row.exact_cpu_seconds
        checks.append(
            (
                f"CPU time at vmCount=100 at most {MAX_TIME_VS_EXACT_AT_100}x the exact-work floor's",
                ratio <= MAX_TIME_VS_EXACT_AT_100,
                f"{row.cpu_seconds:.2f} s vs {row.exact_cpu_seconds:.2f} s: {ratio:.2f}x",
            )
        )
        memory = row.peak_bytes / row.exact_peak_bytes
        checks.append(
            (
                f"peak memory at vmCount=100 at most {MAX_MEMORY_VS_EXACT_AT_100}x the exact-work floor's",
                memory <= MAX_MEMORY_VS_EXACT_AT_100,
                f"{row.peak_bytes / 2**20:.1f} MiB vs {row.exact_peak_bytes / 2**20:.1f} MiB: {memory:.2f}x",
            )
        )
        if row.floor_cpu_seconds is not None:
            floor_ratio = row.cpu_seconds / row.floor_cpu_seconds
            checks.append(
                (
                    f"CPU time at vmCount=100 within {MAX_TIME_VS_FLOOR_AT_100}x the {floor} floor's",
                    floor_ratio <= MAX_TIME_VS_FLOOR_AT_100,
                    f"{row.cpu_seconds:.2f} s vs {row.floor_cpu_seconds:.2f} s: {floor_ratio:.2f}x",
                )
            )
    if 100 in by_count and 200 in by_count:
        at_100, at_200, processes = growth_timing or (
            by_count[100].cpu_seconds,
            by_count[200].cpu_seconds,
            by_count[100].stack_runs,
        )
        growth = at_200 / at_100
        exact_growth = by_count[200].exact_cpu_seconds / by_count[100].exact_cpu_seconds
        checks.append(
            (
                f"linear: vmCount=200 within {MAX_TIME_GROWTH_100_TO_200}x the CPU time of 100",
                growth <= MAX_TIME_GROWTH_100_TO_200,
                f"{growth:.2f}x: {at_100:.2f} s and {at_200:.2f} s, best of {processes} processes each"
                f" (the exact-work floor: {exact_growth:.2f}x)",
            )
        )
    with_floor = [row for row in rows if row.floor_peak_bytes]
    if with_floor:
        worst = max(with_floor, key=lambda r: r.peak_bytes / (r.floor_peak_bytes or 1))
        memory_ratio = worst.peak_bytes / (worst.floor_peak_bytes or 1)
        checks.append(
            (
                f"peak memory within {MAX_MEMORY_VS_FLOOR}x the {floor} floor's at every count",
                memory_ratio <= MAX_MEMORY_VS_FLOOR,
                f"worst {memory_ratio:.2f}x at vmCount={worst.vm_count}",
            )
        )
    if plan_timing is not None:
        vm_count, wall, cpu = plan_timing
        checks.append(
            (
                f"python -m plan for {vm_count} VMs under {MAX_PLAN_SECONDS:.0f} s",
                wall < MAX_PLAN_SECONDS,
                f"{wall:.1f} s wall, {cpu:.1f} s CPU",
            )
        )
    # NAT-rule writes are serialised on the load balancer (one at a time, as Azure takes them), and
    # the VMs go batch by batch, each after the readiness gates of the one before: the critical
    # path is the set's fixed start, then the longer of the two chains, the NAT rules (one per VM)
    # or the batches (each a NIC, its VM, the VM's extensions and its gate).
    shapes = [_critical_path_shape(row) for row in rows]
    checks.append(
        (
            "critical path: the fixed start, then the NAT rules or the batches, whichever takes longer",
            all(shape is not None for shape in shapes),
            "; ".join(f"{row.vm_count} VMs: {shape or _path(row)}" for row, shape in zip(rows, shapes, strict=True)),
        )
    )
    # Each chain at its bound: the start, one NAT rule per VM and the last VM's own writes; or the
    # start, the first NAT rule and the batches' writes.
    longest = max(row.longest_chain - max(row.vm_count, VM_OWN_WRITES * row.vm_batches) for row in rows)
    checks.append(
        (
            f"longest dependency chain at most {MAX_CRITICAL_PATH} resources beyond the NAT rules or the batches",
            longest <= MAX_CRITICAL_PATH,
            f"{longest} resources beyond the longer of the two",
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
    from plan.render import table

    def ratio(value: float, of: float | None) -> str:
        return f"{value / of:.2f}" if of else "-"

    def number(value: float | None, scale: float = 1.0, digits: int = 2) -> str:
        return f"{value / scale:.{digits}f}" if value is not None else "-"

    lines = [f"Machine: {machine()}", f"Floors: exact work, {floor}", ""]
    lines.append(
        table(
            [
                "VMs",
                "Resources",
                "CPU s",
                "Wall s",
                "Exact CPU s",
                "x exact",
                "Floor CPU s",
                "x floor",
                "Peak MiB",
                "Exact MiB",
                "x exact",
                "Floor MiB",
                "x floor",
                "Writes",
                "LB writes",
                "Chain",
            ],
            [
                [
                    row.vm_count,
                    row.resources,
                    number(row.cpu_seconds),
                    number(row.wall_seconds),
                    number(row.exact_cpu_seconds),
                    ratio(row.cpu_seconds, row.exact_cpu_seconds),
                    number(row.floor_cpu_seconds),
                    ratio(row.cpu_seconds, row.floor_cpu_seconds),
                    number(row.peak_bytes, 2**20, 1),
                    number(row.exact_peak_bytes, 2**20, 1),
                    ratio(row.peak_bytes, row.exact_peak_bytes),
                    number(row.floor_peak_bytes, 2**20, 1),
                    ratio(row.peak_bytes, row.floor_peak_bytes),
                    row.write_operations,
                    row.load_balancer_writes,
                    row.longest_chain,
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
        choices=["same-types", "resource-groups", "none"],
        default="same-types",
        help="the floor measured beside the exact-work floor: same-types (default), a bare resource of "
        "each type the stack registers; resource-groups, as many resource groups; none",
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=6,
        help="more stack processes at vmCount 100 and 200, alternating, for the growth target (default 6)",
    )
    parser.add_argument(
        "--no-plan", action="store_true", help=f"skip timing `python -m plan` at vmCount={PLAN_VM_COUNT}"
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
    growth_timing = None
    if {100, 200} <= set(args.counts):
        print(f"timing vmCount=100 and 200 alternately, {args.pairs} more each ...", file=sys.stderr, flush=True)
        growth_timing = measure_growth(rows, args.pairs)
    plan_timing = None
    if not args.no_plan:
        print(f"timing python -m plan at vmCount={PLAN_VM_COUNT} ...", file=sys.stderr, flush=True)
        plan_timing = (PLAN_VM_COUNT, *time_plan(PLAN_VM_COUNT))
    checks = check_targets(rows, args.floor, plan_timing, growth_timing)
    if args.json:
        document = {
            "machine": machine(),
            "floor": args.floor,
            "rows": [vars(r) for r in rows],
            "plan": plan_timing,
            "growth": growth_timing,
            "checks": checks,
        }
        print(json.dumps(document, indent=2))
    else:
        print(render(rows, checks, args.floor))
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
