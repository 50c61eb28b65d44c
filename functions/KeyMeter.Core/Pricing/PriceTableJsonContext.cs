using System.Text.Json.Serialization;

namespace KeyMeter.Core.Pricing;

/// <summary>
/// JSON of the price table file. Unknown members are rejected so that a misspelt price field
/// fails at load instead of silently pricing a bucket at zero.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PriceFile))]
internal sealed partial class PriceTableJsonContext : JsonSerializerContext;
