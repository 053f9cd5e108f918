"""The VMs' start-up script (`components.decisions.cloud_init`)."""

from __future__ import annotations

import base64

from components.decisions.cloud_init import default_linux_cloud_init, encode_custom_data


def test_default_page_names_the_vm() -> None:
    assert "Served by web-vm-2" in default_linux_cloud_init("web-vm-2")


def test_default_cloud_init_installs_nginx() -> None:
    text = default_linux_cloud_init("web-vm-1")
    assert text.startswith("#cloud-config\n") and "  - nginx\n" in text


def test_custom_data_is_base64_encoded() -> None:
    assert base64.b64decode(encode_custom_data("#!/bin/sh\necho hi\n")).decode() == "#!/bin/sh\necho hi\n"
