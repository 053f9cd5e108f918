"""Patch settings reach the VMs: platform patching by default, the opt-outs as asked."""

from __future__ import annotations

from offline.harness import Deployment

from ..support.checks import each
from ..support.deployments import vms


def test_linux_vms_are_patched_by_the_platform(linux_default: Deployment) -> None:
    settings = [vm["osProfile"]["linuxConfiguration"]["patchSettings"] for vm in vms(linux_default)]
    assert {(s["patchMode"], s["assessmentMode"]) for s in settings} == {("AutomaticByPlatform", "AutomaticByPlatform")}


def test_platform_patching_keeps_its_safety_checks(linux_default: Deployment) -> None:
    settings = vms(linux_default)[0]["osProfile"]["linuxConfiguration"]["patchSettings"]["automaticByPlatformSettings"]
    assert settings == {"bypassPlatformSafetyChecksOnUserSchedule": False, "rebootSetting": "IfRequired"}


def test_linux_vms_run_the_vm_agent_patching_needs(linux_default: Deployment) -> None:
    assert all(vm["osProfile"]["linuxConfiguration"]["provisionVMAgent"] for vm in each(vms(linux_default)))


def test_windows_vms_are_patched_by_the_platform(windows_default: Deployment) -> None:
    configurations = [vm["osProfile"]["windowsConfiguration"] for vm in vms(windows_default)]
    assert {
        (c["patchSettings"]["patchMode"], c["patchSettings"]["assessmentMode"], c["enableAutomaticUpdates"])
        for c in configurations
    } == {("AutomaticByPlatform", "AutomaticByPlatform", True)}


def test_windows_manual_patching_turns_automatic_updates_off(windows_manual: Deployment) -> None:
    configuration = vms(windows_manual)[0]["osProfile"]["windowsConfiguration"]
    assert (configuration["patchSettings"]["patchMode"], configuration["enableAutomaticUpdates"]) == ("Manual", False)


def test_opted_out_vms_have_no_platform_schedule(windows_manual: Deployment) -> None:
    assert (
        "automaticByPlatformSettings"
        not in vms(windows_manual)[0]["osProfile"]["windowsConfiguration"]["patchSettings"]
    )
