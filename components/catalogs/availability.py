"""Per region: how many fault domains an availability set can have, and whether there are availability zones.

Fault domains. Microsoft Learn "Availability sets overview"
(learn.microsoft.com/azure/virtual-machines/availability-set-overview) says the number of managed-disk
fault domains varies by region and lists them with `az vm list-skus --resource-type availabilitySets
--query '[?name==`Aligned`].{Location:locationInfo[0].location,
MaximumFaultDomainCount:capabilities[0].value}'`. The table below is that command's answer as
Microsoft's SAP Deployment Automation Framework records it (Azure/sap-automation,
deploy/configs/max_fault_domain_count.json, release 3.13 of 2024-10-11; read 2026-12). ARM refuses a
count above it: `InvalidParameter` "The specified fault domain count 3 must fall in the range 1 to 2."
A region missing from the table is not refused: 2 works in every region Learn describes, and 3 there is
left to Azure (with a warning).

Availability zones. Microsoft Learn "Azure regions list" (learn.microsoft.com/azure/reliability/regions-list,
column "Availability zone support", page dated 2025-04-15; read 2026-12) for the public cloud, and
"Azure regions with availability zones" (2022) for US Gov Virginia and China North 3. The page lists
every public region it knows of; those without the mark have no zones and are refused for zonal
placement. Regions the page does not list (newer ones, the canary and staging regions, other
sovereign regions) are not refused: zonal placement there is left to Azure, with a warning.
"""

from __future__ import annotations

MAX_FAULT_DOMAINS: dict[str, int] = {
    "australiacentral": 2, "australiacentral2": 2, "australiaeast": 2, "australiasoutheast": 2,
    "brazilsouth": 3, "brazilsoutheast": 2, "canadacentral": 3, "canadaeast": 2, "centralindia": 3,
    "centralus": 3, "centraluseuap": 1, "eastasia": 2, "eastus": 3, "eastus2": 3, "eastus2euap": 2,
    "eastusstg": 1, "francecentral": 3, "francesouth": 2, "germanynorth": 2, "germanywestcentral": 2,
    "israelcentral": 2, "italynorth": 2, "japaneast": 3, "japanwest": 2, "jioindiacentral": 2,
    "jioindiawest": 2, "koreacentral": 2, "koreasouth": 2, "mexicocentral": 2, "newzealandnorth": 2,
    "northcentralus": 3, "northeurope": 3, "norwayeast": 2, "norwaywest": 2, "polandcentral": 2,
    "qatarcentral": 2, "southafricanorth": 2, "southafricawest": 2, "southcentralus": 3,
    "southcentralusstg": 2, "southeastasia": 2, "southindia": 2, "spaincentral": 2, "swedencentral": 3,
    "swedensouth": 2, "switzerlandnorth": 2, "switzerlandwest": 2, "taiwannorth": 2, "taiwannorthwest": 2,
    "uaecentral": 2, "uaenorth": 2, "uksouth": 2, "ukwest": 2, "westcentralus": 2, "westeurope": 3,
    "westindia": 2, "westus": 3, "westus2": 3, "westus3": 3,
}  # fmt: skip

ZONAL_REGIONS: frozenset[str] = frozenset(
    """australiaeast austriaeast brazilsouth canadacentral centralindia centralus chilecentral eastasia
    eastus eastus2 francecentral germanywestcentral indonesiacentral israelcentral italynorth japaneast
    japanwest koreacentral malaysiawest mexicocentral newzealandnorth northeurope norwayeast polandcentral
    qatarcentral southafricanorth southcentralus southeastasia spaincentral swedencentral switzerlandnorth
    uaenorth uksouth westeurope westus2 westus3 usgovvirginia chinanorth3""".split()  # noqa: SIM905
)
# Listed by the regions page without availability zones.
NON_ZONAL_REGIONS: frozenset[str] = frozenset(
    """australiacentral australiacentral2 australiasoutheast brazilsoutheast canadaeast francesouth
    germanynorth koreasouth northcentralus norwaywest southafricawest southindia switzerlandwest uaecentral
    ukwest westcentralus westindia westus""".split()  # noqa: SIM905
)


def max_fault_domains(region: str) -> int | None:
    """The most fault domains an availability set can have in `region` (a programmatic name); None: not known."""
    return MAX_FAULT_DOMAINS.get(region)


def has_zones(region: str) -> bool | None:
    """True or False where the sources say; None for a region they do not cover."""
    if region in ZONAL_REGIONS:
        return True
    if region in NON_ZONAL_REGIONS:
        return False
    return None
