"""What lives on each VM, and how a batch of VMs is known to be done.

- On Windows without custom data, a web server (IIS through the Custom Script extension), so that
  the default HTTP probe finds one.
- The VMAccess extension, holding the VM's current SSH key or password, so that a new credential
  is set in place (decisions/credentials.py).
- The readiness gate: a run command that ends once the VM answers its health probe, run again
  after each change of the VM (decisions/rollout.py).
- The batch barrier: one resource standing for the gates of a batch, which the next batch waits for.

A VM takes one extension operation at a time: the web server, then the credentials, then the gate.
"""

from __future__ import annotations

from collections.abc import Sequence

import pulumi
from pulumi_azure_native import compute

from ...decisions import credentials as access
from ...decisions import rollout
from ...decisions.cloud_init import windows_web_server_command
from ...decisions.naming import ResourceNames
from ...decisions.replacement import fingerprint
from ...resources.scope import ResourceScope
from ...spec import VmSetSpec
from ..machine import Credentials, credentials_extension


def build_batch_barrier(
    names: ResourceNames, scope: ResourceScope, batch: int, readiness_gates: Sequence[pulumi.Resource]
) -> pulumi.Resource:
    """One dependency that stands for every readiness gate of batch `batch`: the next batch waits
    for it. Without it each VM of a batch would depend on every gate of the one before, and the
    SDK's cycle check walks each such dependency's whole history (pulumi/runtime/
    resource_cycle_breaker.py): quadratic in the batch size. A Stash is the engine's own resource
    (no cloud call, no provider); its value, the batch's number, never changes."""
    return pulumi.Stash(
        names.batch_ready(batch),
        input=batch + 1,
        opts=pulumi.ResourceOptions(parent=scope.parent, depends_on=list(readiness_gates)),
    )


def build_web_server(vm_name: str, vm: compute.VirtualMachine, scope: ResourceScope) -> compute.VirtualMachineExtension:
    """Windows without custom data: IIS, so the default HTTP probe finds a server."""
    return compute.VirtualMachineExtension(
        f"{vm_name}-web-server",
        compute.VirtualMachineExtensionArgs(
            resource_group_name=scope.resource_group_name,
            vm_name=vm_name,
            vm_extension_name="web-server",
            location=scope.location,
            tags=scope.tags,
            publisher="Microsoft.Compute",
            type="CustomScriptExtension",
            type_handler_version="1.10",
            auto_upgrade_minor_version=True,
            settings={"commandToExecute": windows_web_server_command(vm_name)},
        ),
        opts=_on_vm(vm, scope),
    )


def build_credentials_extension(
    vm_name: str,
    vm: compute.VirtualMachine,
    spec: VmSetSpec,
    credentials: Credentials,
    scope: ResourceScope,
    after: pulumi.Resource | None,
) -> compute.VirtualMachineExtension:
    extension = credentials_extension(spec, credentials)
    return compute.VirtualMachineExtension(
        f"{vm_name}-{access.CREDENTIALS_EXTENSION}",
        compute.VirtualMachineExtensionArgs(
            resource_group_name=scope.resource_group_name,
            vm_name=vm_name,
            vm_extension_name=access.CREDENTIALS_EXTENSION,
            location=scope.location,
            tags=scope.tags,
            publisher=extension.publisher,
            type=extension.type,
            type_handler_version=extension.type_handler_version,
            auto_upgrade_minor_version=True,
            settings=extension.settings,
            protected_settings=extension.protected_settings,
        ),
        opts=_on_vm(vm, scope, after),
    )


def build_readiness_gate(
    vm_name: str,
    vm: compute.VirtualMachine,
    spec: VmSetSpec,
    scope: ResourceScope,
    created_as: pulumi.Output[str],
    *,
    boot_diagnostics_uri: pulumi.Input[str],
    after: pulumi.Resource,
) -> compute.VirtualMachineRunCommandByVirtualMachine:
    """The run command that ends once the VM answers its health probe (decisions/rollout.py)."""
    vm_settings: dict[str, object] = {
        "createdAs": created_as,
        "vmSize": spec.compute.vm_size,
        "patchSettings": [spec.patching.patch_mode, spec.patching.assessment_mode],
        "bootDiagnostics": boot_diagnostics_uri,
        "tags": scope.tags,
    }
    return compute.VirtualMachineRunCommandByVirtualMachine(
        f"{vm_name}-readiness",
        compute.VirtualMachineRunCommandByVirtualMachineArgs(
            resource_group_name=scope.resource_group_name,
            vm_name=vm_name,
            run_command_name=rollout.READINESS_RUN_COMMAND,
            location=scope.location,
            tags=scope.tags,
            source=compute.VirtualMachineRunCommandScriptSourceArgs(
                script=rollout.readiness_script(spec.compute.os_type, spec.load_balancing.probe, vm_name)
            ),
            # Changes whenever the VM does, so Azure runs the gate again after each change (and when
            # readiness_rerun does: a retry after a failed gate).
            parameters=[
                compute.RunCommandInputParameterArgs(
                    name=rollout.FINGERPRINT_PARAMETER,
                    value=pulumi.Output.all(**rollout.gate_settings(vm_settings, spec.rollout.readiness_rerun)).apply(
                        fingerprint
                    ),
                )
            ],
            async_execution=False,
            treat_failure_as_deployment_failure=True,
            timeout_in_seconds=rollout.READINESS_TIMEOUT_SECONDS,
        ),
        opts=_on_vm(vm, scope, after),
    )


def _on_vm(
    vm: compute.VirtualMachine, scope: ResourceScope, after: pulumi.Resource | None = None
) -> pulumi.ResourceOptions:
    """Options of a resource that lives on `vm` (an extension, its gate): named by the VM's fixed
    name, created after `after` (which comes after the VM) or else after the VM, and replaced with
    it. The VM's `name` output would say the same, but each dependency makes the SDK's cycle
    check walk what it depends on, down the chain of NAT rules
    (pulumi/runtime/resource_cycle_breaker.py): a cost cubic in the set's size."""
    return scope.options(parent=vm, depends_on=[after if after is not None else vm], replace_with=[vm])
