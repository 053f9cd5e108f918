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


def default_scale_set_cloud_init() -> str:
    """`default_linux_cloud_init` for a scale set's instances, whose names Azure chooses: the page
    names the instance by its host name, written at first boot."""
    page = r"'<!doctype html>\n<title>%s</title>\n<h1>Served by %s</h1>\n'"
    return f"""#cloud-config
package_update: true
packages:
  - nginx
runcmd:
  - printf {page} "$(hostname)" "$(hostname)" > /var/www/html/index.html
  - systemctl enable --now nginx
"""


def windows_web_server_command(vm_name: str) -> str:
    """CustomScriptExtension command that installs IIS serving a page naming the VM.

    Windows does not run custom data, so the default HTTP probe needs this to find a
    web server; Install-WindowsFeature needs no internet access.
    """
    page = f"Served by {vm_name}"  # plain text: cmd.exe runs the command line
    script = (
        f"Install-WindowsFeature -Name Web-Server; Set-Content -Path C:\\inetpub\\wwwroot\\index.html -Value '{page}'"
    )
    return f'powershell.exe -NoProfile -ExecutionPolicy Bypass -Command "{script}"'


def encode_custom_data(text: str) -> str:
    """Azure takes custom data base64-encoded."""
    return base64.b64encode(text.encode()).decode()
