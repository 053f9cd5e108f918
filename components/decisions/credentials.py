"""Credential rotation in place: the VMAccess extension.

Azure refuses a VM update that changes its SSH keys or admin password (see replacement.py), and
points to the VMAccess extension instead. Every VM carries one from creation on, holding the
current credential in its protected settings (encrypted for the VM, never returned by Azure): a
new key or password is an update of the extension, which Azure runs on the VM that stays.

- Linux: `Microsoft.OSTCExtensions` / `VMAccessForLinux` 1.5 with `username` and `ssh_key` (and
  `remove_prior_keys`, so the old key stops working) or `password`.
  github.com/Azure/azure-linux-extensions/blob/master/VMAccess/README.md;
  learn.microsoft.com/azure/virtual-machines/extensions/vmaccess-linux
- Windows: `Microsoft.Compute` / `VMAccessAgent` 2.4, `UserName` in the settings and `Password`
  in the protected settings, which resets the built-in administrator's password.
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


def access_settings(os_type: OsType, admin_username: str, *, has_ssh_public_key: bool) -> dict[str, object]:
    """The extension's public settings (no secret in them)."""
    if os_type is OsType.WINDOWS:
        return {"UserName": admin_username}
    return {"remove_prior_keys": True} if has_ssh_public_key else {}


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
