// Flex Consumption plan and the function app (custom handler runtime). Every app setting is identity-based: no keys,
// no connection strings with secrets. The app settings live in one sites/config 'appsettings' resource (which
// replaces the whole set) so they can reference the site's own defaultHostName: Flex host names carry a random
// suffix, so '<name>.azurewebsites.net' cannot be computed up front.

param planName string

param name string

param location string

param tags object = {}

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

param storageAccountName string

@description('Primary blob endpoint of the storage account, with the trailing slash.')
param blobEndpoint string

param deploymentContainerName string = 'app-package'

param serviceBusFullyQualifiedNamespace string

param keyVaultUri string

param applicationInsightsConnectionString string

@description('ACS host name, <name>.<geo>.communication.azure.com.')
param acsHostName string

@description('Azure-managed sender domain of the ACS email domain.')
param mailFromSenderDomain string

@description('Comma-separated recipients of digests and alerts; empty: alerts go to key owners only.')
param alertRecipients string = ''

param cursorEnabled bool = true

@description('Azure OpenAI v1 base URL, https://<resource>.openai.azure.com/openai/v1; empty: the provider is off.')
param azureOpenAIBaseUrl string = ''

@description('Azure OpenAI deployments, model=deployment pairs, comma-separated.')
param azureOpenAIDeployments string = ''

@description('Claude on Foundry base URL, https://<resource>.services.ai.azure.com/anthropic; empty: the provider is off.')
param azureAnthropicBaseUrl string = ''

@description('Claude deployments on Foundry, model=deployment pairs, comma-separated.')
param azureAnthropicDeployments string = ''

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Cursor's Verify button calls GET /v1/models from the desktop app, preflight first; the platform answers the
      // preflight. Callers authenticate with a bearer key, never a cookie, so any origin is safe.
      cors: {
        allowedOrigins: [
          '*'
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
  }
}

// The deployments as KeyMeter__Providers__<Name>__Deployments__<n>__Model / __Deployment: a list of objects, since a
// model id's dots cannot be part of an environment variable's name.
var azureOpenAIPairs = filter(map(split(azureOpenAIDeployments, ','), pair => split(trim(pair), '=')), pair => length(pair) == 2)
var azureAnthropicPairs = filter(map(split(azureAnthropicDeployments, ','), pair => split(trim(pair), '=')), pair => length(pair) == 2)
var deploymentSettings = union(
  toObject(range(0, length(azureOpenAIPairs)), i => 'KeyMeter__Providers__AzureOpenAI__Deployments__${i}__Model', i => trim(azureOpenAIPairs[i][0])),
  toObject(range(0, length(azureOpenAIPairs)), i => 'KeyMeter__Providers__AzureOpenAI__Deployments__${i}__Deployment', i => trim(azureOpenAIPairs[i][1])),
  toObject(range(0, length(azureAnthropicPairs)), i => 'KeyMeter__Providers__AzureAnthropic__Deployments__${i}__Model', i => trim(azureAnthropicPairs[i][0])),
  toObject(range(0, length(azureAnthropicPairs)), i => 'KeyMeter__Providers__AzureAnthropic__Deployments__${i}__Deployment', i => trim(azureAnthropicPairs[i][1]))
)

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union({
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    AZURE_CLIENT_ID: identityClientId
    KeyMeter__Storage__TableServiceUri: 'https://${storageAccountName}.table.${environment().suffixes.storage}'
    KeyMeter__KeyVaultUri: keyVaultUri
    KeyMeter__ServiceBus__FullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    KeyMeter__Notifications__Email__AcsEndpoint: 'https://${acsHostName}'
    KeyMeter__Notifications__Email__Sender: 'DoNotReply@${mailFromSenderDomain}'
    KeyMeter__Notifications__Email__Recipients: alertRecipients
    KeyMeter__Notifications__DashboardUrl: 'https://${site.properties.defaultHostName}/dashboard'
    KeyMeter__Cursor__Enabled: cursorEnabled ? 'true' : 'false'
    // Empty: the provider is off (an Azure provider without a base URL is not in the catalog).
    KeyMeter__Providers__AzureOpenAI__BaseUrl: azureOpenAIBaseUrl
    KeyMeter__Providers__AzureAnthropic__BaseUrl: azureAnthropicBaseUrl
  }, deploymentSettings)
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output planId string = plan.id
