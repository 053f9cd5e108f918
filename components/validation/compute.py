"""The VMs themselves: how many, their size, OS and image, their disks, their custom data."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..decisions.spec import (
    DEFAULT_IMAGES,
    DEFAULT_VM_COUNT,
    DEFAULT_VM_SIZE,
    MAX_VM_COUNT,
    MIN_VM_COUNT,
    DiskStorage,
    Image,
    OsType,
)
from ..errors import InvalidArgumentError
from .inputs import choice, given, integer, is_missing

MAX_CUSTOM_DATA_BYTES = 65535  # Azure: customData decodes to at most 65,535 bytes

# Every VM size name is of the Standard_ or Basic_ family (Standard_D2s_v5, Basic_A1); ARM compares
# them case-insensitively (learn.microsoft.com/azure/virtual-machines/sizes/overview).
_VM_SIZE = re.compile(r"^(standard|basic)_[a-z0-9][a-z0-9_-]{0,61}$", re.IGNORECASE)
_VM_SIZE_WITHOUT_FAMILY = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,61}$")
_IMAGE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Compute:
    vm_count: int
    vm_size: str
    os_type: OsType
    disk_storage: DiskStorage
    image: Image
    has_custom_data: bool


def read_compute(args: Mapping[str, Any]) -> Compute:
    vm_count = integer(args, "vm_count", DEFAULT_VM_COUNT, MIN_VM_COUNT, MAX_VM_COUNT)
    vm_size = _vm_size(given(args, "vm_size"))
    os_type = choice(args, "os_type", OsType, OsType.LINUX)
    disk_storage = choice(args, "disk_storage", DiskStorage, DiskStorage.MANAGED)
    image = _image(given(args, "image"), DEFAULT_IMAGES[os_type])
    custom_data = args.get("custom_data")
    if isinstance(custom_data, str):
        _check_custom_data(custom_data)
    return Compute(vm_count, vm_size, os_type, disk_storage, image, has_custom_data=not is_missing(custom_data))


def _vm_size(value: object) -> str:
    if value is None:
        return DEFAULT_VM_SIZE
    allowed = "an Azure VM size name, which starts with Standard_ or Basic_, such as Standard_D2s_v5"
    if isinstance(value, str) and _VM_SIZE.match(value.strip()):
        return value.strip()
    if isinstance(value, str) and _VM_SIZE_WITHOUT_FAMILY.match(value.strip()):
        allowed += f" (did you mean Standard_{value.strip()}?)"
    raise InvalidArgumentError("vm_size", value, allowed)


def _image(value: object, default: Image) -> Image:
    allowed = "{publisher, offer, sku, version} or a 'publisher:offer:sku:version' URN"
    if value is None:
        return default
    if isinstance(value, str):
        parts = value.split(":")
        if len(parts) != 4:
            raise InvalidArgumentError("image", value, allowed)
        fields: dict[str, object] = dict(zip(("publisher", "offer", "sku", "version"), parts, strict=True))
    elif isinstance(value, Mapping) and not set(value) - {"publisher", "offer", "sku", "version"}:
        fields = {"version": "latest", **value}
    else:
        raise InvalidArgumentError("image", value, allowed)
    for key in ("publisher", "offer", "sku", "version"):
        part = fields.get(key)
        if not isinstance(part, str) or not _IMAGE_PART.match(part):
            raise InvalidArgumentError(f"image.{key}", part, "letters, digits, '.', '_' and '-'")
    return Image(str(fields["publisher"]), str(fields["offer"]), str(fields["sku"]), str(fields["version"]))


def _check_custom_data(text: str) -> None:
    size = len(text.encode())
    if size > MAX_CUSTOM_DATA_BYTES:
        raise InvalidArgumentError("custom_data", f"<{size} bytes>", f"at most {MAX_CUSTOM_DATA_BYTES} bytes")
