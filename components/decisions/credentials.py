"""Credential rotation in place: the VMAccess extension.

Azure refuses a VM update that changes its SSH keys or admin password (see replacement.py), and
points to the VMAccess extension instead. Every VM carries one from creation on, holding the
current credential in its protected settings (encrypted for the VM, never returned by Azure): a
new key or password is an update of the extension, which Azure runs on the VM that stays.

Each setting goes where the extension's handler reads it:

- Linux: `Microsoft.OSTCExtensions` / `VMAccessForLinux` 1.5. Its handler reads `username`,
  `ssh_key`, `password` and `remove_prior_keys` from the protected settings only; the public
  ones hold nothing but the disk checks (Azure/azure-linux-extensions `VMAccess/vmaccess.py`:
  `enable` and `_set_user_account_pub_key` read `hutil.get_protected_settings()`,
  `check_and_repair_disk` alone reads the public ones). `remove_prior_keys` must be the boolean
  `true` (`remove_prior_keys == True`): the handler then rewrites `authorized_keys` with the new
  key; otherwise it appends it and every earlier key keeps working. So nothing goes in the public
  settings. learn.microsoft.com/azure/virtual-machines/extensions/vmaccess-linux lists the same
  keys under `protectedSettings`.
- Windows: `Microsoft.Compute` / `VMAccessAgent` 2.4, `UserName` in the public settings and
  `Password` in the protected ones, as Microsoft's own client sends them (Azure/azure-powershell
  `src/Compute/Compute/Extension/VMAccess/SetAzureVMAccessExtension.cs`, `ExecuteCmdlet`); the
  handler's source is not public. It resets the built-in administrator's password.
  learn.microsoft.com/troubleshoot/azure/virtual-machines/windows/reset-rdp
"""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import OsType

CREDENTIALS_EXTENSION = "credentials"


@dataclass(frozen=True)
class AccessExtension:
    publisher: str
    type: str
    type_handler_version: str


ACCESS_EXTENSIONS = {
    OsType.LINUX: AccessExtension("Microsoft.OSTCExtensions", "VMAccessForLinux", "1.5"),
    OsType.WINDOWS: AccessExtension("Microsoft.Compute", "VMAccessAgent", "2.4"),
}


def access_settings(os_type: OsType, admin_username: str) -> dict[str, object] | None:
    """The extension's public settings (no secret in them); None on Linux, whose handler reads
    every credential setting from the protected ones."""
    if os_type is OsType.WINDOWS:
        return {"UserName": admin_username}
    return None


def protected_flags(os_type: OsType, admin_username: str, *, has_ssh_public_key: bool) -> dict[str, object]:
    """The protected settings that are not credentials: on Linux the user the key or password is
    for, and `remove_prior_keys`, so that a new key replaces the old ones instead of joining them."""
    if os_type is OsType.WINDOWS:
        return {}
    flags: dict[str, object] = {"username": admin_username}
    if has_ssh_public_key:
        flags["remove_prior_keys"] = True
    return flags


def protected_setting_names(os_type: OsType, *, has_ssh_public_key: bool, has_admin_password: bool) -> dict[str, str]:
    """Which credential goes under which protected-settings key: `ssh_public_key` and
    `admin_password` -> the extension's own names."""
    if os_type is OsType.WINDOWS:
        return {"admin_password": "Password"}
    names = {}
    if has_ssh_public_key:
        names["ssh_public_key"] = "ssh_key"
    if has_admin_password:
        names["admin_password"] = "password"
    return names
