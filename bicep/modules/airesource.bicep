// Access for the app's identity to an existing Azure OpenAI or Foundry resource (Microsoft.CognitiveServices/accounts),
// deployed into that resource's resource group: one data-plane role assignment scoped to the resource, and the
// resource's subdomain, from which the API's base URL is built. Nothing else about the resource is changed.

@description('Name of the existing Azure OpenAI or Foundry resource.')
param accountName string

@description('Principal id (object id) of the app identity.')
param principalId string

@description('The data-plane role the app needs on it (a built-in role definition id).')
param roleDefinitionId string

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: accountName
}

resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, roleDefinitionId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('The resource\'s custom subdomain (Entra ID authentication needs one), else its name.')
output subdomain string = account.properties.?customSubDomainName ?? accountName
