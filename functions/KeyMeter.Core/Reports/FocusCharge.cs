using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Pricing;

namespace KeyMeter.Core.Reports;

/// <summary>
/// Who a FOCUS row's charge is from and what it is for. Calls through the proxy are billed by the model's provider to
/// the company's own account; usage pulled from Cursor's Admin API never reached the proxy and is billed by Cursor
/// (provider and invoice issuer Cursor, publisher the model's maker); the Cursor Token Fee is Cursor's own charge.
/// </summary>
/// <param name="BillingAccountId">The invoice issuer in lowercase: which bill the row belongs on.</param>
/// <param name="IsFee">The Cursor Token Fee row of a line, whose counts are already on the line's usage row.</param>
internal sealed record FocusCharge(
    string ProviderName,
    string PublisherName,
    string InvoiceIssuerName,
    string BillingAccountId,
    string ServiceName,
    string Description,
    decimal Cost,
    bool IsFee)
{
    /// <summary>FOCUS ChargeCategory: <c>Usage</c>, or <c>Purchase</c> for a Cursor seat.</summary>
    public string Category { get; init; } = "Usage";

    /// <summary>FOCUS ChargeFrequency: <c>Usage-Based</c>, or <c>Recurring</c> for a Cursor seat.</summary>
    public string Frequency { get; init; } = "Usage-Based";

    public const string Cursor = "Cursor";
    public const string CursorTokenFee = "Cursor Token Fee";

    /// <summary>The provider's charge for a line's tokens (zero when the model had no price).</summary>
    public static FocusCharge Usage(LineItem item, AggregateCounters counters)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(counters);
        if (item.Source == UsageSources.Cursor && item.Model == KeyMeter.Core.Cursor.CursorRecords.SeatModel)
        {
            // A day of a seat: a recurring purchase, not usage (issue #5, "its own charge type").
            return new FocusCharge(Cursor, Cursor, Cursor, "cursor", "Cursor Seats", "Cursor seat, one day", counters.CostUsd, false)
            {
                Category = "Purchase",
                Frequency = "Recurring",
            };
        }

        var (publisher, service) = Publisher(item.Provider);
        return item.Source == UsageSources.Cursor
            ? new FocusCharge(Cursor, publisher, Cursor, "cursor", "Cursor Models", $"{item.Model} tokens via Cursor", counters.CostUsd, false)
            : new FocusCharge(publisher, publisher, publisher, item.Provider.ToLowerInvariant(), service, $"{item.Model} tokens via KeyMeter proxy", counters.CostUsd, false);
    }

    /// <summary>Cursor's per-token fee on the same tokens, billed by Cursor, a charge apart from the provider's.</summary>
    public static FocusCharge CursorFee(LineItem item, AggregateCounters counters)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(counters);
        return new FocusCharge(Cursor, Cursor, Cursor, "cursor", CursorTokenFee, $"{CursorTokenFee} on {item.Model} tokens", counters.CursorFeeUsd, true);
    }

    /// <summary>The display name of a record's provider and its API's service name.</summary>
    private static (string Publisher, string Service) Publisher(string provider) => provider.ToLowerInvariant() switch
    {
        PriceProviders.OpenAI => ("OpenAI", "OpenAI API"),
        PriceProviders.Anthropic => ("Anthropic", "Anthropic API"),
        PriceProviders.Google => ("Google", "Gemini API"),
        _ => (provider, provider + " API"),
    };
}
