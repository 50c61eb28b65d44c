// Azure Communication Services Email: an email service with an Azure-managed domain (DoNotReply@<guid>.azurecomm.net)
// linked to a Communication Services resource. The app sends with the managed identity (no connection string).

param emailServiceName string

param communicationServiceName string

param tags object = {}

@description('Where ACS stores data at rest.')
param dataLocation string = 'United States'

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource domain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      domain.id
    ]
  }
}

output id string = communicationService.id
output name string = communicationService.name
output hostName string = communicationService.properties.hostName
output mailFromSenderDomain string = domain.properties.mailFromSenderDomain
