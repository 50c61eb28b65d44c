using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyMeter.Functions.DeadLetters;

/// <summary>JSON of the dead-letter routes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DeadLetterListResponse))]
[JsonSerializable(typeof(DeadLetterReplayResponse))]
internal sealed partial class DeadLetterJsonContext : JsonSerializerContext;
