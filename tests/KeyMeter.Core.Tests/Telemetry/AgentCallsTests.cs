using System.Text;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Telemetry;
using KeyMeter.Testing;

namespace KeyMeter.Core.Tests.Telemetry;

public sealed class AgentCallsTests
{
    private static List<AgentCall> Calls(OtlpLogsBatch batch)
    {
        var calls = new List<AgentCall>();
        foreach (var telemetry in batch.Events)
        {
            if (AgentCalls.Read(telemetry, out var call, out _) == AgentCallReading.Call)
            {
                calls.Add(call!);
            }
        }

        return calls;
    }

    private static OtlpLogsBatch Json(string json) => OtlpLogsDecoder.Decode(Encoding.UTF8.GetBytes(json), OtlpEncoding.Json);

    [Fact]
    public void Read_ClaudeCode_AnthropicBucketsSessionAndTheAgentsEstimate()
    {
        var call = Assert.Single(Calls(Json(AgentExports.ClaudeCodeJson())));

        Assert.Equal((UsageSources.ClaudeCode, "anthropic", "claude-sonnet-4-5-20250929"), (call.Source, call.PriceProvider, call.Model));
        Assert.Equal(new TokenUsage(1200, 30000, 2000, 0, 350, 0), call.Tokens);
        Assert.Equal(("sess-1", "prompt-7", 0.0123m), (call.SessionId, call.PromptId, call.AgentCostUsd));
    }

    [Fact]
    public void Read_CodexCompletedResponse_CachedOutOfInputAndReasoningInsideOutput()
    {
        var call = Assert.Single(Calls(Json(AgentExports.CodexJson())));

        Assert.Equal((UsageSources.Codex, "openai", "gpt-5-codex", "conv-9"), (call.Source, call.PriceProvider, call.Model, call.SessionId));
        Assert.Equal(new TokenUsage(1000, 4000, 0, 0, 800, 300), call.Tokens);
    }

    [Fact]
    public void Read_Gemini_CachedOutOfInputAndThoughtsBilledAsOutput()
    {
        var call = Assert.Single(Calls(OtlpLogsDecoder.Decode(AgentExports.GeminiProtobuf(), OtlpEncoding.Protobuf)));

        Assert.Equal((UsageSources.GeminiCli, "google", "gemini-2.5-pro", "gem-session", "gem-prompt-1"), (call.Source, call.PriceProvider, call.Model, call.SessionId, call.PromptId));
        Assert.Equal(new TokenUsage(4000, 6000, 0, 0, 1200, 700), call.Tokens);
    }

    [Fact]
    public void Read_SameEventTwice_SameFingerprint_AnotherCallAnother()
    {
        var first = Assert.Single(Calls(Json(AgentExports.ClaudeCodeJson())));
        var again = Assert.Single(Calls(Json(AgentExports.ClaudeCodeJson())));
        var other = Assert.Single(Calls(Json(AgentExports.ClaudeCodeJson(output: 351))));

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void Read_CallWithoutModel_RejectedWithTheReason()
    {
        var batch = Json("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","eventName":"gemini_cli.api_response","attributes":[{"key":"input_token_count","value":{"intValue":"1"}},{"key":"output_token_count","value":{"intValue":"1"}}]}]}]}]}""");

        Assert.Equal(AgentCallReading.Rejected, AgentCalls.Read(Assert.Single(batch.Events), out var call, out var rejection));
        Assert.Null(call);
        Assert.Contains("model", rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherEvents_NotCalls()
    {
        var batch = Json(AgentExports.ClaudeCodeJson());

        Assert.Equal(AgentCallReading.NotACall, AgentCalls.Read(batch.Events[0], out _, out _));
    }
}
