using KeyMeter.Core.Digests;
using KeyMeter.Core.Notifications;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static KeyMeter.Core.Tests.Reports.ReportFixtures;

namespace KeyMeter.Core.Tests.Digests;

public sealed class DigestRunnerTests
{
    private readonly DigestFixtures _fixtures = new();
    private readonly InMemoryDigestStateStore _state = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));

    private DigestRunner Runner(INotificationDispatcher dispatcher) => new(
        _fixtures.Builder(), dispatcher, _state, Options.Create(_fixtures.Options), Options.Create(new NotificationOptions()), _time, NullLogger<DigestRunner>.Instance);

    [Fact]
    public async Task Run_FirstRun_SendsOnlyTheNewestPeriod()
    {
        var dispatcher = new ScriptedDispatcher();

        var run = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Equal(["digest|daily|2026-12-02"], dispatcher.Dispatched);
        Assert.Equal(Day("2026-12-02"), _state.Watermarks[DigestKind.Daily]);
        Assert.Null(run.Failed);
        Assert.Single(run.Sent);
    }

    [Fact]
    public async Task Run_SameDayAgain_SendsNothing()
    {
        var dispatcher = new ScriptedDispatcher();
        await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        var again = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Empty(again.Sent);
        Assert.Single(dispatcher.Dispatched);
    }

    [Fact]
    public async Task Run_AfterMissedDays_CatchesUpOldestFirst()
    {
        _state.Watermarks[DigestKind.Daily] = Day("2026-11-29");
        var dispatcher = new ScriptedDispatcher();

        var run = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Equal(["digest|daily|2026-11-30", "digest|daily|2026-12-01", "digest|daily|2026-12-02"], dispatcher.Dispatched);
        Assert.Equal(3, run.Sent.Count);
        Assert.Equal(Day("2026-12-02"), _state.Watermarks[DigestKind.Daily]);
    }

    [Fact]
    public async Task Run_WatermarkOlderThanCatchUp_SkipsWhatIsTooOld()
    {
        _state.Watermarks[DigestKind.Daily] = Day("2026-10-01");
        _fixtures.Options.MaxCatchUpDays = 2;
        var dispatcher = new ScriptedDispatcher();

        await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Equal(["digest|daily|2026-12-01", "digest|daily|2026-12-02"], dispatcher.Dispatched);
    }

    [Fact]
    public async Task Run_SendFails_WatermarkStaysAndTheNextRunSendsIt()
    {
        _state.Watermarks[DigestKind.Daily] = Day("2026-11-30");
        var dispatcher = new ScriptedDispatcher(ChannelSendStatus.Sent, ChannelSendStatus.TransientFailure, ChannelSendStatus.Sent);

        var first = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Equal(["digest|daily|2026-12-01", "digest|daily|2026-12-02"], dispatcher.Dispatched);
        Assert.Equal(Day("2026-12-02"), first.Failed?.From);
        Assert.Equal(Day("2026-12-01"), _state.Watermarks[DigestKind.Daily]);

        _time.Advance(TimeSpan.FromDays(1));
        var next = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Equal(["digest|daily|2026-12-02", "digest|daily|2026-12-03"], next.Sent.Select(period => period.Id));
        Assert.Null(next.Failed);
        Assert.Equal(Day("2026-12-03"), _state.Watermarks[DigestKind.Daily]);
    }

    [Fact]
    public async Task Run_PermanentFailure_DoesNotHoldTheWatermark()
    {
        var dispatcher = new ScriptedDispatcher(ChannelSendStatus.PermanentFailure);

        var run = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.Null(run.Failed);
        Assert.Equal(Day("2026-12-02"), _state.Watermarks[DigestKind.Daily]);
    }

    [Fact]
    public async Task Run_NoChannelConfigured_PassesThePeriodOverAndSaysSo()
    {
        var dispatcher = new ScriptedDispatcher(ChannelSendStatus.NotConfigured);

        var run = await Runner(dispatcher).RunAsync(DigestKind.Daily, CancellationToken.None);

        Assert.True(run.NothingConfigured);
        Assert.Equal(Day("2026-12-02"), _state.Watermarks[DigestKind.Daily]);
    }

    [Fact]
    public async Task Run_Weekly_SendsLastMondayToSunday()
    {
        var dispatcher = new ScriptedDispatcher();

        await Runner(dispatcher).RunAsync(DigestKind.Weekly, CancellationToken.None);

        Assert.Equal(["digest|weekly|2026-11-23"], dispatcher.Dispatched);
        Assert.Equal(Day("2026-11-23"), _state.Watermarks[DigestKind.Weekly]);
        Assert.False(_state.Watermarks.ContainsKey(DigestKind.Daily));
    }
}
