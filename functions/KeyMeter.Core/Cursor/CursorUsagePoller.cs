using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Cursor;

/// <summary>
/// The <c>cursor-poll</c> run: reads Cursor's usage-event ledger since the watermark (re-reading the last
/// <see cref="CursorOptions.RereadHours"/>, because Cursor corrects costs after the fact) one UTC day at a time, and
/// publishes what changed to the <c>usage</c> queue as <see cref="CursorRecords"/>.
/// </summary>
/// <remarks>
/// Exactly once, even across crashes and overlapping windows (README, Architecture):
/// <list type="number">
/// <item>Each event has a deterministic key (<see cref="CursorEventIdentity"/>); the ledger remembers the record last
/// published for it and its revision.</item>
/// <item>An event seen for the first time is published as revision 0. One whose record would count the same is
/// skipped. A corrected one becomes revision n: the reversal of revision n − 1 plus the corrected record, each with an
/// id derived from the key and n, so the aggregates move by exactly the difference.</item>
/// <item>The ledger entries are written as pending before publishing and cleared after. A run that dies in between
/// finds them pending and publishes them again under the same ids, which the aggregator's markers make harmless.</item>
/// <item>The watermark moves to the end of a day only when that day is done, so a failed run is resumed by the next.</item>
/// </list>
/// </remarks>
public sealed class CursorUsagePoller(
    ICursorAdminApi api,
    ICursorLedger ledger,
    ICursorStateStore state,
    IUsageSink sink,
    PeopleDirectoryLoader people,
    IOptions<CursorOptions> options,
    TimeProvider time,
    ILogger<CursorUsagePoller> logger)
{
    /// <summary>The watermark's name in <c>cursorstate</c>.</summary>
    public const string WatermarkName = "usage-events";

    /// <summary>A guard against a server that never stops reporting another page.</summary>
    public const int MaxPagesPerDay = 1000;

    private readonly CursorOptions _options = options.Value;

    /// <exception cref="CursorApiException">The Admin API failed; days already done stay done.</exception>
    public async Task<CursorPollRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // 1. Where to start: the watermark less the re-read, or the backfill horizon on the first run.
        var horizon = now.AddDays(-_options.BackfillDays);
        var watermark = await state.GetWatermarkAsync(WatermarkName, cancellationToken);
        var start = watermark is { } mark ? mark.AddHours(-_options.RereadHours) : StartOfDay(horizon);
        if (watermark is null)
        {
            CursorLog.Backfilling(logger, start);
        }

        start = start < horizon ? horizon : start;
        var directory = await people.LoadAsync(cancellationToken);

        // 2. One UTC day at a time: both bounds inclusive to the millisecond, so consecutive windows never overlap.
        var total = new CursorPollRun(0, 0, 0, 0, 0, 0, 0, Completed: true, watermark);
        for (var dayStart = StartOfDay(start); dayStart <= now; dayStart = dayStart.AddDays(1))
        {
            var elapsed = time.GetUtcNow() - now;
            if (total.Days > 0 && elapsed > _options.MaxRunTime)
            {
                CursorLog.StoppedEarly(logger, elapsed, total.Watermark!.Value);
                return total with { Completed = false };
            }

            var from = dayStart < start ? start : dayStart;
            var endOfDay = dayStart.AddDays(1).AddMilliseconds(-1);
            var to = endOfDay < now ? endOfDay : now;
            var day = DateOnly.FromDateTime(dayStart.UtcDateTime);
            var events = await ReadWindowAsync(day, from, to, cancellationToken);
            var result = await ApplyDayAsync(day, events, directory, cancellationToken);

            // 3. The day is in the ledger and on the queue: the next run may start after it (less the re-read).
            await state.SetWatermarkAsync(WatermarkName, to, cancellationToken);
            total = new CursorPollRun(
                total.Days + 1,
                total.Events + events.Count,
                total.New + result.New,
                total.Corrected + result.Corrected,
                total.Unchanged + result.Unchanged,
                total.Republished + result.Republished,
                total.RecordsPublished + result.Published,
                Completed: true,
                to);
        }

        return total;
    }

    private async Task<List<CursorUsageEvent>> ReadWindowAsync(DateOnly day, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<CursorUsageEvent>();
        var outside = 0;
        for (var page = 1; ; page++)
        {
            if (page > MaxPagesPerDay)
            {
                CursorLog.TooManyPages(logger, day, MaxPagesPerDay);
                break;
            }

            var response = await api.GetUsageEventsAsync(from, to, page, _options.PageSize, cancellationToken);
            foreach (var usageEvent in response.UsageEvents ?? [])
            {
                // Counting an event outside the window would count it under the wrong day's ledger, so it waits for its own.
                var at = DateTimeOffset.FromUnixTimeMilliseconds(usageEvent.Timestamp);
                if (at < from || at > to)
                {
                    outside++;
                    continue;
                }

                events.Add(usageEvent);
            }

            if (!response.HasNextPage || (response.UsageEvents?.Count ?? 0) == 0)
            {
                break;
            }
        }

        if (outside > 0)
        {
            CursorLog.OutsideWindow(logger, outside, day);
        }

        return events;
    }

    private async Task<DayResult> ApplyDayAsync(DateOnly day, List<CursorUsageEvent> events, PeopleDirectory directory, CancellationToken cancellationToken)
    {
        // 1. What was published for this day before, and what an interrupted run left pending.
        var known = (await ledger.LoadDayAsync(day, cancellationToken)).ToDictionary(entry => entry.EventKey, StringComparer.Ordinal);
        var changed = new Dictionary<string, CursorLedgerEntry>(StringComparer.Ordinal);
        var republished = 0;
        foreach (var entry in known.Values.Where(entry => entry.Pending))
        {
            changed[entry.EventKey] = entry;
            republished++;
        }

        // 2. Each event against its ledger entry: new, corrected or unchanged.
        int created = 0, corrected = 0, unchanged = 0;
        foreach (var (key, usageEvent) in CursorEventIdentity.Assign(events))
        {
            var record = CursorRecords.FromEvent(key, usageEvent, directory);
            if (!known.TryGetValue(key, out var entry))
            {
                changed[key] = new CursorLedgerEntry(key, 0, record, null, Pending: true);
                created++;
                continue;
            }

            if (CursorRecords.CountsTheSame(entry.Published, record))
            {
                unchanged++;
                continue;
            }

            // A pending entry not yet published is published first (above), then replaced here by the next revision.
            if (entry.Pending)
            {
                await PublishAsync([entry], cancellationToken);
            }

            var revision = entry.Revision + 1;
            changed[key] = new CursorLedgerEntry(key, revision, record with { Id = CursorEventIdentity.RecordId(key, revision) }, entry.Published, Pending: true);
            corrected++;
        }

        // 3. Pending first, then publish, then settled: a crash anywhere leaves the entries pending for the next run.
        var pending = changed.Values.ToList();
        var published = 0;
        if (pending.Count > 0)
        {
            await ledger.SaveAsync(day, pending, cancellationToken);
            published = await PublishAsync(pending, cancellationToken);
            await ledger.SaveAsync(day, [.. pending.Select(entry => entry with { Previous = null, Pending = false })], cancellationToken);
        }

        CursorLog.DayPolled(logger, day, events.Count, created, corrected, unchanged, republished);
        return new DayResult(created, corrected, unchanged, republished, published);
    }

    private async Task<int> PublishAsync(List<CursorLedgerEntry> entries, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>(entries.Count * 2);
        foreach (var entry in entries)
        {
            if (entry.Previous is { } previous)
            {
                records.Add(previous with { Id = CursorEventIdentity.ReversalId(entry.EventKey, entry.Revision), Charge = UsageCharges.Reversal });
            }

            records.Add(entry.Published);
        }

        await sink.PublishManyAsync(records, cancellationToken);
        return records.Count;
    }

    private static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private sealed record DayResult(int New, int Corrected, int Unchanged, int Republished, int Published);
}
