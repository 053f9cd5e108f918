"""Azure's service tag names, as network security group rules accept them.

Source: Microsoft Learn "Azure service tags overview", table "Available service tags"
(learn.microsoft.com/azure/virtual-network/service-tags-overview, page dated 2025-07-15, read
2026-11-26). Its "Can be regional?" column says which tags also exist per region as
`<Tag>.<Region>` (Storage.WestEurope); AzureMonitor, AzureMachineLearning, AzureBackup,
AzureSiteRecovery and MicrosoftContainerRegistry have regional entries in the published
ServiceTags_Public JSON too (microsoft.com/download/details.aspx?id=56519), so they are accepted
regionally as well. Tags the table lists as a family (AzureFrontDoor.Frontend, .Backend, ...) are
names of their own, not regions.

The region part is checked against `regions.AZURE_REGIONS`, case-insensitively (the JSON writes
Storage.WestEurope but AzureCloud.westeurope), plus the AzureCloud names the page lists as not
following the usual schema (AzureCloud.centralfrance, AzureCloud.germanywc, ...).

Names compare case-insensitively here and come back in the spelling above, which ARM accepts. A
tag published after the date above is refused until it is added: add it to the right set.
"""

from __future__ import annotations

import difflib

from .regions import AZURE_REGIONS

REGIONAL_SERVICE_TAGS: frozenset[str] = frozenset(
    """ApiManagement AppService AzureCloud AzureConnectors AzureContainerRegistry AzureCosmosDB
    AzureDevOps AzureIoTHub AzureKeyVault AzureWebPubSub BatchNodeManagement DataFactory
    Dynamics365ForMarketingEmail EventHub HDInsight M365ManagementActivityApi
    M365ManagementActivityApiWebhook PowerBI PowerPlatformInfra PowerPlatformPlex ServiceBus Sql
    Storage StorageMover SystemServiceAzureSpringAppsResourceProvider
    AzureMonitor AzureMachineLearning AzureBackup AzureSiteRecovery MicrosoftContainerRegistry""".split()  # noqa: SIM905
)
SERVICE_TAGS: frozenset[str] = REGIONAL_SERVICE_TAGS | frozenset(
    """ActionGroup ApplicationInsightsAvailability AppConfiguration AppServiceManagement
    AzureActiveDirectory AzureActiveDirectoryDomainServices AzureAdvancedThreatProtection
    AzureArcInfrastructure AzureAttestation AzureBotService AzureCognitiveSearch AzureDatabricks
    AzureDataExplorerManagement AzureDataLake AzureDeviceUpdate AzureDigitalTwins AzureEventGrid
    AzureFrontDoor.Frontend AzureFrontDoor.Backend AzureFrontDoor.FirstParty
    AzureFrontDoor.MicrosoftSecurity AzureHealthcareAPIs AzureInformationProtection AzureLoadBalancer
    AzureMachineLearningInference AzureManagedGrafana AzureOpenDatasets AzurePlatformDNS
    AzurePlatformIMDS AzurePlatformLKM AzureResourceManager AzureSentinel AzureSignalR AzureSphere
    AzureSpringCloud AzureStack AzureTrafficManager AzureUpdateDelivery ChaosStudio
    CognitiveServicesFrontend CognitiveServicesManagement DataFactoryManagement
    Dynamics365BusinessCentral EOPExternalPublishedIPs GatewayManager GuestAndHybridManagement
    Internet KustoAnalytics LogicApps LogicAppsManagement MicrosoftAzureFluidRelay
    MicrosoftCloudAppSecurity MicrosoftDefenderForEndpoint PowerQueryOnline Scuba SerialConsole
    ServiceFabric SqlManagement StorageSyncService WindowsAdminCenter WindowsVirtualDesktop
    VideoIndexer VirtualNetwork""".split()  # noqa: SIM905
)
# AzureCloud's regional names that do not follow the <region> schema (same page, "Discover
# service tags by using downloadable JSON files").
AZURE_CLOUD_IRREGULAR_REGIONS: frozenset[str] = frozenset(
    """centralfrance southfrance germanywc germanyn norwaye norwayw switzerlandn switzerlandw
    usstagee usstagec brazilse""".split()  # noqa: SIM905
)

_BY_LOWER = {tag.lower(): tag for tag in SERVICE_TAGS}


def service_tag(name: str) -> str | None:
    """The service tag `name` spells (in Azure's spelling, a regional suffix kept as written),
    or None when Azure has no such tag."""
    exact = _BY_LOWER.get(name.lower())
    if exact is not None:
        return exact
    base, dot, region = name.rpartition(".")
    tag = _BY_LOWER.get(base.lower()) if dot else None
    if tag is None or tag not in REGIONAL_SERVICE_TAGS:
        return None
    known = AZURE_REGIONS | (AZURE_CLOUD_IRREGULAR_REGIONS if tag == "AzureCloud" else frozenset())
    return f"{tag}.{region}" if region.lower() in known else None


def closest_service_tags(name: str) -> list[str]:
    """The published tag names (or regional forms) nearest to a misspelt one, best first."""
    base, dot, region = name.rpartition(".")
    if dot and _BY_LOWER.get(base.lower()) in REGIONAL_SERVICE_TAGS:
        tag = _BY_LOWER[base.lower()]
        regions = difflib.get_close_matches(region.lower(), sorted(AZURE_REGIONS), n=1, cutoff=0.6)
        return [f"{tag}.{r}" for r in regions]
    matches = difflib.get_close_matches(name.lower(), sorted(_BY_LOWER), n=1, cutoff=0.6)
    return [_BY_LOWER[m] for m in matches]
