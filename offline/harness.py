"""Run the component (or the stack program) once under the Azure mocks and keep what it did."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import runpy
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pulumi
import yaml
from pulumi.runtime.mocks import MockMonitor

from components.vm_set import OUTPUT_NAMES

from .azure_mocks import AzureMocks, Registered
from .recording import RecordingMonitor, Registration

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT = "azure-multi-vm"


class ProjectError(ValueError):
    """A directory that holds no Pulumi Python project this harness can run (no Pulumi.yaml,
    another runtime, no program)."""


def read_yaml(path: Path) -> Any:
    """A project or stack file's document; `ProjectError` (one line) when it is not YAML."""
    try:
        return yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ProjectError(f"{path}: not valid YAML{where}: {getattr(error, 'problem', None) or error}") from None


def project_settings(project_dir: Path = REPO_ROOT) -> dict[str, Any]:
    """`project_dir/Pulumi.yaml` as a mapping: `name`, `runtime`, and the optional `main`,
    `stackConfigDir` and `config` the harness honours."""
    project_file = project_dir / "Pulumi.yaml"
    if not project_file.is_file():
        raise ProjectError(f"no Pulumi.yaml in {project_dir}: not a Pulumi project")
    settings = read_yaml(project_file)
    if not isinstance(settings, dict) or not isinstance(settings.get("name"), str):
        raise ProjectError(f"{project_file}: a Pulumi project file needs a `name:`")
    runtime = settings.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise ProjectError(f"{project_file}: runtime {runtime_name!r}; only Python programs (runtime: python) run here")
    return settings


def project_name(project_dir: Path = REPO_ROOT) -> str:
    """The `name:` of the Pulumi project in `project_dir` (what `pulumi.get_project()` returns)."""
    return str(project_settings(project_dir)["name"])


def project_config(project_dir: Path = REPO_ROOT) -> dict[str, Any]:
    """The project-level config of `Pulumi.yaml` (its `config:` block), every stack's defaults:
    a plain value, or a mapping whose `value` (else `default`) is the value; a mapping with
    neither only declares the key. Keys without a namespace are the project's.
    https://www.pulumi.com/docs/iac/concepts/projects/project-file/ (config, added in v3.44)."""
    settings = project_settings(project_dir)
    values: dict[str, Any] = {}
    block = settings.get("config") or {}
    if not isinstance(block, dict):
        raise ProjectError(
            f"{project_dir / 'Pulumi.yaml'}: `config:` is the project's config, a mapping of keys"
            " (a directory for the stack files is `stackConfigDir:`)"
        )
    for key, entry in block.items():
        if isinstance(entry, dict):
            if "value" not in entry and "default" not in entry:
                continue
            entry = entry["value"] if "value" in entry else entry["default"]
        values[key if ":" in key else f"{settings['name']}:{key}"] = entry
    return values


def stack_file(stack: str, project_dir: Path = REPO_ROOT) -> Path:
    """Where the stack's settings live: `Pulumi.<stack>.yaml` in the project, or in the
    project's `stackConfigDir` when it names one."""
    config_dir = project_settings(project_dir).get("stackConfigDir") or "."
    return project_dir / config_dir / f"Pulumi.{stack}.yaml"


def program_path(project_dir: Path = REPO_ROOT) -> Path:
    """The program Pulumi runs: the project directory (its `__main__.py`), or what `main:`
    names in Pulumi.yaml, a directory or a file, relative to the project."""
    main = project_settings(project_dir).get("main")
    program = project_dir / main if main else project_dir
    entry = program / "__main__.py" if program.is_dir() else program
    if not entry.is_file():
        raise ProjectError(f"the project in {project_dir} has no program: no {entry}")
    return program


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@dataclass
class Deployment:
    """Everything one evaluation registered, with its resolved outputs."""

    registered: list[Registered]
    urns: list[str]
    outputs: dict[str, Any]
    secret_outputs: set[str]
    warnings: list[str] = field(default_factory=list)
    invokes: list[str] = field(default_factory=list)
    """Tokens of the provider functions the program called (`azure-native:network:getSubnet`, ...)."""
    registrations: list[Registration] = field(default_factory=list)
    """Every registration (components included) as the engine saw it, when a `RecordingMonitor` ran."""

    def of_type(self, short_type: str) -> list[Registered]:
        return [r for r in self.registered if r.short_type == short_type]

    def one(self, short_type: str) -> Registered:
        found = self.of_type(short_type)
        assert len(found) == 1, f"expected one {short_type}, found {len(found)}"
        return found[0]

    def named(self, name: str) -> Registered:
        return next(r for r in self.registered if r.name == name)

    def count_by_type(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.registered:
            counts[r.short_type] = counts.get(r.short_type, 0) + 1
        return counts


def evaluate(
    program: Callable[[], dict[str, Any]],
    *,
    stack: str = "test",
    preview: bool = False,
    config: dict[str, str] | None = None,
    secret_keys: list[str] | None = None,
    mocks: AzureMocks | None = None,
    project: str = PROJECT,
    monitor: MockMonitor | None = None,
) -> Deployment:
    """Run `program` under fresh mocks (or the given ones); it returns the outputs to resolve.
    `secret_keys` are the config keys set with `pulumi config set --secret`.

    `monitor`: the mock monitor over `mocks` (by default a `RecordingMonitor`, which notes each
    registration's URN, parent and dependencies, as the Pulumi engine would know them)."""
    mocks = mocks or AzureMocks()
    # A resource group that names no location gets the provider's (`azure-native:location`), as
    # pulumi-azure-native fills it in (provider.go, applyDefaults).
    provider_location = (config or {}).get("azure-native:location")
    if provider_location:
        mocks.location = provider_location
    monitor = monitor or RecordingMonitor(mocks)
    collector = _WarningCollector()
    logger = logging.getLogger(f"pulumi-mocks-{id(mocks)}")
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    # A fresh root stack resource for each run, registered with this run's monitor and named
    # for this run's stack (set_mocks keeps the previous run's stack when one exists).
    pulumi.runtime.settings.ROOT.set(None)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=preview, logger=logger, monitor=monitor)
    pulumi.runtime.set_all_config(config or {}, secret_keys or [])
    resolved: dict[str, Any] = {}
    order: list[str] = []  # the program's own order of its outputs
    secret: set[str] = set()

    @pulumi.runtime.test  # type: ignore[untyped-decorator]  # the SDK leaves it unannotated
    def run() -> pulumi.Output[Any]:
        outputs = program()
        order.extend(outputs)

        async def find_secrets() -> int:
            for key, value in outputs.items():
                if isinstance(value, pulumi.Output) and await value.is_secret():
                    secret.add(key)
            return len(secret)

        secrets_found: pulumi.Input[int] = asyncio.ensure_future(find_secrets())

        # Each output on its own: in a preview, the known ones resolve and the unknown ones do not,
        # as `pulumi preview` shows them.
        def keep(key: str) -> Callable[[Any], None]:
            return lambda value: resolved.__setitem__(key, value)

        return pulumi.Output.all(
            *(pulumi.Output.from_input(value).apply(keep(key)) for key, value in outputs.items()),
            pulumi.Output.from_input(secrets_found),
        )

    try:
        run()
    except BaseException:
        _retrieve_failures_left_in_futures()
        raise
    return Deployment(
        registered=list(mocks.registered),
        urns=list(monitor.resources),
        outputs={key: resolved[key] for key in order if key in resolved},
        secret_outputs=secret,
        warnings=collector.messages,
        invokes=list(mocks.calls),
        registrations=list(monitor.registrations) if isinstance(monitor, RecordingMonitor) else [],
    )


def _retrieve_failures_left_in_futures() -> None:
    """Mark as retrieved every future that holds one of a failed run's registration errors.

    When the mocks refuse a resource as ARM would, the SDK sets that error on every future of
    the resource's outputs (`rpc.resolve_outputs_due_to_exception`: value, known and secret of
    each property), and only the value is ever awaited. The others are garbage once the run
    ends, and asyncio logs each as "Future exception was never retrieved" whenever the
    collector frees it, often after pytest's last line. The caller receives the error itself,
    so its copies are retrieved here, and the run's unfinished futures are cancelled."""
    settings = pulumi.runtime.settings.SETTINGS
    with settings.lock:
        left_over = [*settings.rpc_manager.rpcs, *settings.outputs]
        settings.outputs.clear()
    futures = [future for future in left_over if isinstance(future, asyncio.Future)]
    unfinished = [future for future in futures if not future.done()]
    for future in unfinished:
        future.cancel()
    if unfinished and not (loop := unfinished[0].get_loop()).is_running():
        loop.run_until_complete(asyncio.gather(*unfinished, return_exceptions=True))  # let them end
    failures: dict[int, BaseException] = {}  # by identity: the very errors the run raised
    for future in futures:
        if not future.cancelled() and (error := future.exception()) is not None:
            failures[id(error)] = error
    if not failures:
        return
    # Those futures are in reference cycles with their resource: the collector still tracks them.
    for candidate in gc.get_objects():
        # `_exception` reads the error without retrieving it, so another's stays reported.
        if (
            isinstance(candidate, asyncio.Future)
            and candidate.done()
            and not candidate.cancelled()
            and id(getattr(candidate, "_exception", None)) in failures
        ):
            candidate.exception()  # retrieved, so asyncio does not log it


def evaluate_component(
    name: str,
    args: dict[str, Any],
    *,
    stack: str = "test",
    mocks: AzureMocks | None = None,
    project: str = PROJECT,
) -> Deployment:
    """One `LoadBalancedVmSet` in a mock resource group, with all its outputs resolved."""
    from pulumi_azure_native import resources

    from components import LoadBalancedVmSet, LoadBalancedVmSetArgs

    def program() -> dict[str, Any]:
        group = resources.ResourceGroup("rg", location="westeurope")
        vm_set = LoadBalancedVmSet(name, cast(LoadBalancedVmSetArgs, {"resource_group_name": group.name, **args}))
        return {key: getattr(vm_set, key) for key in OUTPUT_NAMES}

    return evaluate(program, stack=stack, mocks=mocks, project=project)


def stack_config(
    stack: str = "dev", overrides: dict[str, Any] | None = None, *, project_dir: Path = REPO_ROOT
) -> dict[str, str]:
    """A stack's config as the Pulumi engine hands it to the program: the project's config
    (Pulumi.yaml), then the stack file's (`Pulumi.<stack>.yaml`, when there is one), then
    `overrides`; every value a string, structured values as JSON."""
    path = stack_file(stack, project_dir)
    document = (read_yaml(path) or {}) if path.is_file() else {}
    values = {**project_config(project_dir), **(document.get("config") or {}), **(overrides or {})}
    return {key: value if isinstance(value, str) else json.dumps(value) for key, value in values.items()}


def evaluate_stack(
    config: dict[str, str],
    *,
    stack: str = "dev",
    mocks: AzureMocks | None = None,
    preview: bool = False,
    project_dir: Path = REPO_ROOT,
    secret_keys: list[str] | None = None,
    monitor: MockMonitor | None = None,
) -> Deployment:
    """Run a real stack program (`project_dir/__main__.py`) and resolve what it exports.
    `secret_keys`: the config keys stored as secrets (`pulumi config set --secret`)."""
    return evaluate(
        stack_program(project_dir),
        stack=stack,
        config=config,
        secret_keys=secret_keys,
        mocks=mocks,
        preview=preview,
        project=project_name(project_dir),
        monitor=monitor,
    )


def stack_program(project_dir: Path = REPO_ROOT) -> Callable[[], dict[str, Any]]:
    """The project's program (`project_dir/__main__.py`, or Pulumi.yaml's `main:`) as a function
    that returns what it exports. It runs as Pulumi's Python language host runs it: with
    `runpy.run_path` on the program directory, which puts that directory first on `sys.path`
    so the program imports its own modules, and in the program's working directory
    (sdk/python/cmd/pulumi-language-python-exec in pulumi/pulumi; project-file docs, `main`)."""
    path = program_path(project_dir)
    workdir = path if path.is_dir() else project_dir

    def program() -> dict[str, Any]:
        exports: dict[str, Any] = {}
        original = pulumi.export
        pulumi.export = exports.__setitem__  # type: ignore[assignment]
        previous = os.getcwd()
        os.chdir(workdir)
        try:
            runpy.run_path(str(path), run_name="__main__")
        finally:
            os.chdir(previous)
            pulumi.export = original
        return exports

    return program
