using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using KeyMeter.Core.Aggregation;

namespace KeyMeter.Core.Reports;

/// <summary>
/// The FinOps FOCUS 1.2 export (https://focus.finops.org/focus-specification/v1-2/): one Usage row per day × billing
/// line for the provider's charge and, when the line paid a Cursor Token Fee, one more for that fee. Written as the rows
/// arrive and flushed day by day, with the quoting and formula neutralising of <see cref="CsvLine"/>.
/// </summary>
public static class FocusCsvWriter
{
    internal static IReadOnlyList<string> Columns { get; } =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
        "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost",
        "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName", "RegionId", "RegionName",
        "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId",
        "SubAccountId", "SubAccountName", "Tags",
        "x_InputTokens", "x_OutputTokens", "x_CachedInputTokens", "x_CacheWriteTokens", "x_Requests", "x_EstimatedRequests",
        "x_UnpricedRequests",
    ];

    /// <summary>Writes the header and the rows of <paramref name="lineRows"/> (daily line rows, by row key); returns the rows written.</summary>
    public static async Task<long> WriteAsync(TextWriter writer, IAsyncEnumerable<AggregateRow> lineRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(lineRows);
        var line = new CsvLine();
        await line.WriteHeaderAsync(writer, Columns, cancellationToken);
        long records = 0;
        string? day = null;
        await foreach (var group in DayDimensionEntries.GroupAsync(lineRows.Where(row => row.Dimension == AggregateDimension.Line), cancellationToken))
        {
            if (day is not null && group.Day != day)
            {
                await writer.FlushAsync(cancellationToken);
            }

            day = group.Day;
            var date = DateOnly.ParseExact(group.Day, ReportRange.DateFormat, CultureInfo.InvariantCulture);
            foreach (var (value, counters) in group.Entries)
            {
                // Line values are written only by RecordDimensions; one that does not decode is not a billing line.
                if (!LineItem.TryDecode(value, out var item) || item is null)
                {
                    continue;
                }

                await Charge(line, date, item, counters, FocusCharge.Usage(item, counters)).WriteAsync(writer, cancellationToken);
                records++;
                if (counters.CursorFeeUsd > 0)
                {
                    await Charge(line, date, item, counters, FocusCharge.CursorFee(item, counters)).WriteAsync(writer, cancellationToken);
                    records++;
                }
            }
        }

        await writer.FlushAsync(cancellationToken);
        return records;
    }

    /// <summary>One row, in the order of <see cref="Columns"/>.</summary>
    private static CsvLine Charge(CsvLine line, DateOnly day, LineItem item, AggregateCounters c, FocusCharge charge)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var hasKey = item.KeyId != RecordDimensions.NoKey;

        // ContractedCost, EffectiveCost and ListCost equal BilledCost: KeyMeter prices at list prices or at the
        // negotiated rates configured in its price table, and the cost it computed is what the provider bills.
        line.Number(charge.Cost).Text(charge.BillingAccountId).Text(charge.InvoiceIssuerName).Text("USD")
            .Text(Instant(month.AddMonths(1))).Text(Instant(month))
            .Text(charge.Category).Empty().Text(charge.Description).Text(charge.Frequency).Text(Instant(day.AddDays(1))).Text(Instant(day))
            .Number(c.TotalTokens).Text("Tokens").Number(charge.Cost).Number(charge.Cost).Text(charge.InvoiceIssuerName).Number(charge.Cost)
            .Text("Standard").Number(c.TotalTokens).Text("Tokens").Text(charge.ProviderName).Text(charge.PublisherName)
            .Empty().Empty()
            .Text(hasKey ? item.KeyId : null).Text(hasKey ? item.Developer : null).Text(hasKey ? "KeyMeter Key" : null)
            .Text("AI and Machine Learning").Text(charge.ServiceName).Text("Generative AI").Text(item.Model)
            .Empty().Empty().Text(Tags(item));

        // The fee row charges for the same calls: their counts stay on the usage row so that a sum counts each call once.
        return charge.IsFee
            ? line.Empty().Empty().Empty().Empty().Empty().Empty().Empty()
            : line.Number(c.InputTokens).Number(c.OutputTokens).Number(c.CachedInputTokens)
                .Number(c.CacheWrite5mTokens + c.CacheWrite1hTokens).Number(c.Requests).Number(c.EstimatedRequests)
                .Number(c.UnpricedRequests);
    }

    /// <summary>ISO 8601 in UTC, as FOCUS date-time columns want it: <c>2026-11-01T00:00:00Z</c>.</summary>
    private static string Instant(DateOnly day) => ReportRange.Format(day) + "T00:00:00Z";

    /// <summary>
    /// The key's tags plus <c>developer</c> and <c>source</c> as a JSON object. Those two are KeyMeter's own, so a key
    /// tag of either name gives way. The text lands in a CSV cell, never in HTML, so only what JSON needs is escaped.
    /// </summary>
    private static string Tags(LineItem item)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (name, value) in item.Tags)
            {
                if (name is not ("developer" or "source"))
                {
                    json.WriteString(name, value);
                }
            }

            json.WriteString("developer", item.Developer);
            json.WriteString("source", item.Source);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
