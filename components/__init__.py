"""Reusable Pulumi components for Azure's load-balanced multi-VM architecture."""

from .args import ImageArgs, LbRuleArgs, LoadBalancedVmSetArgs, ProbeArgs
from .errors import InvalidArgumentError
from .runtime import tune_garbage_collector
from .validation import validate
from .vm_set import TYPE_TOKEN, LoadBalancedVmSet

__all__ = [
    "TYPE_TOKEN",
    "ImageArgs",
    "InvalidArgumentError",
    "LbRuleArgs",
    "LoadBalancedVmSet",
    "LoadBalancedVmSetArgs",
    "ProbeArgs",
    "tune_garbage_collector",
    "validate",
]
