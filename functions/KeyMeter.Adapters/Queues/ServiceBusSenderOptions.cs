using Azure.Core;

namespace KeyMeter.Adapters.Queues;

/// <summary>Pipeline options of <see cref="ServiceBusQueueSender"/>: Azure.Core's retry and transport settings.</summary>
internal sealed class ServiceBusSenderOptions : ClientOptions;
