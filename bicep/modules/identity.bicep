// The one user-assigned identity the function app, its host and the handler process use for every Azure service.

@description('Name of the user-assigned managed identity.')
param name string

param location string

param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
