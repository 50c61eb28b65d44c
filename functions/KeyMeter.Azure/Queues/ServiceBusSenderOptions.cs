using Azure.Core;

namespace KeyMeter.Azure.Queues;

/// <summary>Pipeline options of <see cref="ServiceBusQueueSender"/>: Azure.Core's retry and transport settings.</summary>
internal sealed class ServiceBusSenderOptions : ClientOptions;
