"""Where the AzureBastionSubnet goes when the set creates it (`components.decisions.bastion`)."""

from __future__ import annotations

import ipaddress

from components.decisions.bastion import default_bastion_subnet_prefix


def test_default_bastion_subnet_is_the_first_free_slash_26() -> None:
    spaces = (ipaddress.IPv4Network("10.0.0.0/16"),)
    assert str(default_bastion_subnet_prefix(spaces, ipaddress.IPv4Network("10.0.0.0/24"))) == "10.0.1.0/26"


def test_default_bastion_subnet_uses_a_second_address_space() -> None:
    spaces = (ipaddress.IPv4Network("10.0.0.0/24"), ipaddress.IPv4Network("10.1.0.0/24"))
    assert str(default_bastion_subnet_prefix(spaces, ipaddress.IPv4Network("10.0.0.0/24"))) == "10.1.0.0/26"
