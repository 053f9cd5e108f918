"""Default VM start-up configuration and Azure's custom-data encoding."""

from __future__ import annotations

import base64


def default_linux_cloud_init(vm_name: str) -> str:
    """cloud-init that installs nginx serving a page naming the VM.

    The page lets the HTTP health probe (GET / -> 200) pass and shows the load
    balancing at work. The package install needs outbound internet, which the load
    balancer's outbound rule provides (VMs behind a Standard LB have none otherwise).
    """
    return f"""#cloud-config
package_update: true
packages:
  - nginx
write_files:
  - path: /var/www/html/index.html
    permissions: "0644"
    content: |
      <!doctype html>
      <title>{vm_name}</title>
      <h1>Served by {vm_name}</h1>
runcmd:
  - systemctl enable --now nginx
"""


def encode_custom_data(text: str) -> str:
    """Azure takes custom data base64-encoded."""
    return base64.b64encode(text.encode()).decode()
