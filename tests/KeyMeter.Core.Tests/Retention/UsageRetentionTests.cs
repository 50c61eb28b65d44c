using System.Globalization;
using KeyMeter.Core.Retention;
using KeyMeter.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Tests.Retention;

public sealed class UsageRetentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (UsageRetention Retention, InMemoryRetentionStore Store, ManualTimeProvider Clock) Create(
        string today,
        RetentionOptions? options = null)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.Parse(today + "T03:30:00Z", CultureInfo.InvariantCulture));
        var store = new InMemoryRetentionStore(clock);
        var retention = new UsageRetention(store, Options.Create(options ?? new RetentionOptions()), clock, NullLogger<UsageRetention>.Instance);
        return (retention, store, clock);
    }

    private static void AddMarkers(InMemoryRetentionStore store, string partition, string countedOn, int count)
    {
        for (var i = 0; i < count; i++)
        {
            store.AddMarker(partition, $"px_{countedOn}_{i:D3}", countedOn);
        }
    }

    [Fact]
    public async Task RunAsync_DefaultWindows_RemovesExactlyTheRowsPastTheirCutoffs()
    {
        // Today 2026-03-10: markers counted before 2026-02-24 go, daily rows before 2025-02-03 go, 2025-01 goes whole.
        var (retention, store, _) = Create("2026-03-10");
        store.AddMonthly("2025-01");
        store.AddDaily("2025-01-31");
        store.AddMarker("2025-01", "jan", "2025-01-31");
        store.AddMonthly("2025-02");
        store.AddDaily("2025-02-02");
        store.AddDaily("2025-02-03");
        store.AddMarker("2025-02", "feb", "2025-02-03");
        store.AddMonthly("2026-02");
        store.AddDaily("2026-02-01");
        store.AddMarker("2026-02", "old", "2026-02-23");
        store.AddMarker("2026-02", "edge", "2026-02-24");
        store.AddMarker("2026-02", "late", "2026-03-01");
        store.AddMonthly("2026-03");
        store.AddMarker("2026-03", "new", "2026-03-09");

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(3, 2, 1, Completed: true), run);
        Assert.Empty(store.Rows("2025-01"));
        Assert.Equal(["d|2025-02-03|org|0", "m|key|0"], store.Rows("2025-02"));
        Assert.Equal(["d|2026-02-01|org|0", "m|key|0", "r|edge", "r|late"], store.Rows("2026-02"));
        Assert.Equal(["m|key|0", "r|new"], store.Rows("2026-03"));
    }

    [Fact]
    public async Task RunAsync_MarkerCutoffInPreviousYear_RemovesOnlyMarkersBeforeIt()
    {
        // Today 2026-01-05 with 14 days: the cutoff is 2025-12-22.
        var (retention, store, _) = Create("2026-01-05");
        store.AddMonthly("2025-12");
        store.AddMarker("2025-12", "before", "2025-12-21");
        store.AddMarker("2025-12", "on", "2025-12-22");
        store.AddMonthly("2026-01");
        store.AddMarker("2026-01", "new", "2026-01-01");

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(1, 0, 0, Completed: true), run);
        Assert.Equal(["m|key|0", "r|on"], store.Rows("2025-12"));
        Assert.Equal(["m|key|0", "r|new"], store.Rows("2026-01"));
    }

    [Fact]
    public async Task RunAsync_AggregateCutoffOnFirstOfMonth_RemovesThePreviousMonthWholeAcrossTheYear()
    {
        // Today 2026-02-01 with 31 days: the cutoff is 2026-01-01, so December 2025 ended before it.
        var (retention, store, _) = Create("2026-02-01", new RetentionOptions { AggregateDays = 31 });
        store.AddMonthly("2025-12");
        store.AddMonthly("2025-12", bucket: 1);
        store.AddDaily("2025-12-31");
        store.AddMarker("2025-12", "dec", "2025-12-31");
        store.AddMonthly("2026-01");
        store.AddDaily("2026-01-01");

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(1, 1, 1, Completed: true), run);
        Assert.Empty(store.Rows("2025-12"));
        Assert.Equal(["d|2026-01-01|org|0", "m|key|0"], store.Rows("2026-01"));
    }

    [Fact]
    public async Task RunAsync_AggregateCutoffOnLeapDay_KeepsThatMonthsRollupsAndLastDay()
    {
        // Today 2024-03-31 with 31 days: the cutoff is 2024-02-29; February holds it, January ended before it.
        var (retention, store, _) = Create("2024-03-31", new RetentionOptions { AggregateDays = 31 });
        store.AddMonthly("2024-01");
        store.AddDaily("2024-01-31");
        store.AddMonthly("2024-02");
        store.AddDaily("2024-02-28");
        store.AddDaily("2024-02-28", bucket: 1);
        store.AddDaily("2024-02-29");

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(0, 3, 1, Completed: true), run);
        Assert.Empty(store.Rows("2024-01"));
        Assert.Equal(["d|2024-02-29|org|0", "m|key|0"], store.Rows("2024-02"));
    }

    [Fact]
    public async Task RunAsync_ManyOldMarkers_DeletesInBatchesOfBatchSize()
    {
        var (retention, store, _) = Create("2026-03-10");
        store.AddMonthly("2026-02");
        AddMarkers(store, "2026-02", "2026-02-01", 250);

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(250, 0, 0, Completed: true), run);
        Assert.Equal([100, 100, 50], store.DeleteSizes);
        Assert.Equal(["m|key|0"], store.Rows("2026-02"));
    }

    [Fact]
    public async Task RunAsync_MaxRunTimeUsedUp_StopsBetweenBatchesAndLaterRunsFinish()
    {
        // Every storage call takes a minute of the 4 allowed: each run gets two read-and-delete batches in.
        var (retention, store, _) = Create("2026-03-10", new RetentionOptions { BatchSize = 10 });
        store.TimePerCall = TimeSpan.FromMinutes(1);
        store.AddMonthly("2026-02");
        AddMarkers(store, "2026-02", "2026-02-01", 45);
        AddMarkers(store, "2026-02", "2026-03-01", 2);

        var first = await retention.RunAsync(None);
        var second = await retention.RunAsync(None);
        var third = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(20, 0, 0, Completed: false), first);
        Assert.Equal(new RetentionRun(20, 0, 0, Completed: false), second);
        Assert.Equal(new RetentionRun(5, 0, 0, Completed: true), third);
        Assert.Equal(["m|key|0", "r|px_2026-03-01_000", "r|px_2026-03-01_001"], store.Rows("2026-02"));
    }

    [Fact]
    public async Task RunAsync_StoppedWhileRemovingPartition_KeepsItsMonthlyRowsSoANextRunFinishesIt()
    {
        var (retention, store, _) = Create("2026-03-10", new RetentionOptions { BatchSize = 10 });
        store.TimePerCall = TimeSpan.FromMinutes(1);
        store.AddMonthly("2024-06", bucket: 0);
        store.AddMonthly("2024-06", bucket: 1);
        store.AddMonthly("2024-06", bucket: 2);
        for (var day = 1; day <= 10; day++)
        {
            store.AddDaily($"2024-06-{day:D2}");
        }

        AddMarkers(store, "2024-06", "2024-06-10", 30);

        var first = await retention.RunAsync(None);

        Assert.False(first.Completed);
        Assert.Equal(0, first.PartitionsRemoved);
        Assert.Equal(["m|key|0", "m|key|1", "m|key|2"], store.Rows("2024-06").Where(row => row.StartsWith("m|", StringComparison.Ordinal)));
        Assert.Contains("2024-06", await store.ListPartitionsAsync(None));
        var runs = new List<RetentionRun> { first };
        while (!runs[^1].Completed)
        {
            Assert.True(runs.Count < 10, "retention made no progress");
            runs.Add(await retention.RunAsync(None));
        }

        Assert.Empty(store.Rows("2024-06"));
        Assert.Equal(30, runs.Sum(run => run.MarkersDeleted));
        Assert.Equal(10, runs.Sum(run => run.DailyRowsDeleted));
        Assert.Equal(1, runs[^1].PartitionsRemoved);
    }

    [Fact]
    public async Task RunAsync_CancelledBetweenBatches_ReturnsIncompleteAndTheNextRunFinishes()
    {
        var (retention, store, _) = Create("2026-03-10", new RetentionOptions { BatchSize = 10 });
        store.AddMonthly("2026-02");
        AddMarkers(store, "2026-02", "2026-02-01", 45);
        using var cancellation = new CancellationTokenSource();
        store.AfterCall = calls =>
        {
            // List, read, delete: cancelled once the first batch is deleted.
            if (calls == 3)
            {
                cancellation.Cancel();
            }
        };

        var first = await retention.RunAsync(cancellation.Token);
        store.AfterCall = null;
        var second = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(10, 0, 0, Completed: false), first);
        Assert.Equal(new RetentionRun(35, 0, 0, Completed: true), second);
        Assert.Equal(["m|key|0"], store.Rows("2026-02"));
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ReturnsIncompleteAndDeletesNothing()
    {
        var (retention, store, _) = Create("2026-03-10");
        store.AddMonthly("2026-02");
        AddMarkers(store, "2026-02", "2026-02-01", 3);

        var run = await retention.RunAsync(new CancellationToken(canceled: true));

        Assert.Equal(new RetentionRun(0, 0, 0, Completed: false), run);
        Assert.Equal(4, store.Rows("2026-02").Count);
    }

    [Fact]
    public async Task RunAsync_PartitionNotAMonth_LeavesItAlone()
    {
        var (retention, store, _) = Create("2026-03-10");
        store.AddMonthly("legacy");
        store.AddMarker("legacy", "old", "2020-01-01");

        var run = await retention.RunAsync(None);

        Assert.Equal(new RetentionRun(0, 0, 0, Completed: true), run);
        Assert.Equal(["m|key|0", "r|old"], store.Rows("legacy"));
    }
}
