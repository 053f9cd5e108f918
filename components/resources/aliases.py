"""Which aliases the set's resources carry: none of azure-native's versioned-module ones.

Every azure-native class aliases its type to each explicit-version module it ever had
(`azure-native:network/v20150501preview:NetworkInterface`, ... 60 for a NIC), for stacks that
created the resource through such a module. A resource this component creates never was, so
those aliases only cost: the Python SDK turns each into a URN Output as the resource is
constructed. Unversioned aliases (`azure-native:network:InterfaceEndpoint`), which a provider
release uses to move a type between names, are kept, as is every alias set by anyone else.
"""

from __future__ import annotations

import copy
import re

import pulumi

# `azure-native:<module>/v<API version>:<Type>`, e.g. azure-native:compute/v20230301:VirtualMachine.
_VERSIONED_MODULE_TYPE = re.compile(r"azure-native:[^:/]+/v[^:/]+:[^:/]+")


def is_versioned_module_alias(alias: object) -> bool:
    """True for an alias that only renames the type to an azure-native explicit-version module
    (name, parent, stack and project unchanged): the aliases azure-native's classes add."""
    return (
        isinstance(alias, pulumi.Alias)
        and isinstance(alias.type_, str)
        and _VERSIONED_MODULE_TYPE.fullmatch(alias.type_) is not None
        and all(getattr(alias, unchanged) is ... for unchanged in ("name", "parent", "stack", "project"))
    )


def drop_versioned_module_aliases(
    args: pulumi.ResourceTransformationArgs,
) -> pulumi.ResourceTransformationResult | None:
    """A transformation (`ResourceOptions.transformations`, applied to every child of the
    resource that carries it) that removes the versioned-module aliases; None when it has none."""
    aliases = args.opts.aliases
    if not aliases:
        return None
    kept = [alias for alias in aliases if not is_versioned_module_alias(alias)]
    if len(kept) == len(aliases):
        return None
    opts = copy.copy(args.opts)
    opts.aliases = kept
    return pulumi.ResourceTransformationResult(args.props, opts)
