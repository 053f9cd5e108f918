"""The azure-native provider's settings that decide which cloud a deployment reaches, read as the
provider reads them: its config key, else its environment variable.

Source: pulumi_azure_native.config (`environment`: "Not used when metadataHost is specified or when
ARM_METADATA_HOSTNAME is set"). Pure lookups; the caller hands in the config getter and environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from . import regions

Setting = Callable[[str], str | None]

PROVIDER_ENVIRONMENT_VARIABLES = {
    "environment": "ARM_ENVIRONMENT",
    "metadataHost": "ARM_METADATA_HOSTNAME",
    "location": "ARM_LOCATION",
}
"""What the provider reads when its config key is not set. A variable set here is taken as given,
so that nothing the provider would take is refused."""


def provider_settings(get: Setting, environ: Mapping[str, str]) -> Setting:
    """The provider's setting `key`: its config value (`get`), else its environment variable's."""

    def setting(key: str) -> str | None:
        value = get(key)
        if is_given(value):
            return value
        variable = PROVIDER_ENVIRONMENT_VARIABLES.get(key)
        return environ.get(variable, value) if variable else value

    return setting


def provider_cloud(setting: Setting) -> str | None:
    """The cloud the provider signs in to (`regions.CLOUD_REGIONS`), whose regions and service tags
    alone can work; None when it targets endpoints of its own (`metadataHost`, Azure Stack Hub) or a
    cloud not known here, which only the provider checks."""
    if is_given(setting("metadataHost")):
        return None
    return regions.cloud_named(setting("environment"))


def is_given(text: str | None) -> bool:
    return text is not None and bool(text.strip())
