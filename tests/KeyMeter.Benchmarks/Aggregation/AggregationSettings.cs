namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>
/// How much the aggregation benchmark does. Full mode stays under about five minutes on two cores, quick mode under
/// about one; the whole run also stops at <see cref="RunLimit"/>.
/// </summary>
/// <param name="Records">Usage records fed to the one-consumer ingest run.</param>
/// <param name="ConcurrentRecords">
/// Distinct usage records of the four-consumer run, each delivered twice. Fewer than <paramref name="Records"/> in full
/// mode: on Azurite that run slows down as its table fills (see the report), and 2 × 20,000 deliveries alone would take
/// most of five minutes.
/// </param>
/// <param name="WarmUpRecords">Records through a throwaway table first, so the ingest runs start with the JIT warm.</param>
/// <param name="ReportKeys">Keys seeded for the summaries, each with one record a day.</param>
/// <param name="ReportDays">Days seeded for the summaries, ending today (UTC); the summary covers all of them.</param>
/// <param name="OtherWarmUpRuns">Warm-up runs of each informational grouping (developer, team, day, model).</param>
/// <param name="OtherTimedRuns">Timed runs of each informational grouping.</param>
internal sealed record AggregationSettings(
    string Mode,
    int Records,
    int ConcurrentRecords,
    int WarmUpRecords,
    int ReportKeys,
    int ReportDays,
    int OtherWarmUpRuns,
    int OtherTimedRuns,
    TimeSpan RunLimit)
{
    /// <summary>The Service Bus batch size of the aggregate function (host.json, serviceBus.maxMessageBatchSize).</summary>
    public const int BatchSize = 100;

    /// <summary>Keys active during the ingest runs.</summary>
    public const int ActiveKeys = 20;

    /// <summary>Days of one month the ingest runs' records start on.</summary>
    public const int IngestDays = 4;

    public const int Consumers = 4;

    public const int SummaryWarmUpRuns = 5;

    public const int SummaryTimedRuns = 30;

    /// <summary>Runs of each single-query probe: the query that returns nothing, and one row from each month partition.</summary>
    public const int ProbeRuns = 30;

    /// <summary>A progress line on stderr every so many records fed.</summary>
    public const int ProgressEvery = 2_000;

    public const int Seed = 20261122;

    public static AggregationSettings Full { get; } = new("full", 20_000, 10_000, 1_000, 200, 90, 5, 30, TimeSpan.FromMinutes(9));

    // Seeding 200 keys × 90 days (18,000 records) takes about ten seconds, so quick mode keeps the summary's full shape.
    public static AggregationSettings Quick { get; } = new("quick", 3_000, 3_000, 300, 200, 90, 2, 10, TimeSpan.FromMinutes(3));

    /// <summary>
    /// Extra wait before every Table request of the ingest runs, as a round trip to Table Storage in Azure adds (zero:
    /// none). On loopback Azurite a request costs the emulator's single thread its processor time and nearly no
    /// latency, so consumers side by side can only share that thread; with a round trip they wait as they would in Azure.
    /// </summary>
    public TimeSpan RoundTrip { get; init; }

    /// <summary><c>[--quick] [--round-trip-ms N]</c>, N from 0 to 1000.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out AggregationSettings settings)
    {
        var roundTrip = 0;
        string[] mode = [.. args];
        if (mode is [.. var head, "--round-trip-ms", var ms])
        {
            if (!int.TryParse(ms, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out roundTrip) || roundTrip > 1000)
            {
                settings = null!;
                return false;
            }

            mode = head;
        }

        var chosen = mode switch
        {
            [] => Full,
            ["--quick"] => Quick,
            _ => null,
        };
        settings = chosen is null ? null! : chosen with { RoundTrip = TimeSpan.FromMilliseconds(roundTrip) };
        return chosen is not null;
    }
}
