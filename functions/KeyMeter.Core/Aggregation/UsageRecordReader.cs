using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// Reads a usage record off the <c>usage</c> queue and decides whether it can be counted. A record that fails here can
/// never succeed on a retry, so the aggregator keeps it as poison instead of failing the batch. Reasons name the field,
/// never its value.
/// </summary>
public static class UsageRecordReader
{
    /// <summary>Longest record id: it becomes a row key (at most 1 KiB) and a Service Bus message id (at most 128).</summary>
    public const int MaxIdLength = 128;

    public const int MaxTextLength = 256;

    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out UsageRecord? record, [NotNullWhen(false)] out string? reason)
    {
        record = null;
        try
        {
            record = JsonSerializer.Deserialize(body, UsageRecordJsonContext.Default.UsageRecord);
        }
        catch (JsonException exception)
        {
            reason = "The body is not a usage record: " + Describe(exception);
            return false;
        }

        if (record is null)
        {
            reason = "The body is JSON null, not a usage record.";
            return false;
        }

        reason = Check(record);
        if (reason is not null)
        {
            record = null;
            return false;
        }

        // Tags may be absent in JSON; the rest of the pipeline sees an empty map.
        record = record.Tags is null ? record with { Tags = new Dictionary<string, string>() } : record;
        return true;
    }

    /// <summary>The first rule <paramref name="record"/> breaks, or null when it can be counted.</summary>
    public static string? Check(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsKeySafe(record.Id, MaxIdLength))
        {
            return $"id must be 1 to {MaxIdLength} characters without '/', '\\', '#', '?' or control characters.";
        }

        if (!UsageSources.IsKnown(record.Source))
        {
            return $"source must be one of {string.Join(", ", UsageSources.All.Select(source => $"'{source}'"))}.";
        }

        if (record.StartedAt.Year is < 2000 or > 2999)
        {
            return "startedAt is missing or out of range.";
        }

        if (!string.IsNullOrEmpty(record.KeyId) && !KeyId.IsWellFormed(record.KeyId))
        {
            return "keyId is not a KeyMeter key id.";
        }

        if (record.Source != UsageSources.Cursor && string.IsNullOrEmpty(record.KeyId))
        {
            return "keyId is required on proxy and agent telemetry records.";
        }

        if (!IsText(record.Provider, required: true) || !IsText(record.Model, required: true) || !IsText(record.OwnerEmail, required: false))
        {
            return $"provider and model are required, and provider, model and ownerEmail must be at most {MaxTextLength} printable characters.";
        }

        // Every number inside its documented bound, so no sum of records can overflow.
        if (UsageRecordBounds.Check(record) is { } outOfBounds)
        {
            return outOfBounds;
        }

        if (!UsageCharges.IsKnown(record.Charge) || (record.Charge is not null && record.Source != UsageSources.Cursor))
        {
            return $"charge must be absent, '{UsageCharges.Reversal}' or '{UsageCharges.Seat}', and only Cursor records carry one.";
        }

        if (record.Agent is not null && !Agents.CodingAgents.IsKnown(record.Agent))
        {
            return $"agent must be absent or one of {string.Join(", ", Agents.CodingAgents.All.Select(agent => $"'{agent}'"))}.";
        }

        if (record.SessionId is not null && !Agents.SessionIds.IsWellFormed(record.SessionId))
        {
            return $"sessionId must be 1 to {Agents.SessionIds.MaxLength} letters, digits, '-', '_', '.' or ':'.";
        }

        if (record.Tags is { } tags)
        {
            if (tags.Count > KeyRules.MaxTags)
            {
                return $"at most {KeyRules.MaxTags} tags.";
            }

            foreach (var (name, value) in tags)
            {
                if (!KeyRules.IsTagName(name) || !IsText(value, required: true) || value.Length > KeyRules.MaxTagValueLength)
                {
                    return "a tag name or value breaks the key tag rules.";
                }
            }
        }

        return null;
    }

    private static bool IsText(string? value, bool required) =>
        string.IsNullOrEmpty(value) ? !required : value.Length <= MaxTextLength && !value.Any(char.IsControl);

    private static bool IsKeySafe(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    // JsonException messages name the path and position, not the value.
    private static string Describe(JsonException exception) =>
        exception.Path is { } path ? $"invalid JSON at {path} (line {exception.LineNumber}, byte {exception.BytePositionInLine})." : "invalid JSON.";
}
