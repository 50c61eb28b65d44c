using System.Text;
using KeyMeter.Core.Agents;
using KeyMeter.Core.Telemetry;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Telemetry;

public sealed class AgentMetricsTests
{
    private const string Developer = "dev@example.com";

    private static List<AgentFact> Facts(OtlpMetricsBatch batch, out int rejected)
    {
        Assert.Null(batch.Error);
        var facts = new List<AgentFact>();
        rejected = 0;
        foreach (var point in batch.Points)
        {
            switch (AgentMetrics.Read(point, Developer, out var fact, out _))
            {
                case AgentMetricReading.Fact:
                    facts.Add(fact!);
                    break;
                case AgentMetricReading.Rejected:
                    rejected++;
                    break;
            }
        }

        return facts;
    }

    [Fact]
    public void ClaudeCodeJson_LinesCommitsActiveTimeAndCostAsFactsOfTheDeveloper()
    {
        var batch = OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson()), OtlpEncoding.Json);

        var facts = Facts(batch, out var rejected);

        Assert.Equal(0, rejected);
        Assert.Equal(6, batch.Points.Count); // the histogram is skipped; session.count is read but not kept
        Assert.Equal(
            [(AgentFactNames.LinesAdded, 120m), (AgentFactNames.LinesRemoved, 30m), (AgentFactNames.Commits, 1m), (AgentFactNames.ActiveSeconds, 95.5m), (AgentFactNames.ReportedCostUsd, 0.0123m)],
            facts.Select(fact => (fact.Name, fact.Value)));
        Assert.All(facts, fact => Assert.Equal((Developer, CodingAgents.ClaudeCode, AgentFactKind.Amount, new DateOnly(2025, 12, 3)), (fact.Developer, fact.Agent, fact.Kind, fact.Day)));
        Assert.Equal(facts.Count, facts.Select(fact => fact.Series).Distinct().Count());
    }

    [Fact]
    public void SameExportTwice_SameSeries_NextDeltaANewOne()
    {
        var once = Facts(OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson()), OtlpEncoding.Json), out _);
        var again = Facts(OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson()), OtlpEncoding.Json), out _);
        var next = Facts(OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(AgentExports.ClaudeCodeMetricsJson(start: AgentExports.Time, time: "1764752460000000000")), OtlpEncoding.Json), out _);

        Assert.Equal(once.Select(fact => fact.Series), again.Select(fact => fact.Series));
        Assert.Empty(once.Select(fact => fact.Series).Intersect(next.Select(fact => fact.Series)));
    }

    [Fact]
    public void GeminiProtobufCumulative_OneSeriesWhateverThePointsTime()
    {
        var first = Facts(OtlpMetricsDecoder.Decode(AgentExports.GeminiMetricsProtobuf(40), OtlpEncoding.Protobuf), out _);
        var later = Facts(OtlpMetricsDecoder.Decode(AgentExports.GeminiMetricsProtobuf(75, time: "1764752460000000000"), OtlpEncoding.Protobuf), out _);

        var fact = Assert.Single(first);
        Assert.Equal((CodingAgents.GeminiCli, AgentFactNames.LinesAdded, 40m, AgentFactKind.Cumulative), (fact.Agent, fact.Name, fact.Value, fact.Kind));
        Assert.Equal(fact.Series, Assert.Single(later).Series);
    }

    [Theory]
    [InlineData("\"asInt\":\"-5\"")]
    [InlineData("\"asDouble\":\"NaN\"")]
    [InlineData("\"flags\":1")]
    public void KeptMetricWithoutAUsableValue_Rejected(string value)
    {
        var json = $$$"""
            {"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"claude_code.commit.count","sum":{"aggregationTemporality":1,"dataPoints":[
              {"timeUnixNano":"{{{AgentExports.Time}}}",{{{value}}}}]}}]}]}]}
            """;

        Facts(OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json), out var rejected);

        Assert.Equal(1, rejected);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"resourceMetrics\":{}}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"sum\":{\"dataPoints\":[{\"asInt\":\"ten\"}]}}]}]}]}")]
    [InlineData("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"gauge\":{\"dataPoints\":[{\"timeUnixNano\":\"soon\"}]}}]}]}]}")]
    public void UnreadablePayload_ErrorAndNoPoints(string json)
    {
        var batch = OtlpMetricsDecoder.Decode(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json);

        Assert.NotNull(batch.Error);
        Assert.Empty(batch.Points);
    }

    [Fact]
    public void GarbageProtobuf_Error()
    {
        Assert.NotNull(OtlpMetricsDecoder.Decode(new byte[] { 0x0a, 0xff, 0xff, 0xff }, OtlpEncoding.Protobuf).Error);
    }
}
