using System.Text.Json;
using System.Text.Json.Serialization;
using KeyMeter.Core.Keys;
using KeyMeter.Core.People;
using KeyMeter.Functions.DeadLetters;
using KeyMeter.Functions.People;

namespace KeyMeter.Functions.Manage;

/// <summary>
/// JSON of the management boundary: the routes under <c>/manage</c> (keys, teams, dead letters). Unknown or repeated
/// members in a request are errors, not silently dropped.
/// </summary>
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
[JsonSerializable(typeof(TeamRequest))]
[JsonSerializable(typeof(TeamAssignment))]
[JsonSerializable(typeof(IReadOnlyList<TeamAssignment>))]
[JsonSerializable(typeof(TeamImportResponse))]
[JsonSerializable(typeof(DeadLetterListResponse))]
[JsonSerializable(typeof(DeadLetterReplayResponse))]
internal sealed partial class ManageJsonContext : JsonSerializerContext;
