using System.Text.Json.Serialization;

namespace KeyMeter.Core.Metering;

/// <summary>JSON of usage records on the <c>usage</c> queue and in the outbox: the boundary between proxy and aggregator.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(UsageRecord))]
public sealed partial class UsageRecordJsonContext : JsonSerializerContext;
