"""Which aliases the set drops (`components.resources.aliases`): only those that name a
versioned module of azure-native."""

from __future__ import annotations

import pulumi

from components.resources.aliases import is_versioned_module_alias


def test_an_alias_to_a_versioned_module_is_dropped() -> None:
    assert is_versioned_module_alias(pulumi.Alias(type_="azure-native:network/v20240501:NetworkInterface"))
    assert is_versioned_module_alias(pulumi.Alias(type_="azure-native:network/v20210201preview:AdminRule"))


def test_an_alias_to_an_unversioned_module_is_kept() -> None:
    assert not is_versioned_module_alias(pulumi.Alias(type_="azure-native:insights:DiagnosticSetting"))


def test_an_alias_that_also_changes_name_or_parent_is_kept() -> None:
    versioned = "azure-native:network/v20240501:NetworkInterface"
    assert not is_versioned_module_alias(pulumi.Alias(type_=versioned, name="old-nic"))
    assert not is_versioned_module_alias(pulumi.Alias(type_=versioned, parent=None))


def test_an_alias_given_as_urn_is_kept() -> None:
    urn = "urn:pulumi:dev::azure-multi-vm::azure-native:network/v20240501:NetworkInterface::web-nic-0"
    assert not is_versioned_module_alias(urn)
