using System.Text.Json.Serialization;
using KeyMeter.Core.Cursor;

namespace KeyMeter.Adapters.Cursor;

/// <summary>
/// An Admin API error body in any of its documented shapes: <c>{"error":"Forbidden","message":"…"}</c>,
/// <c>{"code":"error","message":"…"}</c> and <c>{"outcome":"error","message":"…"}</c> (https://cursor.com/docs/api, "Errors").
/// </summary>
internal sealed class CursorErrorBody
{
    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? Error { get; init; }

    [JsonConverter(typeof(CursorFlexibleStringConverter))]
    public string? Code { get; init; }

    public string? Outcome { get; init; }

    public string? Message { get; init; }

    /// <summary>Cursor's own words: <c>message</c>, else a descriptive <c>error</c>, else null.</summary>
    public string? Describe()
    {
        if (!string.IsNullOrWhiteSpace(Message))
        {
            return Message;
        }

        // "error" is a category name in the first shape but the bare word "error" in the others' "code".
        return string.IsNullOrWhiteSpace(Error) || string.Equals(Error, "error", StringComparison.OrdinalIgnoreCase) ? null : Error;
    }
}
