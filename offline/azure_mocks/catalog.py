"""Azure's published names, lists and limits, as the mocks read them, each with its source.

Locations, availability zones and fault domains; NSG service tags; the ranges a VNet cannot
use; tag limits; VM size families and the generation-1-only sizes; guest patch modes and the
OS each extension handler runs on; SKUs; load balancer and Bastion limits; load balancer log
categories, metrics and their dimensions; metric alert periods.

The component keeps its own copies in `components/catalogs/` (and a few in its decisions and
validation): the mocks restate them rather than import them, so a wrong entry there is not
copied into the check. tests/mocks/test_catalog_agreement.py compares the two and names each
deliberate difference. Names are lower case here where ARM compares them case-insensitively.
"""

from __future__ import annotations

import ipaddress
import re

# --- locations, zones and fault domains ----------------------------------------------------------

# Regions ARM accepts as a `location` (programmatic names; ARM ignores case and spaces): the
# public cloud per learn.microsoft.com/azure/reliability/regions-list and `az account
# list-locations` (physical regions, EUAP and staging), US Government, US Secret/Top Secret and
# China per Microsoft's SDK region constants. As of 2026-11.
ARM_LOCATIONS = frozenset(
    """eastus eastus2 centralus northcentralus southcentralus westcentralus westus westus2 westus3
    canadacentral canadaeast brazilsouth brazilsoutheast brazilus mexicocentral chilecentral
    northeurope westeurope uksouth ukwest francecentral francesouth germanywestcentral germanynorth
    switzerlandnorth switzerlandwest norwayeast norwaywest swedencentral swedensouth polandcentral
    italynorth spaincentral austriaeast belgiumcentral denmarkeast eastasia southeastasia
    australiaeast australiasoutheast australiacentral australiacentral2 japaneast japanwest
    koreacentral koreasouth centralindia southindia westindia jioindiacentral jioindiawest
    indonesiacentral malaysiawest newzealandnorth taiwannorth taiwannorthwest uaenorth uaecentral
    qatarcentral israelcentral southafricanorth southafricawest eastus2euap centraluseuap eastusstg
    southcentralusstg usgovvirginia usgovarizona usgovtexas usgoviowa usdodeast usdodcentral
    usseceast ussecwest ussecwestcentral usnateast usnatwest chinaeast chinaeast2 chinaeast3
    chinanorth chinanorth2 chinanorth3""".split()  # noqa: SIM905
)
# Azure numbers a region's availability zones 1-3 (learn.microsoft.com/azure/reliability/availability-zones-overview).
AZURE_ZONES = ("1", "2", "3")
# Public regions without availability zones (learn.microsoft.com/azure/reliability/regions-list, 2025-04-15):
# ARM refuses zonal resources there.
REGIONS_WITHOUT_ZONES = frozenset(
    """australiacentral australiacentral2 australiasoutheast brazilsoutheast canadaeast francesouth germanynorth
    koreasouth northcentralus norwaywest southafricawest southindia switzerlandwest uaecentral ukwest
    westcentralus westindia westus""".split()  # noqa: SIM905
)
# Most fault domains of an availability set, per region: `az vm list-skus --resource-type availabilitySets`
# (Aligned) as recorded in Azure/sap-automation deploy/configs/max_fault_domain_count.json (2024-10-11).
# Regions not listed: up to 3 accepted.
MAX_FAULT_DOMAINS = {
    **dict.fromkeys(
        """brazilsouth canadacentral centralindia centralus eastus eastus2 francecentral japaneast
        northcentralus northeurope southcentralus swedencentral westeurope westus westus2 westus3""".split(),  # noqa: SIM905
        3,
    ),
    **dict.fromkeys(
        """australiacentral australiacentral2 australiaeast australiasoutheast brazilsoutheast canadaeast
        eastasia eastus2euap francesouth germanynorth germanywestcentral israelcentral italynorth japanwest
        jioindiacentral jioindiawest koreacentral koreasouth mexicocentral newzealandnorth norwayeast norwaywest
        polandcentral qatarcentral southafricanorth southafricawest southcentralusstg southeastasia southindia
        spaincentral swedensouth switzerlandnorth switzerlandwest taiwannorth taiwannorthwest uaecentral uaenorth
        uksouth ukwest westcentralus westindia""".split(),  # noqa: SIM905
        2,
    ),
    "centraluseuap": 1,
    "eastusstg": 1,
}

# --- virtual networks and NSG rules --------------------------------------------------------------

# Not allowed in a VNet (learn.microsoft.com/azure/virtual-network/virtual-networks-faq).
VNET_FORBIDDEN_RANGES = tuple(
    ipaddress.IPv4Network(r)
    for r in ("224.0.0.0/4", "255.255.255.255/32", "127.0.0.0/8", "169.254.0.0/16", "168.63.129.16/32")
)
# Service tags NSG rules accept (learn.microsoft.com/azure/virtual-network/service-tags-overview,
# 2025-07-15): the regional ones also as <Tag>.<region>.
NSG_REGIONAL_SERVICE_TAGS = frozenset(
    """apimanagement appservice azurecloud azureconnectors azurecontainerregistry azurecosmosdb
    azuredevops azureiothub azurekeyvault azurewebpubsub batchnodemanagement datafactory
    dynamics365formarketingemail eventhub hdinsight m365managementactivityapi
    m365managementactivityapiwebhook powerbi powerplatforminfra powerplatformplex servicebus sql
    storage storagemover systemserviceazurespringappsresourceprovider azuremonitor
    azuremachinelearning azurebackup azuresiterecovery microsoftcontainerregistry""".split()  # noqa: SIM905
)
NSG_SERVICE_TAGS = NSG_REGIONAL_SERVICE_TAGS | frozenset(
    """actiongroup applicationinsightsavailability appconfiguration appservicemanagement
    azureactivedirectory azureactivedirectorydomainservices azureadvancedthreatprotection
    azurearcinfrastructure azureattestation azurebotservice azurecognitivesearch azuredatabricks
    azuredataexplorermanagement azuredatalake azuredeviceupdate azuredigitaltwins azureeventgrid
    azurefrontdoor.frontend azurefrontdoor.backend azurefrontdoor.firstparty
    azurefrontdoor.microsoftsecurity azurehealthcareapis azureinformationprotection azureloadbalancer
    azuremachinelearninginference azuremanagedgrafana azureopendatasets azureplatformdns
    azureplatformimds azureplatformlkm azureresourcemanager azuresentinel azuresignalr azuresphere
    azurespringcloud azurestack azuretrafficmanager azureupdatedelivery chaosstudio
    cognitiveservicesfrontend cognitiveservicesmanagement datafactorymanagement
    dynamics365businesscentral eopexternalpublishedips gatewaymanager guestandhybridmanagement
    internet kustoanalytics logicapps logicappsmanagement microsoftazurefluidrelay
    microsoftcloudappsecurity microsoftdefenderforendpoint powerqueryonline scuba serialconsole
    servicefabric sqlmanagement storagesyncservice windowsadmincenter windowsvirtualdesktop
    videoindexer virtualnetwork""".split()  # noqa: SIM905
)
# AzureCloud's regional names that do not follow the <region> schema (same page, "Discover
# service tags by using downloadable JSON files").
AZURE_CLOUD_TAG_REGIONS = frozenset(
    """centralfrance southfrance germanywc germanyn norwaye norwayw switzerlandn switzerlandw usstagee
    usstagec brazilse""".split()  # noqa: SIM905
)

# --- tags ----------------------------------------------------------------------------------------

# Tag limits (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations).
MAX_TAGS = 50
MAX_TAG_NAME = {"Microsoft.Storage/storageAccounts": 128}  # others: DEFAULT_MAX_TAG_NAME
DEFAULT_MAX_TAG_NAME = 512
MAX_TAG_VALUE = 256
MAX_TAG_CHARACTERS = {"Microsoft.Compute/virtualMachines": 2048}  # names and values together
TAG_NAME_FORBIDDEN = set("<>%&\\?/")

# --- virtual machines ----------------------------------------------------------------------------

# The letters a Standard size name starts with, one per family (learn.microsoft.com/azure/virtual-machines/
# sizes/overview); ARM answers another with "The value ... provided for the VM size is not valid".
VM_SIZE_FAMILIES = frozenset(
    "a b d dc ds e ec f fx g gs h hb hc hx l m nc ncc nd ng np nv".split()  # noqa: SIM905
)
# The Basic tier is the five Basic A-series sizes (Microsoft Learn, previous-generation sizes, Basic A-series).
BASIC_VM_SIZES = frozenset({"basic_a0", "basic_a1", "basic_a2", "basic_a3", "basic_a4"})
# Generation-1-only sizes, which cannot boot a Trusted Launch (generation 2) VM: Av2, Dv2, Dv3, Ev3, the
# A and D v1 series, NC/NV/NP v1 (learn.microsoft.com/azure/virtual-machines/trusted-launch, "Not supported").
# Dv2 includes its Promo sizes (Standard_D2_v2_Promo ... D14_v2_Promo: Dv2 sizes at a promotional price,
# beside them in the Compute API's VirtualMachineSizeTypes).
GEN1_ONLY_SIZES = re.compile(
    r"^standard_(a\d+m?(_v2)?|d\d+_v2(_promo)?|[de]\d+_v3|ds?\d+|(nc|nv|np)\d+[a-z]*)$", re.IGNORECASE
)
# Availability sets: up to 20 update domains (learn.microsoft.com/azure/virtual-machines/availability-set-overview).
MAX_UPDATE_DOMAINS = 20
# Guest patch modes by OS (learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching).
PATCH_MODES = {
    "linux": ("ImageDefault", "AutomaticByPlatform"),
    "windows": ("Manual", "AutomaticByOS", "AutomaticByPlatform"),
}
# The OS an extension handler runs on (learn.microsoft.com/azure/virtual-machines/extensions/overview).
EXTENSION_OS = {
    ("Microsoft.OSTCExtensions", "VMAccessForLinux"): "linux",
    ("Microsoft.Compute", "VMAccessAgent"): "windows",
    ("Microsoft.Compute", "CustomScriptExtension"): "windows",
    ("Microsoft.Azure.Extensions", "CustomScript"): "linux",
}
# customData decodes to at most 65,535 bytes; computer names: 15 characters on Windows (NetBIOS), 64 on
# Linux (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcompute).
MAX_CUSTOM_DATA_BYTES = 65535
MAX_WINDOWS_COMPUTER_NAME = 15
MAX_LINUX_COMPUTER_NAME = 64

# --- network SKUs and limits ---------------------------------------------------------------------

# Standard load balancer: load-balancing and inbound NAT rules together
# (learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#load-balancer).
MAX_LB_RULES = 1500
# NAT gateway SKUs (learn.microsoft.com/azure/nat-gateway/nat-overview).
NAT_GATEWAY_SKUS = ("Standard", "StandardV2")
# Bastion (learn.microsoft.com/azure/bastion/configuration-settings): the SKUs, the ones with native
# client support (`enableTunneling`), and the subnet's required name, /26 or larger.
BASTION_SKUS = ("Developer", "Basic", "Standard", "Premium")
BASTION_TUNNELING_SKUS = ("Standard", "Premium")
BASTION_SUBNET = "AzureBastionSubnet"
MAX_BASTION_SUBNET_PREFIX_LENGTH = 26

# --- monitoring ----------------------------------------------------------------------------------

# learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-network-loadbalancers-logs
# and .../supported-metrics/microsoft-network-loadbalancers-metrics
LB_LOG_CATEGORIES = {"LoadBalancerHealthEvent"}
LB_LOG_CATEGORY_GROUPS = {"allLogs", "audit"}
LB_METRICS = {
    "VipAvailability",
    "DipAvailability",
    "ByteCount",
    "PacketCount",
    "SYNCount",
    "SnatConnectionCount",
    "AllocatedSnatPorts",
    "UsedSnatPorts",
    "GlobalBackendAvailability",
}
LB_METRIC_DIMENSIONS = {
    "DipAvailability": {"ProtocolType", "BackendPort", "FrontendIPAddress", "FrontendPort", "BackendIPAddress"},
    "VipAvailability": {"FrontendIPAddress", "FrontendPort"},
}
# A metric alert's lookback period and how often it is evaluated
# (learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-metric-alert-rule).
ALERT_WINDOWS = ("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D")
ALERT_FREQUENCIES = ("PT1M", "PT5M", "PT15M", "PT30M", "PT1H")
MAX_ACTION_GROUP_SHORT_NAME = 12

# --- scale sets (Flexible orchestration) ------------------------------------------------------------
# Learn, flexible-virtual-machine-scale-sets: "up to 1000 VMs"; manage-fault-domains (ms.date 2025-09-02):
# zonal or zone-spanning Flexible sets take platformFaultDomainCount 1 only, regional ones 1-3.
MAX_FLEX_INSTANCES = 1000
MAX_FLEX_REGIONAL_FAULT_DOMAINS = 3
# Compute API: maxBatchInstancePercent 5-100; automaticRepairsPolicy.gracePeriod PT10M-PT90M (Learn,
# virtual-machine-scale-sets-automatic-instance-repairs, ms.date 2026-05-19).
ROLLING_BATCH_PERCENT = (5, 100)
REPAIR_GRACE_MINUTES = (10, 90)
HEALTH_EXTENSIONS = {
    ("Microsoft.ManagedServices", "ApplicationHealthLinux"),
    ("Microsoft.ManagedServices", "ApplicationHealthWindows"),
}
NETWORK_API_VERSIONS = ("2020-11-01", "2022-11-01")
# Azure Monitor autoscale (Learn, autoscale-understanding-settings / service limits): up to 20
# profiles and 10 rules a profile; capacity 0-1000 instances for a scale set.
MAX_AUTOSCALE_PROFILES = 20
MAX_AUTOSCALE_RULES = 10
MAX_AUTOSCALE_CAPACITY = 1000
