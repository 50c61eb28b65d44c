using System.Globalization;
using KeyMeter.Adapters.Agents;
using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Agents;
using KeyMeter.Testing;

namespace KeyMeter.Adapters.Tests.Agents;

[Collection(AzuriteCollectionDefinition.Name)]
public sealed class TableAgentFactStoreTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly March31 = new(2026, 3, 31);
    private static readonly DateOnly April1 = new(2026, 4, 1);

    private readonly TableProvider _tables = new(azurite.Service, "t" + Guid.NewGuid().ToString("N")[..12]);

    private TableAgentFactStore Store() => new(_tables);

    private static AgentFact Fact(DateOnly day, decimal value, string developer = "dev@corp.com", string name = AgentFactNames.LinesAdded, string series = "cursor-daily", string agent = "cursor") =>
        new(day, developer, agent, name, series, value, AgentFactKind.Amount);

    private async Task<List<TableEntity>> RowsAsync()
    {
        var table = await _tables.GetAsync(AgentFactKeys.TableName, None);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync(new TableQuery(), None))
        {
            rows.Add(entity);
        }

        return rows;
    }

    [Fact]
    public async Task LoadAsync_RangeAcrossAMonthEnd_EveryFactOfTheRangeAndNoOther()
    {
        AgentFact[] facts =
        [
            Fact(March31.AddDays(-2), 1m),
            Fact(March31.AddDays(-1), 2m),
            Fact(March31, 3m),
            Fact(March31, 4m, name: AgentFactNames.ApiKeyRequests),
            Fact(April1, 5m, developer: "ops@corp.com"),
            Fact(April1.AddDays(1), 6m),
            Fact(April1.AddDays(2), 7m),
        ];
        await Store().PutAsync(facts, None);

        var loaded = await Store().LoadAsync(March31.AddDays(-1), April1.AddDays(1), None);

        Assert.Equal([2m, 3m, 4m, 5m, 6m], loaded.Select(fact => fact.Value).Order());
        Assert.Equal(facts[1..6].OrderBy(fact => fact.Value), loaded.OrderBy(fact => fact.Value));
        Assert.Equal(["2026-03", "2026-04"], (await RowsAsync()).Select(row => row.PartitionKey).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LoadAsync_OneDay_OnlyThatDay()
    {
        await Store().PutAsync([Fact(March31, 1m), Fact(April1, 2m), Fact(new DateOnly(2026, 5, 1), 3m)], None);

        var loaded = await Store().LoadAsync(April1, April1, None);

        Assert.Equal(2m, Assert.Single(loaded).Value);
    }

    [Fact]
    public async Task LoadAsync_ToBeforeFrom_Empty()
    {
        await Store().PutAsync([Fact(March31, 1m)], None);

        Assert.Empty(await Store().LoadAsync(March31, March31.AddDays(-1), None));
    }

    [Fact]
    public async Task PutAsync_SameFactAgain_ReplacedNotAdded()
    {
        await Store().PutAsync([Fact(March31, 10m), Fact(March31, 1m, name: AgentFactNames.ChatRequests)], None);

        await Store().PutAsync([Fact(March31, 12m) with { Kind = AgentFactKind.Cumulative }], None);

        var loaded = await Store().LoadAsync(March31, March31, None);
        Assert.Equal(2, loaded.Count);
        var replaced = Assert.Single(loaded, fact => fact.Name == AgentFactNames.LinesAdded);
        Assert.Equal(12m, replaced.Value);
        Assert.Equal(AgentFactKind.Cumulative, replaced.Kind);
        Assert.Equal(2, (await RowsAsync()).Count);
    }

    [Fact]
    public async Task PutAsync_OtherSeriesOrAgent_KeptSideBySide()
    {
        await Store().PutAsync([Fact(March31, 1m), Fact(March31, 2m, series: "other"), Fact(March31, 3m, agent: "claude-code")], None);

        Assert.Equal(3, (await Store().LoadAsync(March31, March31, None)).Count);
    }

    [Fact]
    public async Task PutAsync_AwkwardCharactersInEveryPart_ValidKeysAndReadBackAsWritten()
    {
        AgentFact[] facts =
        [
            Fact(March31, 1m, developer: "a/b\\c#d?e|f\u0001g%h'@x.com", series: "s/1|2#3?4\\5\u007f"),
            Fact(March31, 2m, developer: "a", agent: "b|c"),
            Fact(March31, 3m, developer: "a|b", agent: "c"),
            Fact(March31, 4m, series: new string('/', 300)),
            Fact(March31, 5m, series: new string('x', 2000)),
        ];

        await Store().PutAsync(facts, None);

        var loaded = await Store().LoadAsync(March31, March31, None);
        Assert.Equal(facts.OrderBy(fact => fact.Value), loaded.OrderBy(fact => fact.Value));
        Assert.All(await RowsAsync(), row => Assert.True(row.RowKey.Length <= AgentFactKeys.MaxRowLength));
    }

    [Fact]
    public async Task PutAsync_Decimals_StoredAsInvariantTextAndReadBackExactly()
    {
        decimal[] values = [0.000000000001m, decimal.MaxValue, -1.5m, 250.50m, 0m, 1234567.1234567890123m];
        var facts = values.Select((value, i) => Fact(March31, value, name: "n" + i.ToString(CultureInfo.InvariantCulture))).ToList();

        await Store().PutAsync(facts, None);

        var loaded = (await Store().LoadAsync(March31, March31, None)).ToDictionary(fact => fact.Name, fact => fact.Value);
        for (var i = 0; i < values.Length; i++)
        {
            // Text, so the scale survives too: 250.50 stays 250.50.
            Assert.Equal(values[i].ToString(CultureInfo.InvariantCulture), loaded["n" + i.ToString(CultureInfo.InvariantCulture)].ToString(CultureInfo.InvariantCulture));
        }

        var row = Assert.Single(await RowsAsync(), row => row.GetString(TableAgentFactStore.NameProperty) == "n3");
        Assert.Equal("250.50", row.GetString(TableAgentFactStore.ValueProperty));
    }

    [Fact]
    public async Task PutAsync_MoreThanOneTransactionPerPartitionAndARepeatedFact_AllStoredLastWins()
    {
        var facts = Enumerable.Range(0, 250).Select(i => Fact(March31, i, developer: $"dev{i:D3}@corp.com"))
            .Concat(Enumerable.Range(0, 120).Select(i => Fact(April1, i, developer: $"dev{i:D3}@corp.com")))
            .Append(Fact(March31, 999m, developer: "dev007@corp.com"))
            .ToList();

        await Store().PutAsync(facts, None);

        var loaded = await Store().LoadAsync(March31, April1, None);
        Assert.Equal(370, loaded.Count);
        Assert.Equal(999m, Assert.Single(loaded, fact => fact.Day == March31 && fact.Developer == "dev007@corp.com").Value);
    }

    [Fact]
    public async Task PutAsync_Nothing_NothingStored()
    {
        await Store().PutAsync([], None);

        Assert.Empty(await Store().LoadAsync(March31, April1, None));
    }
}
