using System.Text.Json.Serialization;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// JSON of the Cursor Admin API boundary: the response envelopes, the request bodies and the
/// error body. Unknown members are skipped (the default), because Cursor adds fields without notice
/// (e.g. undocumented <c>/teams/spend</c> fields such as <c>includedSpendCents</c>). The number and id quirks are
/// handled by the converters on the DTOs' properties.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(CursorUsageEventsPage))]
[JsonSerializable(typeof(CursorMembersResponse))]
[JsonSerializable(typeof(CursorSpendPage))]
[JsonSerializable(typeof(CursorDailyUsageResponse))]
[JsonSerializable(typeof(CursorUsageEventsRequest))]
[JsonSerializable(typeof(CursorSpendRequest))]
[JsonSerializable(typeof(CursorDailyUsageRequest))]
[JsonSerializable(typeof(CursorErrorBody))]
internal sealed partial class CursorJsonContext : JsonSerializerContext;
