using Google.Protobuf;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Testing;

/// <summary>
/// OTLP logs payloads shaped like the agents' own exports (resource attributes, event names, attribute names and value
/// kinds as Claude Code, Codex CLI and Gemini CLI send them), in JSON and in protobuf.
/// </summary>
internal static class AgentExports
{
    public const string Time = "1764752400000000000"; // 2025-12-03T09:00:00Z

    /// <summary>An OTLP time (nanoseconds since the Unix epoch, as text) for <paramref name="at"/>.</summary>
    public static string NanosOf(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() * 1_000_000L).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Claude Code's <c>api_request</c> event, with a prompt event beside it that carries prompt text.</summary>
    public static string ClaudeCodeJson(string sessionId = "sess-1", long input = 1200, long output = 350, string time = Time) => $$$"""
        {"resourceLogs":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"claude-code"}},
            {"key":"service.version","value":{"stringValue":"2.0.14"}}]},
          "scopeLogs":[{"scope":{"name":"com.anthropic.claude_code.events","version":"2.0.14"},"logRecords":[
            {"timeUnixNano":"{{{time}}}","observedTimeUnixNano":"{{{time}}}","body":{"stringValue":"claude_code.user_prompt"},"attributes":[
              {"key":"event.name","value":{"stringValue":"user_prompt"}},
              {"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},
              {"key":"prompt","value":{"stringValue":"refactor the payment module please"}}]},
            {"timeUnixNano":"{{{time}}}","observedTimeUnixNano":"{{{time}}}","body":{"stringValue":"claude_code.api_request"},"attributes":[
              {"key":"event.name","value":{"stringValue":"api_request"}},
              {"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},
              {"key":"prompt.id","value":{"stringValue":"prompt-7"}},
              {"key":"user.email","value":{"stringValue":"someone.else@example.com"}},
              {"key":"model","value":{"stringValue":"claude-sonnet-4-5-20250929"}},
              {"key":"cost_usd","value":{"doubleValue":0.0123}},
              {"key":"duration_ms","value":{"intValue":"4210"}},
              {"key":"input_tokens","value":{"intValue":"{{{input}}}"}},
              {"key":"output_tokens","value":{"intValue":"{{{output}}}"}},
              {"key":"cache_read_tokens","value":{"intValue":"30000"}},
              {"key":"cache_creation_tokens","value":{"intValue":"2000"}}]}]}]}]}
        """;

    public static string CodexJson() => $$$"""
        {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"codex_cli_rs"}}]},
          "scopeLogs":[{"logRecords":[
            {"timeUnixNano":"{{{Time}}}","attributes":[
              {"key":"event.name","value":{"stringValue":"codex.sse_event"}},
              {"key":"event.kind","value":{"stringValue":"response.output_text.delta"}},
              {"key":"conversation.id","value":{"stringValue":"conv-9"}}]},
            {"timeUnixNano":"{{{Time}}}","attributes":[
              {"key":"event.name","value":{"stringValue":"codex.sse_event"}},
              {"key":"event.kind","value":{"stringValue":"response.completed"}},
              {"key":"conversation.id","value":{"stringValue":"conv-9"}},
              {"key":"model","value":{"stringValue":"gpt-5-codex"}},
              {"key":"input_token_count","value":{"intValue":"5000"}},
              {"key":"output_token_count","value":{"intValue":"800"}},
              {"key":"cached_token_count","value":{"intValue":"4000"}},
              {"key":"reasoning_token_count","value":{"intValue":"300"}},
              {"key":"tool_token_count","value":{"intValue":"0"}}]}]}]}]}
        """;

    /// <summary>Gemini CLI's <c>api_response</c> event, in protobuf, with its counts as integers.</summary>
    public static byte[] GeminiProtobuf(string time = Time)
    {
        var record = new LogRecord { TimeUnixNano = ulong.Parse(time, System.Globalization.CultureInfo.InvariantCulture), EventName = "gemini_cli.api_response" };
        record.Attributes.Add(Text("session.id", "gem-session"));
        record.Attributes.Add(Text("prompt_id", "gem-prompt-1"));
        record.Attributes.Add(Text("model", "gemini-2.5-pro"));
        record.Attributes.Add(Number("input_token_count", 10_000));
        record.Attributes.Add(Number("output_token_count", 500));
        record.Attributes.Add(Number("cached_content_token_count", 6_000));
        record.Attributes.Add(Number("thoughts_token_count", 700));
        record.Attributes.Add(Number("total_token_count", 11_200));
        var resource = new Resource();
        resource.Attributes.Add(Text("service.name", "gemini-cli"));
        var scope = new ScopeLogs();
        scope.LogRecords.Add(record);
        var logs = new ResourceLogs { Resource = resource };
        logs.ScopeLogs.Add(scope);
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(logs);
        return request.ToByteArray();
    }

    /// <summary>
    /// Claude Code's metric export with delta temporality (its default): lines of code added and removed, a commit,
    /// active time and its own cost estimate, every point carrying the session; plus a metric KeyMeter does not keep.
    /// </summary>
    public static string ClaudeCodeMetricsJson(string sessionId = "sess-1", long added = 120, long removed = 30, string start = Time, string time = Time) => $$$"""
        {"resourceMetrics":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"claude-code"}},
            {"key":"service.version","value":{"stringValue":"2.0.14"}}]},
          "scopeMetrics":[{"scope":{"name":"com.anthropic.claude_code","version":"2.0.14"},"metrics":[
            {"name":"claude_code.lines_of_code.count","unit":"count","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asInt":"{{{added}}}","attributes":[
                {"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},{"key":"type","value":{"stringValue":"added"}}]},
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asInt":"{{{removed}}}","attributes":[
                {"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},{"key":"type","value":{"stringValue":"removed"}}]}]}},
            {"name":"claude_code.commit.count","unit":"count","sum":{"aggregationTemporality":"AGGREGATION_TEMPORALITY_DELTA","isMonotonic":true,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asInt":"1","attributes":[{"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}}]}]}},
            {"name":"claude_code.active_time.total","unit":"s","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asDouble":95.5,"attributes":[{"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}}]}]}},
            {"name":"claude_code.cost.usage","unit":"USD","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asDouble":0.0123,"attributes":[
                {"key":"session.id","value":{"stringValue":"{{{sessionId}}}"}},{"key":"model","value":{"stringValue":"claude-sonnet-4-5-20250929"}}]}]}},
            {"name":"claude_code.session.count","unit":"count","sum":{"aggregationTemporality":1,"isMonotonic":true,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","asInt":"1"}]}},
            {"name":"claude_code.api_latency","unit":"ms","histogram":{"aggregationTemporality":1,"dataPoints":[
              {"startTimeUnixNano":"{{{start}}}","timeUnixNano":"{{{time}}}","count":"2","sum":900}]}}]}]}]}
        """;

    /// <summary>Gemini CLI's lines-changed counter, cumulative, in protobuf: a running total since <paramref name="start"/>.</summary>
    public static byte[] GeminiMetricsProtobuf(long added, string start = Time, string time = Time)
    {
        var point = new NumberDataPoint
        {
            StartTimeUnixNano = ulong.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            TimeUnixNano = ulong.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
            AsInt = added,
        };
        point.Attributes.Add(Text("session.id", "gem-session"));
        point.Attributes.Add(Text("type", "added"));
        var sum = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true };
        sum.DataPoints.Add(point);
        var scope = new ScopeMetrics();
        scope.Metrics.Add(new Metric { Name = "gemini_cli.lines.changed", Unit = "1", Sum = sum });
        var resource = new Resource();
        resource.Attributes.Add(Text("service.name", "gemini-cli"));
        var metrics = new ResourceMetrics { Resource = resource };
        metrics.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(metrics);
        return request.ToByteArray();
    }

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Number(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };
}
