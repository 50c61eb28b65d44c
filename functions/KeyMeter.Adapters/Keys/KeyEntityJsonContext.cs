using System.Text.Json.Serialization;

namespace KeyMeter.Adapters.Keys;

/// <summary>JSON of the list-valued columns of key rows (tags, allowed models).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class KeyEntityJsonContext : JsonSerializerContext;
