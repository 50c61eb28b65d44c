// Service Bus namespace with the usage and alerts queues. Standard tier: duplicate detection needs it.
// Local (SAS) auth is off; the app sends over REST and the host triggers with the managed identity.

param name string

param location string

param tags object = {}

@description('Queues the functions read (queueName in */function.json) and the app sends to.')
param queueNames array

resource namespace 'Microsoft.ServiceBus/namespaces@2021-11-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2021-11-01' = [for queueName in queueNames: {
  parent: namespace
  name: queueName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT1H'
    deadLetteringOnMessageExpiration: true
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
  }
}]

output id string = namespace.id
output name string = namespace.name
// serviceBusEndpoint is 'https://<name>.servicebus.windows.net:443/' (suffix differs per cloud): keep the host only.
output fullyQualifiedNamespace string = split(split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0], '/')[0]
