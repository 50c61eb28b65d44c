using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>JSON for the host invocation boundary (payload mode), both directions.</summary>
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(TimerInfo))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
