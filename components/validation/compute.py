"""The VMs themselves: how many, their size, OS and image, their disks, their custom data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..args import ImageArgs
from ..catalogs import vm_sizes
from ..decisions import rollout
from ..declarations import declared_default
from ..errors import InvalidArgumentError
from ..spec import DEFAULT_IMAGES, Compute, DiskStorage, Image, OsType
from .feasibility import check_known_size, text_value
from .inputs import boolean, checked_input, choice, declared, given, integer

MIN_VM_COUNT = 2  # the availability-set SLA needs at least two VMs
MAX_VM_COUNT = 200  # an availability set holds at most 200 VMs (a scale set: decisions/scale_set.py)
MAX_CUSTOM_DATA_BYTES = 65535  # Azure: customData decodes to at most 65,535 bytes

# Every VM size name is of the Standard_ or Basic_ family (Standard_D2s_v5, Basic_A1); ARM compares
# them case-insensitively (learn.microsoft.com/azure/virtual-machines/sizes/overview).
_VM_SIZE = re.compile(r"^(standard|basic)_[a-z0-9][a-z0-9_-]{0,61}$", re.IGNORECASE)
_IMAGE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# Marketplace SKU names that say generation 2 (22_04-lts-gen2, 2019-datacenter-gensecond, 2022-datacenter-g2)
# or Arm64, which is generation 2 only.
_GEN2_SKU_MARKS = ("gen2", "g2", "gensecond", "arm64")


def read_compute(args: Mapping[str, Any], warnings: list[str], max_vm_count: int = MAX_VM_COUNT) -> Compute:
    """`max_vm_count`: the most VMs the orchestration holds (an availability set's 200 by default)."""
    vm_count = integer(args, "vm_count", MIN_VM_COUNT, max_vm_count)
    vm_size = _vm_size(given(args, "vm_size"))
    check_known_size(vm_size)
    os_type = choice(args, "os_type", OsType)
    disk_storage = choice(args, "disk_storage", DiskStorage)
    given_image = given(args, "image")
    image = DEFAULT_IMAGES[os_type] if given_image is None else _image(given_image)
    _check_gate_runs_on(image, os_type, given_image)
    custom_data = args.get("custom_data")
    if isinstance(custom_data, str):
        _check_custom_data(custom_data)
    trusted_launch = _trusted_launch(args, vm_size, image, disk_storage, warnings)
    # Text from another resource is checked when it resolves, with the same messages.
    checked_custom_data = checked_input(args, "custom_data", _checked_custom_data)
    return Compute(vm_count, vm_size, os_type, disk_storage, image, trusted_launch, checked_custom_data)


def _vm_size(value: object) -> str:
    if value is None:
        return str(declared("vm_size"))
    allowed = (
        f"an Azure VM size name of a known family, such as {vm_sizes.SUGGESTED_SIZE} "
        "(learn.microsoft.com/azure/virtual-machines/sizes/overview)"
    )
    text = value.strip() if isinstance(value, str) else None
    if text is None or not _VM_SIZE.match(text):
        # A suggestion only when it names a size family Azure has: "X9" gets none.
        if text is not None and vm_sizes.is_standard_size(f"Standard_{text}"):
            allowed += f"; did you mean Standard_{text}?"
        raise InvalidArgumentError("vm_size", value, allowed)
    if vm_sizes.is_basic(text):
        # The Basic tier has no load balancing (Learn, previous-generation sizes: Basic A-series); ARM
        # refuses a Basic VM whose NIC is in a backend pool (LoadBalancingNotSupportedForBasicVm).
        raise InvalidArgumentError(
            "vm_size",
            value,
            "a Standard_ size: Basic sizes cannot be behind a load balancer (Azure refuses them with "
            f"LoadBalancingNotSupportedForBasicVm); use a current size such as {vm_sizes.SUGGESTED_SIZE}",
        )
    if vm_sizes.size_family(text) is None:
        raise InvalidArgumentError("vm_size", value, allowed + "; no VM size family is spelt that way")
    return text


def _trusted_launch(
    args: Mapping[str, Any], vm_size: str, image: Image, disk_storage: DiskStorage, warnings: list[str]
) -> bool:
    """Trusted Launch (secure boot and vTPM) unless opted out; the 2016 VHD layout defaults to without it.

    Set when a VM is created, so a size or image that cannot take it is refused here rather than by
    Azure at deployment (learn.microsoft.com/azure/virtual-machines/trusted-launch).
    """
    enabled = boolean(args, "trusted_launch", default=disk_storage is DiskStorage.MANAGED)
    if not enabled:
        return False
    opt_out = "or set trusted_launch=false to create the VMs without secure boot and vTPM"
    if not vm_sizes.takes_trusted_launch(vm_size):
        raise InvalidArgumentError(
            "vm_size",
            vm_size,
            f"a size that can take Trusted Launch (a generation 2 size such as {vm_sizes.SUGGESTED_SIZE}; "
            f"{vm_size} is generation 1 only), {opt_out}",
        )
    sku = image.sku.lower().replace("-", "").replace("_", "")
    if sku.endswith("gen1"):
        raise InvalidArgumentError(
            "image.sku", image.sku, f"a generation 2 image, which Trusted Launch needs, {opt_out}"
        )
    known = any(
        (image.publisher.lower(), image.offer.lower(), image.sku.lower())
        == (default.publisher.lower(), default.offer.lower(), default.sku.lower())
        for default in DEFAULT_IMAGES.values()
    )
    if not known and not any(mark in sku for mark in _GEN2_SKU_MARKS):
        urn = f"{image.publisher}:{image.offer}:{image.sku}:{image.version}"
        warnings.append(
            f"image {urn}: Trusted Launch needs a generation 2 image, and the SKU's name does not say which "
            f"generation it is; if `az vm image show --urn {urn} --query hyperVGeneration` says V1, set "
            "trusted_launch=false (Azure refuses the VMs otherwise)."
        )
    return True


def _image(value: object) -> Image:
    allowed = "{publisher, offer, sku, version} or a 'publisher:offer:sku:version' URN"
    if isinstance(value, str):
        parts = value.split(":")
        if len(parts) != 4:
            raise InvalidArgumentError("image", value, allowed)
        fields: dict[str, object] = dict(zip(("publisher", "offer", "sku", "version"), parts, strict=True))
    elif isinstance(value, Mapping) and not set(value) - {"publisher", "offer", "sku", "version"}:
        fields = {"version": declared_default(ImageArgs, "version"), **value}
    else:
        raise InvalidArgumentError("image", value, allowed)
    for key in ("publisher", "offer", "sku", "version"):
        part = fields.get(key)
        if not isinstance(part, str) or not _IMAGE_PART.match(part):
            raise InvalidArgumentError(f"image.{key}", part, "letters, digits, '.', '_' and '-'")
    return Image(str(fields["publisher"]), str(fields["offer"]), str(fields["sku"]), str(fields["version"]))


def _checked_custom_data(value: object) -> str:
    text = text_value("custom_data", value)
    _check_custom_data(text)
    return text


def _check_gate_runs_on(image: Image, os_type: OsType, value: object) -> None:
    """Every VM has a readiness gate, a managed run command: an image it does not run on is refused."""
    distribution = rollout.gate_unsupported_on(image, os_type)
    if distribution is not None:
        raise InvalidArgumentError(
            "image",
            value,
            f"an image the readiness gate (a managed Run Command) runs on: Azure does not support it on ARM64 "
            f"{distribution} (learn.microsoft.com/azure/virtual-machines/linux/run-command-managed); use the x64 "
            "image, or the ARM64 image of Ubuntu, Debian, RHEL, Alma, Rocky, SLES or Azure Linux",
        )


def _check_custom_data(text: str) -> None:
    size = len(text.encode())
    if size > MAX_CUSTOM_DATA_BYTES:
        raise InvalidArgumentError("custom_data", f"<{size} bytes>", f"at most {MAX_CUSTOM_DATA_BYTES} bytes")
