using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// Turns a Cursor usage event into the usage record the aggregator counts (source <c>cursor</c>), so that no dollar is
/// counted twice (issue #5, "what counts"):
/// <list type="bullet">
/// <item>Cursor-billed events count <c>chargedCents</c>: the Cursor Token Fee as the fee column, the rest as cost, so
/// cost plus fee is exactly <c>chargedCents</c>. Provider <see cref="CursorProvider"/>.</item>
/// <item>BYOK events (<c>USER_API_KEY</c>) count their tokens and the Cursor Token Fee only: the provider's dollars
/// for them were metered by the proxy. Provider <see cref="ByokProvider"/>, which the reconciliation compares with the
/// proxy's traffic.</item>
/// </list>
/// Tokens map onto KeyMeter's buckets: input, cache read as cached input, cache write as 5-minute cache write, output.
/// The event's normalised kind is the tag <see cref="KindTag"/>; the developer's key tags and mapped team come from
/// <see cref="PeopleDirectory"/>. Cursor model names are kept as Cursor writes them.
/// </summary>
public static class CursorRecords
{
    /// <summary>Provider of Cursor-billed usage: Cursor charges it.</summary>
    public const string CursorProvider = "cursor";

    /// <summary>Provider of BYOK events in Cursor's ledger: the provider charged the company's key.</summary>
    public const string ByokProvider = "byok";

    /// <summary>The tag that carries <see cref="CursorEventKind"/>.</summary>
    public const string KindTag = "cursor-kind";

    /// <summary>Model of seat charges.</summary>
    public const string SeatModel = "cursor-seat";

    /// <summary>Price version of Cursor records: Cursor priced them.</summary>
    public const string PriceVersion = "cursor";

    /// <summary>The record of revision 0 of the event <paramref name="key"/>.</summary>
    public static UsageRecord FromEvent(string key, CursorUsageEvent usageEvent, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        ArgumentNullException.ThrowIfNull(people);
        var kind = CursorEventKind.Of(usageEvent);
        var byok = kind == CursorEventKind.Byok;
        var charged = (usageEvent.ChargedCents ?? 0m) / 100m;
        var fee = (usageEvent.CursorTokenFee ?? 0m) / 100m;

        // BYOK: only the fee is Cursor's; when the fee field is missing, what Cursor charged is the fee.
        // Cursor-billed: the fee is part of the charge; cost is the rest, so cost + fee == chargedCents exactly.
        decimal cost;
        if (byok)
        {
            cost = 0m;
            fee = usageEvent.CursorTokenFee is null ? charged : fee;
        }
        else
        {
            cost = charged - fee;
        }

        var tokens = usageEvent.TokenUsage;
        var email = Text(usageEvent.UserEmail);
        return new UsageRecord(
            Id: CursorEventIdentity.RecordId(key, 0),
            Source: UsageSources.Cursor,
            StartedAt: DateTimeOffset.FromUnixTimeMilliseconds(usageEvent.Timestamp),
            KeyId: string.Empty,
            OwnerEmail: email,
            Tags: TagsWith(people.TagsFor(email), KindTag, kind),
            Provider: byok ? ByokProvider : CursorProvider,
            Model: string.IsNullOrWhiteSpace(usageEvent.Model) ? "unknown" : Text(usageEvent.Model),
            Api: ApiFormat.ChatCompletions,
            Tokens: tokens is null
                ? TokenUsage.Zero
                : new TokenUsage(tokens.InputTokens, tokens.CacheReadTokens, tokens.CacheWriteTokens, 0, tokens.OutputTokens, 0),
            CostUsd: cost,
            CursorFeeUsd: fee,
            PriceVersion: PriceVersion,
            Unpriced: false,
            Estimated: false,
            Streamed: false,
            Status: 200,
            Outcome: UsageOutcomes.Completed,
            LatencyMs: 0)
        {
            SessionId = Agents.SessionIds.Clean(usageEvent.ConversationId),
        };
    }

    /// <summary>
    /// One day of one member's seat: <paramref name="monthlyPriceUsd"/> over the days of that month, so a month of
    /// days adds up to the monthly price. Its id is stable per member and day, so a second run that day counts nothing.
    /// </summary>
    public static UsageRecord Seat(DateOnly day, string email, decimal monthlyPriceUsd, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var normalized = TeamMapping.NormalizeEmail(email);
        return new UsageRecord(
            Id: "cs_" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "_" + ContentHash.Of(normalized),
            Source: UsageSources.Cursor,
            StartedAt: new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            KeyId: string.Empty,
            OwnerEmail: Text(email),
            Tags: people.TagsFor(normalized),
            Provider: CursorProvider,
            Model: SeatModel,
            Api: ApiFormat.ChatCompletions,
            Tokens: TokenUsage.Zero,
            CostUsd: monthlyPriceUsd / DateTime.DaysInMonth(day.Year, day.Month),
            CursorFeeUsd: 0m,
            PriceVersion: PriceVersion,
            Unpriced: false,
            Estimated: false,
            Streamed: false,
            Status: 200,
            Outcome: UsageOutcomes.Completed,
            LatencyMs: 0)
        {
            Charge = UsageCharges.Seat,
        };
    }

    /// <summary>True when the two records count the same: same dimensions, same tokens, same money.</summary>
    public static bool CountsTheSame(UsageRecord a, UsageRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.StartedAt == b.StartedAt
            && a.OwnerEmail == b.OwnerEmail
            && a.Provider == b.Provider
            && a.Model == b.Model
            && a.Tokens == b.Tokens
            && a.CostUsd == b.CostUsd
            && a.CursorFeeUsd == b.CursorFeeUsd
            && a.Charge == b.Charge
            && a.Tags.Count == b.Tags.Count
            && a.Tags.All(tag => b.Tags.TryGetValue(tag.Key, out var value) && value == tag.Value);
    }

    // Text fields become row keys and line items: no control characters, at most the reader's length.
    private static string Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var clean = new string([.. value.Trim().Where(c => !char.IsControl(c))]);
        return clean.Length > UsageRecordReader.MaxTextLength ? clean[..UsageRecordReader.MaxTextLength] : clean;
    }

    private static Dictionary<string, string> TagsWith(IReadOnlyDictionary<string, string> tags, string name, string value)
    {
        var copy = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        if (copy.Count < KeyRules.MaxTags || copy.ContainsKey(name))
        {
            copy[name] = value;
        }

        return copy;
    }
}
