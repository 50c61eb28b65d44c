using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Metering;
using KeyMeter.Core.People;
using KeyMeter.Core.Tests.Aggregation;
using KeyMeter.Core.Tests.Keys;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static KeyMeter.Core.Tests.Cursor.CursorTestEvents;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorUsagePollerTests
{
    private readonly FakeCursorAdminApi _api = new();
    private readonly InMemoryCursorLedger _ledger = new();
    private readonly InMemoryCursorState _state = new();
    private readonly CollectingUsageSink _sink = new();
    private readonly ManualTimeProvider _time = new(Now);
    private readonly InMemoryAggregateStore _aggregates = new();

    private CursorUsagePoller Poller(CursorOptions? options = null) => new(
        _api,
        _ledger,
        _state,
        _sink,
        new PeopleDirectoryLoader(new InMemoryKeyStore(), new InMemoryTeamMappingStore()),
        Options.Create(options ?? new CursorOptions { PageSize = 7 }),
        _time,
        NullLogger<CursorUsagePoller>.Instance);

    private async Task AggregateEverythingPublishedAsync()
    {
        var aggregator = new UsageAggregator(_aggregates, _time, NullLogger<UsageAggregator>.Instance);
        await aggregator.AggregateAsync(_sink.Records, CancellationToken.None);
    }

    private AggregateCounters OrganisationTotal() => _aggregates.Rows()
        .Where(row => row.RowKey == AggregateKeys.MonthlyRow(AggregateDimension.Organisation, 0))
        .SelectMany(row => row.Entries.Values)
        .Aggregate(AggregateCounters.Zero, (sum, counters) => sum.Add(counters));

    private static decimal ChargedUsd(IEnumerable<CursorUsageEvent> events) => events.Sum(e => e.ChargedCents ?? 0m) / 100m;

    [Fact]
    public async Task RunAsync_TwoPollsOverOverlappingWindows_AggregatesEqualSumOfChargedCents()
    {
        _api.Events.AddRange(Mixed());

        var first = await Poller().RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        var second = await Poller().RunAsync(CancellationToken.None);
        await AggregateEverythingPublishedAsync();
        await AggregateEverythingPublishedAsync();

        var total = OrganisationTotal();
        Assert.Equal(ChargedUsd(_api.Events), total.CostUsd + total.CursorFeeUsd);
        Assert.Equal(_api.Events.Count, total.Requests);
        Assert.Equal(62, first.New);
        Assert.Equal(0, second.New + second.Corrected);
        Assert.True(second.Unchanged > 0, "the second poll re-read the last 48 hours");
        Assert.Equal(62, _sink.Records.Count);
    }

    [Fact]
    public async Task RunAsync_CostCorrectedUpstream_AggregatesMoveByTheDifferenceOnce()
    {
        _api.Events.AddRange(Mixed());
        await Poller().RunAsync(CancellationToken.None);
        var index = _api.Events.FindIndex(e => e.Timestamp > Now.AddHours(-20).ToUnixTimeMilliseconds() && e.Kind == "Usage-based");
        _api.Events[index] = Corrected(_api.Events[index], charged: 99.999m, fee: 2.5m);

        _time.Advance(TimeSpan.FromHours(1));
        var second = await Poller().RunAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        var third = await Poller().RunAsync(CancellationToken.None);
        await AggregateEverythingPublishedAsync();
        await AggregateEverythingPublishedAsync();

        var total = OrganisationTotal();
        Assert.Equal(1, second.Corrected);
        Assert.Equal(0, third.Corrected + third.New);
        Assert.Equal(ChargedUsd(_api.Events), total.CostUsd + total.CursorFeeUsd);
        Assert.Equal(_api.Events.Count, total.Requests);
        var reversal = Assert.Single(_sink.Records, record => record.Charge == UsageCharges.Reversal);
        Assert.EndsWith("_1r", reversal.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CorrectedTwice_EachCorrectionReplacesThePrevious()
    {
        _api.Events.Add(Event(Now.AddHours(-3), charged: 10m, fee: 1m));
        await Poller().RunAsync(CancellationToken.None);
        foreach (var charged in new[] { 12m, 11.5m })
        {
            _api.Events[0] = Corrected(_api.Events[0], charged, 1m);
            _time.Advance(TimeSpan.FromHours(1));
            await Poller().RunAsync(CancellationToken.None);
        }

        await AggregateEverythingPublishedAsync();

        var total = OrganisationTotal();
        Assert.Equal(0.115m, total.CostUsd + total.CursorFeeUsd);
        Assert.Equal(1, total.Requests);
        Assert.Equal(2, _ledger.All.Single().Revision);
    }

    [Fact]
    public async Task RunAsync_PublishFailsAfterLedgerMarkedPending_NextRunPublishesSameIdsAndCountsOnce()
    {
        _api.Events.AddRange(Mixed());
        _sink.FailNext = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Poller().RunAsync(CancellationToken.None));
        Assert.Contains(_ledger.All, entry => entry.Pending);
        Assert.True(_state.Watermarks[CursorUsagePoller.WatermarkName] < DateTimeOffset.FromUnixTimeMilliseconds(_api.Events.Min(e => e.Timestamp)));

        var retry = await Poller().RunAsync(CancellationToken.None);
        await AggregateEverythingPublishedAsync();

        Assert.True(retry.Republished > 0);
        Assert.DoesNotContain(_ledger.All, entry => entry.Pending);
        var total = OrganisationTotal();
        Assert.Equal(ChargedUsd(_api.Events), total.CostUsd + total.CursorFeeUsd);
        Assert.Equal(_api.Events.Count, total.Requests);
    }

    [Fact]
    public async Task RunAsync_FirstRun_BackfillsWholeDaysWithInclusiveBoundsAndSetsWatermark()
    {
        var run = await Poller(new CursorOptions { BackfillDays = 3 }).RunAsync(CancellationToken.None);

        var windows = _api.EventCalls.Select(call => (call.Start, call.End)).Distinct().ToList();
        Assert.Equal(4, windows.Count);
        Assert.Equal(Now.AddDays(-3), windows[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 23, 59, 59, 999, TimeSpan.Zero), windows[0].End);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), windows[1].Start);
        Assert.Equal(Now, windows[^1].End);
        Assert.Equal(Now, _state.Watermarks[CursorUsagePoller.WatermarkName]);
        Assert.True(run.Completed);
    }

    [Fact]
    public async Task RunAsync_LaterRun_StartsRereadHoursBeforeWatermark()
    {
        _state.Watermarks[CursorUsagePoller.WatermarkName] = Now.AddHours(-1);

        await Poller(new CursorOptions { RereadHours = 48 }).RunAsync(CancellationToken.None);

        Assert.Equal(Now.AddHours(-49), _api.EventCalls[0].Start);
    }

    [Fact]
    public async Task RunAsync_ManyPages_ReadsEveryPageOfTheDay()
    {
        for (var i = 0; i < 25; i++)
        {
            _api.Events.Add(Event(Now.AddHours(-2).AddSeconds(i), email: $"p{i}@corp.com"));
        }

        var run = await Poller(new CursorOptions { PageSize = 10, BackfillDays = 1 }).RunAsync(CancellationToken.None);

        Assert.Equal(25, run.New);
        Assert.Equal([1, 2, 3], _api.EventCalls.Where(call => call.End == Now).Select(call => call.Page));
        Assert.All(_api.EventCalls, call => Assert.Equal(10, call.PageSize));
    }

    [Fact]
    public async Task RunAsync_AdminApiRejectsKey_ThrowsAndWritesNothing()
    {
        _api.Events.AddRange(Mixed());
        _api.Failure = new CursorApiException(CursorApiFailure.Rejected, 401, "Cursor rejected the Admin API key.");

        var failure = await Assert.ThrowsAsync<CursorApiException>(() => Poller().RunAsync(CancellationToken.None));

        Assert.Equal(CursorApiFailure.Rejected, failure.Failure);
        Assert.Empty(_ledger.Days);
        Assert.Empty(_state.Watermarks);
        Assert.Empty(_sink.Records);
    }

    [Fact]
    public async Task RunAsync_TimeLimitReached_StopsBetweenDaysAndNextRunContinues()
    {
        _api.Events.AddRange(Mixed());
        var options = new CursorOptions { BackfillDays = 5, RereadHours = 1, MaxRunTime = TimeSpan.FromSeconds(20), PageSize = 1000 };
        var api = new SlowApi(_api, _time);
        var poller = new CursorUsagePoller(api, _ledger, _state, _sink, new PeopleDirectoryLoader(new InMemoryKeyStore(), new InMemoryTeamMappingStore()), Options.Create(options), _time, NullLogger<CursorUsagePoller>.Instance);

        var first = await poller.RunAsync(CancellationToken.None);
        var second = await poller.RunAsync(CancellationToken.None);
        await AggregateEverythingPublishedAsync();

        Assert.False(first.Completed);
        Assert.Equal(4, first.Days);
        Assert.True(second.Completed);
        var total = OrganisationTotal();
        Assert.Equal(ChargedUsd(_api.Events), total.CostUsd + total.CursorFeeUsd);
    }

    /// <summary>Every call takes six seconds of the manual clock.</summary>
    private sealed class SlowApi(FakeCursorAdminApi inner, ManualTimeProvider time) : ICursorAdminApi
    {
        public Task<CursorUsageEventsPage> GetUsageEventsAsync(DateTimeOffset start, DateTimeOffset end, int page, int pageSize, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            return inner.GetUsageEventsAsync(start, end, page, pageSize, cancellationToken);
        }

        public Task<IReadOnlyList<CursorMember>> GetMembersAsync(CancellationToken cancellationToken) => inner.GetMembersAsync(cancellationToken);

        public Task<CursorSpendPage> GetSpendAsync(int page, int pageSize, CancellationToken cancellationToken) => inner.GetSpendAsync(page, pageSize, cancellationToken);

        public Task<IReadOnlyList<CursorDailyUsage>> GetDailyUsageAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
            inner.GetDailyUsageAsync(start, end, cancellationToken);
    }
}
