// Key Vault for the provider keys (OpenAIApiKey, AnthropicApiKey, GoogleApiKey, CursorAdminApiKey) and webhook URLs.
// RBAC authorization only; the deploying user sets the secrets after `azd provision` (see azure.yaml).

param name string

param location string

param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
