using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using KeyMeter.Adapters.Cursor;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Cursor;
using KeyMeter.Core.Metering;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Cursor;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableCursorLedgerTests
{
    private static readonly DateOnly March7 = new(2026, 3, 7);
    private static readonly DateOnly March8 = new(2026, 3, 8);

    private readonly BatchCounter _batches = new();
    private readonly TableProvider _tables;

    public TableCursorLedgerTests(AzuriteFixture azurite)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_batches, HttpPipelinePosition.PerCall);
        var service = TableServiceClient.FromConnectionString(azurite.Azurite.ConnectionString, options);
        _tables = new TableProvider(service, "t" + Guid.NewGuid().ToString("N")[..12]);
    }

    private TableCursorLedger Ledger() => new(_tables);

    private static UsageRecord Record(string id, decimal costUsd, string? charge = null) =>
        new(
            id,
            UsageSources.Cursor,
            new DateTimeOffset(2026, 3, 7, 10, 15, 30, 123, TimeSpan.Zero),
            "key_0123456789abcdef0123",
            "alice@example.com",
            new Dictionary<string, string> { ["team"] = "platform", ["project"] = "a/b#c" },
            "anthropic",
            "claude-sonnet-4",
            ApiFormat.AnthropicMessages,
            new TokenUsage(1200, 300, 40, 0, 512, 64),
            costUsd,
            0.0125m,
            "2026-03-01",
            Unpriced: false,
            Estimated: true,
            Streamed: true,
            200,
            "ok",
            1834)
        { Charge = charge };

    private static string Json(UsageRecord? record) =>
        record is null ? "null" : JsonSerializer.Serialize(record, UsageRecordJsonContext.Default.UsageRecord);

    private static CursorLedgerEntry Entry(string key, int revision = 0, bool pending = false, UsageRecord? previous = null) =>
        new(key, revision, Record(CursorEventIdentity.RecordId(key, revision), 0.4321987m), previous, pending);

    [Fact]
    public async Task SaveAsync_EntryWithPreviousPendingAndReversal_LoadDayAsyncReturnsItUnchanged()
    {
        var previous = Record("cu_e1", 0.1m, UsageCharges.Reversal);
        var entry = Entry("e1", revision: 1, pending: true, previous: previous);

        await Ledger().SaveAsync(March7, [entry], CancellationToken.None);
        var loaded = Assert.Single(await Ledger().LoadDayAsync(March7, CancellationToken.None));

        Assert.Equal("e1", loaded.EventKey);
        Assert.Equal(1, loaded.Revision);
        Assert.True(loaded.Pending);
        Assert.Equal(Json(entry.Published), Json(loaded.Published));
        Assert.Equal(Json(previous), Json(loaded.Previous));
        Assert.Equal(UsageCharges.Reversal, loaded.Previous!.Charge);
        Assert.Null(loaded.Published.Charge);
        Assert.Equal("a/b#c", loaded.Published.Tags["project"]);
        Assert.Equal(0.4321987m, loaded.Published.CostUsd);
    }

    [Fact]
    public async Task SaveAsync_EntryWithoutPrevious_NoPreviousPropertyStored()
    {
        await Ledger().SaveAsync(March7, [Entry("e1")], CancellationToken.None);

        var table = await _tables.GetAsync(CursorTableKeys.LedgerTable, CancellationToken.None);
        var row = (await table.GetAsync("2026-03-07", "e1", CancellationToken.None)).Value!;
        Assert.False(row.Properties.ContainsKey(TableCursorLedger.PreviousProperty));
        Assert.Equal(0, row.GetInt32(TableCursorLedger.RevisionProperty));
        Assert.False(row.GetBoolean(TableCursorLedger.PendingProperty));
        Assert.Contains("\"id\":\"cu_e1\"", row.GetString(TableCursorLedger.PublishedProperty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_PendingEntryThenSettled_ReplacesRowAndDropsPrevious()
    {
        await Ledger().SaveAsync(March7, [Entry("e1", 1, pending: true, previous: Record("cu_e1", 0.1m))], CancellationToken.None);

        await Ledger().SaveAsync(March7, [Entry("e1", 1)], CancellationToken.None);

        var loaded = Assert.Single(await Ledger().LoadDayAsync(March7, CancellationToken.None));
        Assert.False(loaded.Pending);
        Assert.Null(loaded.Previous);
    }

    [Fact]
    public async Task LoadDayAsync_EntriesOnTwoDays_ReturnsOnlyThatDay()
    {
        await Ledger().SaveAsync(March7, [Entry("a"), Entry("b")], CancellationToken.None);
        await Ledger().SaveAsync(March8, [Entry("c")], CancellationToken.None);

        var loaded = await Ledger().LoadDayAsync(March7, CancellationToken.None);

        Assert.Equal(["a", "b"], loaded.Select(entry => entry.EventKey).Order(StringComparer.Ordinal));
        Assert.Empty(await Ledger().LoadDayAsync(new DateOnly(2026, 3, 9), CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_250EntriesInOneDay_ThreeTransactionsAndAllLoaded()
    {
        var entries = Enumerable.Range(0, 250).Select(i => Entry($"event{i:D3}")).ToList();

        await Ledger().SaveAsync(March7, entries, CancellationToken.None);

        Assert.Equal(3, _batches.Count);
        var loaded = await Ledger().LoadDayAsync(March7, CancellationToken.None);
        Assert.Equal(entries.Select(entry => entry.EventKey), loaded.Select(entry => entry.EventKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SaveAsync_EventKeyWithForbiddenCharacters_RoundTrips()
    {
        await Ledger().SaveAsync(March7, [Entry("a/b#c?d\\e")], CancellationToken.None);

        Assert.Equal("a/b#c?d\\e", Assert.Single(await Ledger().LoadDayAsync(March7, CancellationToken.None)).EventKey);
    }

    [Fact]
    public async Task SaveAsync_RecordOver64KiB_ThrowsAndWritesNothing()
    {
        var huge = Record("cu_big", 1m) with { Model = new string('m', 40_000) };
        var entries = new[] { Entry("small"), new CursorLedgerEntry("big", 0, huge, null, false) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Ledger().SaveAsync(March7, entries, CancellationToken.None));

        Assert.Contains("'big'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _batches.Count);
    }

    [Fact]
    public async Task SaveAsync_SameEventTwice_ThrowsAndWritesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Ledger().SaveAsync(March7, [Entry("a"), Entry("a", 1)], CancellationToken.None));

        Assert.Equal(0, _batches.Count);
    }

    /// <summary>Counts the <c>$batch</c> requests sent (each entity-group transaction is one).</summary>
    private sealed class BatchCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
