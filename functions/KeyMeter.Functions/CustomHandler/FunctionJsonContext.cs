using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>JSON for the <c>function.json</c> files (camelCase, comments and trailing commas tolerated).</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(FunctionJson))]
internal sealed partial class FunctionJsonContext : JsonSerializerContext;
