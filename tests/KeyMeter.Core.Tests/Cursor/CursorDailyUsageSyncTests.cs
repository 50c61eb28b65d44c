using System.Globalization;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Cursor;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static KeyMeter.Core.Tests.Cursor.CursorTestEvents;

namespace KeyMeter.Core.Tests.Cursor;

public sealed class CursorDailyUsageSyncTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>Each fact name and how far above a row's seed <see cref="Full"/> puts its field.</summary>
    private static readonly (string Name, int Offset)[] Measures =
    [
        (AgentFactNames.LinesAdded, 1),
        (AgentFactNames.LinesRemoved, 2),
        (AgentFactNames.LinesAccepted, 3),
        (AgentFactNames.TabsAccepted, 4),
        (AgentFactNames.AgentRequests, 5),
        (AgentFactNames.ComposerRequests, 6),
        (AgentFactNames.ChatRequests, 7),
        (AgentFactNames.ApiKeyRequests, 8),
    ];

    private readonly FakeCursorAdminApi _api = new();
    private readonly InMemoryAgentFactStore _store = new();
    private readonly RecordingLogger<CursorDailyUsageSync> _logger = new();
    private readonly ManualTimeProvider _time = new(Now);

    private CursorDailyUsageSync Sync(int? days = null) => new(
        _api,
        _store,
        Options.Create(days is { } n ? new CursorOptions { DailyUsageDays = n } : new CursorOptions()),
        _time,
        _logger);

    private static long Ms(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>A row with every measure, each a different number above <paramref name="seed"/>.</summary>
    private static CursorDailyUsage Full(DateOnly day, string? email, int seed) => new()
    {
        UserId = "user_" + seed.ToString(CultureInfo.InvariantCulture),
        Date = Ms(day),
        Day = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Email = email,
        TotalLinesAdded = seed + 1,
        TotalLinesDeleted = seed + 2,
        AcceptedLinesAdded = seed + 3,
        TotalTabsAccepted = seed + 4,
        AgentRequests = seed + 5,
        ComposerRequests = seed + 6,
        ChatRequests = seed + 7,
        ApiKeyReqs = seed + 8,
    };

    [Fact]
    public async Task RunAsync_TwoUsersThreeDays_OneFactPerUserDayAndMeasure()
    {
        for (var back = 0; back < 3; back++)
        {
            _api.DailyUsage.Add(Full(Today.AddDays(-back), "dev@corp.com", 10 * back));
            _api.DailyUsage.Add(Full(Today.AddDays(-back), "Ops@Corp.com", 100 + (10 * back)));
        }

        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(6, run.Rows);
        Assert.Equal(48, run.Facts);
        Assert.Equal(48, _store.All.Count);
        Assert.All(_store.All, fact =>
        {
            Assert.Equal("cursor", fact.Agent);
            Assert.Equal(CursorDailyUsageFacts.Series, fact.Series);
            Assert.Equal("cursor-daily", fact.Series);
            Assert.Equal(AgentFactKind.Amount, fact.Kind);
        });
        Assert.Equal(["dev@corp.com", "ops@corp.com"], _store.All.Select(fact => fact.Developer).Distinct().Order(StringComparer.Ordinal));
        foreach (var (name, offset) in Measures)
        {
            Assert.Equal(offset, _store.Find(Today, "dev@corp.com", name)?.Value);
            Assert.Equal(110 + offset, _store.Find(Today.AddDays(-1), "ops@corp.com", name)?.Value);
            Assert.Equal(20 + offset, _store.Find(Today.AddDays(-2), "dev@corp.com", name)?.Value);
        }
    }

    [Fact]
    public async Task RunAsync_DefaultDays_ReadsFromTheStartOfTheDayBeforeYesterdayToNow()
    {
        var run = await Sync().RunAsync(CancellationToken.None);

        var call = Assert.Single(_api.DailyUsageCalls);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), call.Start);
        Assert.Equal(Now, call.End);
        Assert.Equal(new DateOnly(2026, 11, 20), run.From);
        Assert.Equal(Today, run.To);
    }

    [Fact]
    public async Task RunAsync_ThirtyDays_StaysInsideTheThirtyDaysOneCallMayAsk()
    {
        await Sync(days: 30).RunAsync(CancellationToken.None);

        var call = Assert.Single(_api.DailyUsageCalls);
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 0, 0, 0, TimeSpan.Zero), call.Start);
        Assert.True(call.End - call.Start <= TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task RunAsync_MissingFields_OnlyTheReportedMeasuresStoredAndAReportedZeroKept()
    {
        _api.DailyUsage.Add(new CursorDailyUsage { Date = Ms(Today), Email = "dev@corp.com", TotalLinesAdded = 0, ApiKeyReqs = 7 });

        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(2, run.Facts);
        Assert.Equal(0m, _store.Find(Today, "dev@corp.com", AgentFactNames.LinesAdded)?.Value);
        Assert.Equal(7m, _store.Find(Today, "dev@corp.com", AgentFactNames.ApiKeyRequests)?.Value);
        Assert.Null(_store.Find(Today, "dev@corp.com", AgentFactNames.ChatRequests));
        Assert.Null(_store.Find(Today, "dev@corp.com", AgentFactNames.LinesRemoved));
    }

    [Fact]
    public async Task RunAsync_RowsWithoutEmail_SkippedAndCountedInOneWarningWithoutAnyEmail()
    {
        _api.DailyUsage.AddRange([Full(Today, null, 1), Full(Today, "  ", 2), Full(Today, "dev@corp.com", 3)]);

        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(2, run.WithoutEmail);
        Assert.Equal(8, run.Facts);
        Assert.All(_store.All, fact => Assert.Equal("dev@corp.com", fact.Developer));
        var warning = Assert.Single(_logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Equal(7102, warning.EventId);
        Assert.Contains("2 row(s)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logger.Entries, entry => entry.Message.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DayOnlyAsText_StoredUnderThatDay()
    {
        _api.DailyUsage.Add(new CursorDailyUsage { Day = "2026-11-21", Email = "dev@corp.com", AgentRequests = 4 });

        await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(4m, _store.Find(new DateOnly(2026, 11, 21), "dev@corp.com", AgentFactNames.AgentRequests)?.Value);
    }

    [Fact]
    public async Task RunAsync_RowWithoutADayOrOutsideTheRange_SkippedAndCounted()
    {
        _api.DailyUsage.AddRange(
        [
            new CursorDailyUsage { Email = "dev@corp.com", AgentRequests = 1 },
            Full(Today.AddDays(-10), "dev@corp.com", 0),
            Full(Today.AddDays(1), "dev@corp.com", 0),
            new CursorDailyUsage { Date = long.MaxValue, Email = "dev@corp.com", AgentRequests = 1 },
            Full(Today, "dev@corp.com", 0),
        ]);

        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(4, run.WithoutDay);
        Assert.Equal(8, run.Facts);
        Assert.All(_store.All, fact => Assert.Equal(Today, fact.Day));
        Assert.Contains(_logger.Entries, entry => entry.EventId == 7103 && entry.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task RunAsync_DayCorrectedByTheNextRun_FactReplacedNotAdded()
    {
        var yesterday = Today.AddDays(-1);
        _api.DailyUsage.Add(Full(yesterday, "dev@corp.com", 0));
        await Sync().RunAsync(CancellationToken.None);

        _api.DailyUsage[0] = new CursorDailyUsage { Date = Ms(yesterday), Email = "DEV@corp.com", TotalLinesAdded = 50, ApiKeyReqs = 9 };
        _time.Advance(TimeSpan.FromDays(1));
        await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(8, _store.All.Count);
        Assert.Equal(50m, _store.Find(yesterday, "dev@corp.com", AgentFactNames.LinesAdded)?.Value);
        Assert.Equal(9m, _store.Find(yesterday, "dev@corp.com", AgentFactNames.ApiKeyRequests)?.Value);
    }

    [Fact]
    public async Task RunAsync_TwoAccountsUnderOneEmail_Summed()
    {
        _api.DailyUsage.AddRange([Full(Today, "Dev@corp.com", 0), Full(Today, "dev@corp.com", 10)]);

        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(8, run.Facts);
        Assert.Equal(1m + 11m, _store.Find(Today, "dev@corp.com", AgentFactNames.LinesAdded)?.Value);
        Assert.Equal(8m + 18m, _store.Find(Today, "dev@corp.com", AgentFactNames.ApiKeyRequests)?.Value);
    }

    [Fact]
    public async Task RunAsync_NoRows_NothingWrittenAndTheRunLogged()
    {
        var run = await Sync().RunAsync(CancellationToken.None);

        Assert.Equal(0, run.Facts);
        Assert.Equal(0, _store.Puts);
        Assert.Contains(_logger.Entries, entry => entry.EventId == 7101);
    }

    [Fact]
    public async Task RunAsync_AdminApiFails_NothingWritten()
    {
        _api.DailyUsage.Add(Full(Today, "dev@corp.com", 0));
        _api.Failure = new CursorApiException(CursorApiFailure.RateLimited, 429, "rate limited");

        await Assert.ThrowsAsync<CursorApiException>(() => Sync().RunAsync(CancellationToken.None));

        Assert.Equal(0, _store.Puts);
        Assert.Empty(_store.All);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Validate_DailyUsageDays_OneToThirty(int days, bool fails)
    {
        var result = new CursorOptionsValidator().Validate(null, new CursorOptions { DailyUsageDays = days });

        Assert.Equal(fails, result.Failed);
        if (fails)
        {
            Assert.Contains(nameof(CursorOptions.DailyUsageDays), result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CursorOptions_DailyUsageDays_DefaultsToThree() => Assert.Equal(3, new CursorOptions().DailyUsageDays);
}
