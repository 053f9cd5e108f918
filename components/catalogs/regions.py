"""Every Azure region name (ARM `location`) a deployment can name, in every cloud.

Sources, read 2026-11:
- Public cloud: Microsoft Learn "Azure regions list" (learn.microsoft.com/azure/reliability/regions-list,
  the "Programmatic name" column), cross-checked against `az account list-locations` (physical
  regions only), which also lists the EUAP canary regions and the staging regions.
- Azure Government, Azure operated by 21Vianet (China) and Azure Government Secret / Top Secret:
  the region constants of Microsoft's SDKs (Azure.Core `AzureLocation` in azure-sdk-for-net,
  `com.azure.core.management.Region` in azure-sdk-for-java, `Regions` in azure-cosmos-dotnet-v3),
  plus the newer China regions chinaeast3 and chinanorth3.

Not listed, so refused: the logical locations of `az account list-locations` (europe, global,
unitedstates, ...), which hold no resources of the types this component creates, and the closed
Azure Germany cloud (germanycentral, germanynortheast; closed 2021-10-29). A region opened after
the date above is refused until it is added here: add its programmatic name to the right tuple.

ARM compares locations case-insensitively and ignores spaces ("West Europe" is westeurope), so
`normalise_region` does the same and answers the programmatic name, which ARM returns.
"""

from __future__ import annotations

import difflib
import re

PUBLIC_REGIONS: tuple[str, ...] = (
    # Americas
    "eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus",
    "westus", "westus2", "westus3", "canadacentral", "canadaeast", "brazilsouth", "brazilsoutheast",
    "brazilus", "mexicocentral", "chilecentral",
    # Europe
    "northeurope", "westeurope", "uksouth", "ukwest", "francecentral", "francesouth",
    "germanywestcentral", "germanynorth", "switzerlandnorth", "switzerlandwest", "norwayeast",
    "norwaywest", "swedencentral", "swedensouth", "polandcentral", "italynorth", "spaincentral",
    "austriaeast", "belgiumcentral", "denmarkeast",
    # Asia Pacific
    "eastasia", "southeastasia", "australiaeast", "australiasoutheast", "australiacentral",
    "australiacentral2", "japaneast", "japanwest", "koreacentral", "koreasouth", "centralindia",
    "southindia", "westindia", "jioindiacentral", "jioindiawest", "indonesiacentral", "malaysiawest",
    "newzealandnorth", "taiwannorth", "taiwannorthwest",
    # Middle East and Africa
    "uaenorth", "uaecentral", "qatarcentral", "israelcentral", "southafricanorth", "southafricawest",
    # Early-access (canary) and staging regions some subscriptions can deploy to
    "eastus2euap", "centraluseuap", "eastusstg", "southcentralusstg",
)  # fmt: skip
US_GOVERNMENT_REGIONS: tuple[str, ...] = (
    "usgovvirginia", "usgovarizona", "usgovtexas", "usgoviowa", "usdodeast", "usdodcentral",
)  # fmt: skip
US_SECRET_REGIONS: tuple[str, ...] = ("usseceast", "ussecwest", "ussecwestcentral", "usnateast", "usnatwest")
CHINA_REGIONS: tuple[str, ...] = ("chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3")

AZURE_REGIONS: frozenset[str] = frozenset(PUBLIC_REGIONS + US_GOVERNMENT_REGIONS + US_SECRET_REGIONS + CHINA_REGIONS)


def normalise_region(name: str) -> str:
    """How ARM reads a location: case-insensitive, spaces ignored ("West Europe" -> westeurope)."""
    return re.sub(r"\s+", "", name).lower()


def is_region(name: str) -> bool:
    return normalise_region(name) in AZURE_REGIONS


def closest_regions(name: str, count: int = 1) -> list[str]:
    """The region names nearest to a misspelt one, best first (possibly none)."""
    return difflib.get_close_matches(normalise_region(name), sorted(AZURE_REGIONS), n=count, cutoff=0.6)


# The clouds, as the azure-native provider's `environment` setting names them ("public, usgovernment,
# and china. Defaults to public": pulumi_azure_native.config.environment), and the regions each holds.
# The US Secret and Top Secret regions are in none of them: they are reached only through a cloud's own
# endpoints (the provider's `metadataHost`).
CLOUD_REGIONS: dict[str, tuple[str, ...]] = {
    "public": PUBLIC_REGIONS,
    "usgovernment": US_GOVERNMENT_REGIONS,
    "china": CHINA_REGIONS,
}
_CLOUD_NAMES = {
    "": "public",
    "public": "public",
    "global": "public",
    "usgovernment": "usgovernment",
    "usgovernmentl4": "usgovernment",
    "usgovernmentl5": "usgovernment",
    "dod": "usgovernment",
    "china": "china",
}


def cloud_named(environment: str | None) -> str | None:
    """The cloud an `environment` setting names (`AzureUSGovernment` and `usgovernment` alike;
    unset: public); None for a name not known here, which only the provider checks."""
    text = (environment or "").strip().lower().removeprefix("azure").removesuffix("cloud")
    return _CLOUD_NAMES.get(text)


def cloud_of_region(name: str) -> str | None:
    """The cloud a region is in (`usgovvirginia` -> usgovernment); None for the US Secret and Top
    Secret regions and for a name that is no region."""
    region = normalise_region(name)
    return next((cloud for cloud, names in CLOUD_REGIONS.items() if region in names), None)
