using KeyMeter.Core.Agents;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Tests.Reports;

namespace KeyMeter.Core.Tests.Agents;

public sealed class CodingAgentsTests
{
    [Theory]
    [InlineData("claude-cli/2.1.90 (external, cli)", CodingAgents.ClaudeCode)]
    [InlineData("Mozilla/5.0 Cursor/1.7.2 Chrome/132", CodingAgents.Cursor)]
    [InlineData("codex_cli_rs/0.50.0 (Ubuntu 24.4.0; x86_64) xterm-256color", CodingAgents.Codex)]
    [InlineData("GeminiCLI/0.9.0 (linux; x64)", CodingAgents.GeminiCli)]
    [InlineData("OpenAI/Python 1.99.1", CodingAgents.Other)]
    [InlineData("", CodingAgents.Other)]
    [InlineData(null, CodingAgents.Other)]
    public void FromUserAgent_NamesTheAgent(string? userAgent, string expected)
    {
        Assert.Equal(expected, CodingAgents.FromUserAgent(userAgent));
    }

    [Theory]
    [InlineData(UsageSources.Proxy, CodingAgents.Other)]
    [InlineData(UsageSources.Cursor, CodingAgents.Cursor)]
    [InlineData(UsageSources.ClaudeCode, CodingAgents.ClaudeCode)]
    [InlineData(UsageSources.Codex, CodingAgents.Codex)]
    [InlineData(UsageSources.GeminiCli, CodingAgents.GeminiCli)]
    public void Of_RecordWithoutAgent_IsTheSourcesAgent(string source, string expected)
    {
        Assert.Equal(expected, CodingAgents.Of(ReportFixtures.Record("2026-12-01", source: source)));
    }

    [Fact]
    public void Of_RecordWithAgent_IsItsOwn()
    {
        Assert.Equal(CodingAgents.ClaudeCode, CodingAgents.Of(ReportFixtures.Record("2026-12-01") with { Agent = CodingAgents.ClaudeCode }));
    }

    [Fact]
    public void Check_UnknownAgentOrMalformedSession_Refused()
    {
        var record = ReportFixtures.Record("2026-12-01");

        Assert.Null(Core.Aggregation.UsageRecordReader.Check(record with { Agent = CodingAgents.Codex, SessionId = "abc-1" }));
        Assert.Contains("agent", Core.Aggregation.UsageRecordReader.Check(record with { Agent = "vim" }), StringComparison.Ordinal);
        Assert.Contains("sessionId", Core.Aggregation.UsageRecordReader.Check(record with { SessionId = "a\u001fb" }), StringComparison.Ordinal);
    }
}
