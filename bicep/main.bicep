// KeyMeter infrastructure for `azd up`: one resource group with a Flex Consumption function app (custom handler),
// its storage (host + tables), Service Bus queues, Key Vault, monitoring and ACS Email, all reached with one
// user-assigned managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; prefixes the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Primary location for all resources.')
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID); gets Key Vault Secrets Officer. Empty: none.')
param principalId string = ''

@description('Memory of each Flex Consumption instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Comma-separated email addresses that get digests and every alert.')
param alertRecipients string = ''

@description('Pull usage from the Cursor Admin API (needs the CursorAdminApiKey secret).')
param cursorEnabled bool = true

@description('Name of an existing Azure OpenAI or Foundry resource whose models the app calls as azure-openai, with its managed identity. Empty: none.')
param azureOpenAIResourceName string = ''

@description('Resource group of that resource, in this subscription. Empty: the KeyMeter resource group.')
param azureOpenAIResourceGroup string = ''

@description('Its deployments as model=deployment pairs, comma-separated, e.g. "gpt-4.1=my-gpt41,gpt-5=gpt-5".')
param azureOpenAIDeployments string = ''

@description('Name of an existing Foundry resource whose Claude deployments the app calls as azure-anthropic, with its managed identity. Empty: none.')
param azureAnthropicResourceName string = ''

@description('Resource group of that resource, in this subscription. Empty: the KeyMeter resource group.')
param azureAnthropicResourceGroup string = ''

@description('Its Claude deployments as model=deployment pairs, comma-separated, e.g. "claude-sonnet-4-5=claude-sonnet-4-5".')
param azureAnthropicDeployments string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Queue names: the queueName of the serviceBusTrigger functions (usage-aggregate, alert-notify).
var queueNames = [
  'usage'
  'alerts'
]

// Table names: the TableName constants in functions/KeyMeter.Core.
var tableNames = [
  'keys'
  'aggregates'
  'budgets'
  'outbox'
  'poison'
  'teams'
  'cursorledger'
  'cursorstate'
  'cursorsnapshots'
  'agentfacts'
  'proxiedsessions'
  'deliveries'
  'digeststate'
]

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    tableNames: tableNames
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    queueNames: queueNames
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    communicationServiceName: '${abbrs.communicationServices}${resourceToken}'
    tags: tags
  }
}

// Cognitive Services OpenAI User: calls to Azure OpenAI's v1 API with Entra ID
// (https://learn.microsoft.com/azure/foundry/openai/api-version-lifecycle)
var cognitiveServicesOpenAIUser = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
// Cognitive Services User: calls to Foundry Models such as Claude with Entra ID (every Microsoft.CognitiveServices
// data action; https://learn.microsoft.com/azure/foundry/foundry-models/how-to/configure-entra-id)
var cognitiveServicesUser = 'a97b65f3-24c7-4388-baec-2e87135dc908'

module azureOpenAIAccess 'modules/airesource.bicep' = if (!empty(azureOpenAIResourceName)) {
  name: 'azure-openai-access'
  scope: resourceGroup(empty(azureOpenAIResourceGroup) ? rg.name : azureOpenAIResourceGroup)
  params: {
    accountName: azureOpenAIResourceName
    principalId: identity.outputs.principalId
    roleDefinitionId: cognitiveServicesOpenAIUser
  }
}

module azureAnthropicAccess 'modules/airesource.bicep' = if (!empty(azureAnthropicResourceName)) {
  name: 'azure-anthropic-access'
  scope: resourceGroup(empty(azureAnthropicResourceGroup) ? rg.name : azureAnthropicResourceGroup)
  params: {
    accountName: azureAnthropicResourceName
    principalId: identity.outputs.principalId
    roleDefinitionId: cognitiveServicesUser
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    userPrincipalId: principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    communicationServiceName: communication.outputs.name
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  // The host needs its storage and Service Bus roles before it starts (the Azure AI roles come with their outputs).
  dependsOn: [
    roles
  ]
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    name: '${abbrs.webSitesFunctions}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    acsHostName: communication.outputs.hostName
    mailFromSenderDomain: communication.outputs.mailFromSenderDomain
    alertRecipients: alertRecipients
    cursorEnabled: cursorEnabled
    azureOpenAIBaseUrl: empty(azureOpenAIResourceName) ? '' : 'https://${azureOpenAIAccess!.outputs.subdomain}.openai.azure.com/openai/v1'
    azureOpenAIDeployments: azureOpenAIDeployments
    azureAnthropicBaseUrl: empty(azureAnthropicResourceName) ? '' : 'https://${azureAnthropicAccess!.outputs.subdomain}.services.ai.azure.com/anthropic'
    azureAnthropicDeployments: azureAnthropicDeployments
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output KEYMETER_URL string = 'https://${functionApp.outputs.defaultHostName}'
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output FUNCTION_APP_NAME string = functionApp.outputs.name
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
