using System.Text.Json;
using System.Text.Json.Serialization;
using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Manage;

/// <summary>JSON of the management boundary. Unknown or repeated members in a request are errors, not silently dropped.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyResponse))]
[JsonSerializable(typeof(IReadOnlyList<KeyResponse>))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(IReadOnlyList<AuditEntryResponse>))]
internal sealed partial class ManageJsonContext : JsonSerializerContext;
