using System.Text.Json.Serialization;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Azure.Cursor;

/// <summary>
/// JSON of the Cursor Admin API boundary (STYLE.md point 8): the three response envelopes, the request bodies and the
/// error body. Unknown members are skipped (the default), because Cursor adds fields without notice
/// (reference/cursor-api.md §1.5, e.g. the undocumented <c>/teams/spend</c> fields). The number and id quirks are
/// handled by the converters on the DTOs' properties.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CursorUsageEventsPage))]
[JsonSerializable(typeof(CursorMembersResponse))]
[JsonSerializable(typeof(CursorSpendPage))]
[JsonSerializable(typeof(CursorUsageEventsRequest))]
[JsonSerializable(typeof(CursorSpendRequest))]
[JsonSerializable(typeof(CursorErrorBody))]
internal sealed partial class CursorJsonContext : JsonSerializerContext;
