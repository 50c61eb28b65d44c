using System.Text.Json.Serialization;

namespace KeyMeter.Azure.Keys;

/// <summary>JSON of the list-valued columns of key rows (tags, allowed models).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class KeyEntityJsonContext : JsonSerializerContext;
