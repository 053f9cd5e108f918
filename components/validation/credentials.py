"""Who signs in to the VMs: the admin user name, the SSH public key and the password, checked
against Azure's rules (learn.microsoft.com/azure/virtual-machines/windows/faq and .../linux/faq).

A password from another resource (an Output) is checked when it resolves (`checked_input`).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from ..errors import InvalidArgumentError, abbreviated
from ..spec import AdminCredentials, OsType
from .feasibility import text_value
from .inputs import checked_input, given_or_declared, is_missing

# Names Azure refuses as admin user names (Windows and Linux FAQ).
RESERVED_ADMIN_USERNAMES = frozenset(
    """administrator admin user user1 test user2 test1 user3 admin1 1 123 a actuser adm admin2
    aspnet backup console david guest john owner root server sql support support_388945a0 sys
    test2 test3 user4 user5""".split()  # noqa: SIM905 (a word list reads best as words)
)
# Passwords Azure refuses outright, even though they meet the complexity rule.
COMMON_PASSWORDS = frozenset(
    password.lower()
    for password in """abc@123 iloveyou! P@$$w0rd P@ssw0rd P@ssword123 Pa$$word pass@word1 Password!
    Password1 Password22""".split()  # noqa: SIM905
)
PASSWORD_LENGTHS = {OsType.WINDOWS: (12, 123), OsType.LINUX: (6, 72)}
ADMIN_USERNAME_MAX_LENGTHS = {OsType.WINDOWS: 20, OsType.LINUX: 64}
MIN_RSA_KEY_BITS = 2048  # Azure accepts RSA keys of 2048 bits and more, and Ed25519
# Linux: letters, digits, '-' and '_', not starting with '-' or a digit; Windows also allows '.'.
_ADMIN_USERNAMES = {
    OsType.LINUX: (re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$"), "'_' or '-'"),
    OsType.WINDOWS: (re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$"), "'_', '.' or '-'"),
}
_SSH_KEY_TYPES = ("ssh-rsa", "ssh-ed25519")


def read_credentials(args: Mapping[str, Any], os_type: OsType, warnings: list[str]) -> AdminCredentials:
    admin_username = _admin_username(given_or_declared(args, "admin_username"), os_type)
    has_key, has_password = _credentials(args, os_type, warnings)
    return AdminCredentials(
        admin_username,
        ssh_public_key=checked_input(args, "ssh_public_key", _checked_ssh_public_key) if has_key else None,
        admin_password=checked_input(
            args, "admin_password", lambda p: check_admin_password(text_value("admin_password", p), os_type)
        )
        if has_password
        else None,
    )


def _credentials(args: Mapping[str, Any], os_type: OsType, warnings: list[str]) -> tuple[bool, bool]:
    """Which of SSH key and password the VMs will use; plain values are checked here."""
    ssh_public_key = args.get("ssh_public_key")
    admin_password = args.get("admin_password")
    has_key = not is_missing(ssh_public_key)
    has_password = not is_missing(admin_password)
    if isinstance(ssh_public_key, str) and has_key:
        check_ssh_public_key(ssh_public_key)
    if isinstance(admin_password, str) and has_password:
        check_admin_password(admin_password, os_type)
    if os_type is OsType.WINDOWS and not has_password:
        low, high = PASSWORD_LENGTHS[os_type]
        raise InvalidArgumentError(
            "admin_password",
            admin_password,
            f"for Windows VMs, which sign in with it over RDP: {low}-{high} characters, at least 3 of lower case, "
            "upper case, digit, special character",
            required=True,
        )
    if os_type is OsType.LINUX and not (has_key or has_password):
        raise InvalidArgumentError(
            "ssh_public_key",
            ssh_public_key,
            "for Linux VMs unless an admin password is set: an OpenSSH public key line ('ssh-ed25519 AAAA...', "
            "or 'ssh-rsa AAAA...' of 2048 bits or more)",
            required=True,
        )
    if os_type is OsType.WINDOWS and has_key:
        warnings.append("ssh_public_key is ignored for Windows VMs, which sign in with admin_password over RDP.")
        return False, True
    if os_type is OsType.LINUX and has_key and has_password:
        warnings.append("admin_password is ignored: with an ssh_public_key, password login on Linux is disabled.")
        return True, False
    return has_key, has_password


def check_admin_password(password: str, os_type: OsType) -> str:
    """Azure's password rules; the message never repeats the password."""
    check_password_characters(password)
    low, high = PASSWORD_LENGTHS[os_type]
    if not low <= len(password) <= high:
        raise InvalidArgumentError(
            "admin_password", password, f"{os_type.value} passwords are {low}-{high} characters long", secret=True
        )
    classes = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    if sum(classes) < 3:
        raise InvalidArgumentError(
            "admin_password",
            password,
            "use at least 3 of: lower case, upper case, digit, special character",
            secret=True,
        )
    if password.lower() in COMMON_PASSWORDS:
        raise InvalidArgumentError("admin_password", password, "Azure refuses common passwords", secret=True)
    return password


def check_password_characters(password: str) -> None:
    """No control characters (a line break, a tab, NUL, ...): a password is typed at a sign-in prompt,
    where they cannot be entered, and Windows and Linux refuse them (Azure's password rules admit
    letters, digits and printable special characters only: learn.microsoft.com/azure/virtual-machines/
    windows/faq, "What are the password requirements")."""
    if any(unicodedata.category(c) == "Cc" for c in password):
        raise InvalidArgumentError(
            "admin_password",
            password,
            "letters, digits and printable symbols only: no control characters (line breaks, tabs, ...)",
            secret=True,
        )


def _checked_ssh_public_key(value: object) -> str:
    return check_ssh_public_key(text_value("ssh_public_key", value))


def check_ssh_public_key(key: str) -> str:
    """An OpenSSH public key line Azure accepts: ssh-rsa of 2048+ bits, or ssh-ed25519."""
    allowed = "an OpenSSH public key line: 'ssh-rsa AAAA...' (2048 bits or more) or 'ssh-ed25519 AAAA...'"
    parts = key.strip().split()
    if len(parts) < 2 or parts[0] not in _SSH_KEY_TYPES:
        raise InvalidArgumentError("ssh_public_key", abbreviated(key), allowed)
    try:
        blob = base64.b64decode(parts[1], validate=True)
        fields = _ssh_fields(blob)
    except (binascii.Error, ValueError):
        raise InvalidArgumentError("ssh_public_key", abbreviated(key), allowed) from None
    if not fields or fields[0] != parts[0].encode():
        raise InvalidArgumentError("ssh_public_key", abbreviated(key), allowed)
    if parts[0] == "ssh-rsa":
        modulus_bits = int.from_bytes(fields[2], "big").bit_length() if len(fields) == 3 else 0
        if modulus_bits < MIN_RSA_KEY_BITS:
            raise InvalidArgumentError("ssh_public_key", abbreviated(key), f"RSA keys need {MIN_RSA_KEY_BITS}+ bits")
    elif len(fields) != 2 or len(fields[1]) != 32:
        raise InvalidArgumentError("ssh_public_key", abbreviated(key), allowed)
    return key.strip()


def _ssh_fields(blob: bytes) -> list[bytes]:
    """Split an SSH wire-format blob into its length-prefixed fields."""
    fields, offset = [], 0
    while offset < len(blob):
        if offset + 4 > len(blob):
            raise ValueError("truncated key")
        length = int.from_bytes(blob[offset : offset + 4], "big")
        offset += 4
        if offset + length > len(blob):
            raise ValueError("truncated key")
        fields.append(blob[offset : offset + length])
        offset += length
    return fields


def _admin_username(value: object, os_type: OsType) -> str:
    max_length = ADMIN_USERNAME_MAX_LENGTHS[os_type]
    pattern, punctuation = _ADMIN_USERNAMES[os_type]
    allowed = (
        f"for {os_type.value}, 1-{max_length} letters, digits, {punctuation}, starting with a letter or '_', "
        "not ending in '.', and not a name Azure reserves (admin, administrator, root, user, test, guest, ...)"
    )
    if (
        not isinstance(value, str)
        or not 1 <= len(value) <= max_length
        or not pattern.match(value)
        or value.endswith(".")
        or value.lower() in RESERVED_ADMIN_USERNAMES
    ):
        raise InvalidArgumentError("admin_username", value, allowed)
    return value
