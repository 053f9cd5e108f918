"""What Azure fixes when a VM (or a scale set) is created: the component's one list of what replaces a VM
(components/decisions/replacement.py) agrees with what the mocks refuse to update
(offline/change_rules.py). Each side keeps its own list, so that neither checks the other with
its own mistakes; this test may import both.

Where they differ on purpose:
- depth: the component names the property Pulumi compares (`availabilitySet`, `securityProfile`),
  the mocks the field ARM names in its refusal (`availabilitySet.id`, `securityProfile.securityType`);
- credentials: the mocks refuse a new SSH key or password on a VM; the component never sends one
  after creation (it ignores those paths, and VMAccess sets a new one: decisions/credentials.py).
"""

from __future__ import annotations

import pytest

from components.decisions.replacement import (
    SCALE_SET_CREDENTIAL_PATHS,
    SCALE_SET_REPLACE_ON_CHANGES,
    VM_CREDENTIAL_PATHS,
    VM_REPLACE_ON_CHANGES,
)
from offline.change_rules import SCALE_SET_FIXED_PROPERTIES, VM_FIXED_PROPERTIES

MOCKS_FIXED = tuple(".".join(path) for path in VM_FIXED_PROPERTIES)


def _at_or_under(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + ".")


@pytest.mark.parametrize("path", VM_REPLACE_ON_CHANGES)
def test_what_replaces_a_vm_is_what_azure_refuses_to_update(path: str) -> None:
    assert any(_at_or_under(refused, path) for refused in MOCKS_FIXED)


@pytest.mark.parametrize("refused", MOCKS_FIXED)
def test_what_azure_refuses_to_update_replaces_the_vm_or_is_never_updated(refused: str) -> None:
    assert any(_at_or_under(refused, path) for path in (*VM_REPLACE_ON_CHANGES, *VM_CREDENTIAL_PATHS))


@pytest.mark.parametrize("path", VM_CREDENTIAL_PATHS)
def test_a_credential_the_vm_ignores_is_one_azure_refuses_to_update(path: str) -> None:
    assert path in MOCKS_FIXED


def test_what_azure_refuses_to_update_replaces_the_scale_set_or_is_never_updated() -> None:
    refused = {".".join(path) for path in SCALE_SET_FIXED_PROPERTIES}
    assert refused <= {*SCALE_SET_REPLACE_ON_CHANGES, *SCALE_SET_CREDENTIAL_PATHS}


def test_what_replaces_a_scale_set_is_what_azure_refuses_to_update() -> None:
    refused = {".".join(path) for path in SCALE_SET_FIXED_PROPERTIES}
    assert set(SCALE_SET_REPLACE_ON_CHANGES) <= refused
