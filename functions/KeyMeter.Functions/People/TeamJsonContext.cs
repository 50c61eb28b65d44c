using System.Text.Json;
using System.Text.Json.Serialization;
using KeyMeter.Core.People;

namespace KeyMeter.Functions.People;

/// <summary>JSON of the <c>/manage/teams</c> routes. Unknown or repeated members in a request are errors, as for keys.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    AllowDuplicateProperties = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TeamRequest))]
[JsonSerializable(typeof(TeamAssignment))]
[JsonSerializable(typeof(IReadOnlyList<TeamAssignment>))]
[JsonSerializable(typeof(TeamImportResponse))]
internal sealed partial class TeamJsonContext : JsonSerializerContext;
