using KeyMeter.Core.Agents;

namespace KeyMeter.Core.Tests.Agents;

public sealed class AgentFactKeysTests
{
    private static readonly DateOnly March7 = new(2026, 3, 7);

    private static AgentFact Fact(string developer = "dev@corp.com", string agent = "cursor", string name = AgentFactNames.LinesAdded, string series = "cursor-daily", DateOnly? day = null) =>
        new(day ?? March7, developer, agent, name, series, 1m, AgentFactKind.Amount);

    [Fact]
    public void Partition_Day_UtcMonth()
    {
        Assert.Equal("2026-03", AgentFactKeys.Partition(March7));
        Assert.Equal("2026-12", AgentFactKeys.Partition(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void Partitions_AcrossTheYearEnd_EveryMonthOnceInOrder()
    {
        Assert.Equal(["2026-11", "2026-12", "2027-01"], AgentFactKeys.Partitions(new DateOnly(2026, 11, 30), new DateOnly(2027, 1, 2)));
        Assert.Equal(["2026-03"], AgentFactKeys.Partitions(March7, March7));
    }

    [Fact]
    public void Partitions_ToBeforeFrom_None()
    {
        Assert.Empty(AgentFactKeys.Partitions(March7, March7.AddDays(-2)));
    }

    [Fact]
    public void Row_PlainFact_DayThenDeveloperAgentNameSeries()
    {
        Assert.Equal("2026-03-07|dev@corp.com|cursor|lines_added|cursor-daily", AgentFactKeys.Row(Fact()));
    }

    [Fact]
    public void Row_CharactersTableStorageForbidsAndTheSeparator_Escaped()
    {
        var row = AgentFactKeys.Row(Fact(developer: "a/b\\c#d?e|f\u0001g%h@x.com"));

        Assert.Equal("2026-03-07|a%2Fb%5Cc%23d%3Fe%7Cf%01g%25h@x.com|cursor|lines_added|cursor-daily", row);
        Assert.DoesNotContain(row, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Row_SeparatorMovedBetweenParts_DifferentRows()
    {
        Assert.NotEqual(AgentFactKeys.Row(Fact(developer: "a|b", agent: "c")), AgentFactKeys.Row(Fact(developer: "a", agent: "b|c")));
        Assert.NotEqual(AgentFactKeys.Row(Fact(name: "x", series: "y|z")), AgentFactKeys.Row(Fact(name: "x|y", series: "z")));
    }

    [Fact]
    public void Row_SameFactOtherValueOrKind_SameRow()
    {
        var fact = Fact();

        Assert.Equal(AgentFactKeys.Row(fact), AgentFactKeys.Row(fact with { Value = 99m, Kind = AgentFactKind.Cumulative }));
        Assert.NotEqual(AgentFactKeys.Row(fact), AgentFactKeys.Row(fact with { Series = "other" }));
        Assert.NotEqual(AgentFactKeys.Row(fact), AgentFactKeys.Row(fact with { Day = March7.AddDays(1) }));
    }

    [Fact]
    public void Row_LongerThanAKeyMayBe_DayKeptRestDigested()
    {
        var first = AgentFactKeys.Row(Fact(series: new string('s', 600)));
        var second = AgentFactKeys.Row(Fact(series: new string('s', 599) + "t"));

        Assert.StartsWith("2026-03-07|h:", first, StringComparison.Ordinal);
        Assert.True(first.Length <= AgentFactKeys.MaxRowLength);
        Assert.NotEqual(first, second);
        Assert.Equal(first, AgentFactKeys.Row(Fact(series: new string('s', 600))));
    }

    [Fact]
    public void Row_EscapingPushesPastTheLimit_Digested()
    {
        // 200 characters that escape to three each: 600, over the limit although the raw text is not.
        var row = AgentFactKeys.Row(Fact(developer: new string('/', 200)));

        Assert.StartsWith("2026-03-07|h:", row, StringComparison.Ordinal);
        Assert.True(row.Length <= AgentFactKeys.MaxRowLength);
    }

    [Fact]
    public void RowFrom_Day_BoundsEveryRowOfTheDay()
    {
        var rows = new[] { Fact(developer: "!"), Fact(developer: "~~~"), Fact(series: new string('s', 600)) }.Select(AgentFactKeys.Row);

        Assert.All(rows, row =>
        {
            Assert.True(string.CompareOrdinal(AgentFactKeys.RowFrom(March7), row) <= 0);
            Assert.True(string.CompareOrdinal(row, AgentFactKeys.RowFrom(March7.AddDays(1))) < 0);
        });
    }

    [Theory]
    [InlineData("", "cursor", "n", "s")]
    [InlineData("d", "", "n", "s")]
    [InlineData("d", "cursor", "", "s")]
    [InlineData("d", "cursor", "n", "")]
    public void Row_EmptyPart_Throws(string developer, string agent, string name, string series)
    {
        Assert.Throws<ArgumentException>(() => AgentFactKeys.Row(Fact(developer, agent, name, series)));
    }
}
