using System.Text.Json.Serialization;

namespace KeyMeter.Adapters.Queues;

/// <summary>JSON of the Service Bus REST headers: <see cref="BrokerProperties"/> as the service writes it.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BrokerProperties))]
internal sealed partial class ServiceBusJsonContext : JsonSerializerContext;
