using System.Globalization;
using KeyMeter.Core.Telemetry.Otlp;

namespace KeyMeter.Benchmarks.Telemetry;

/// <summary>
/// One turn of an agent at work as its log export shows it, with the event names, attribute names and value kinds
/// each agent documents: a user prompt, then model calls with tool use between them. Claude Code: <c>user_prompt</c>,
/// <c>api_request</c> (the call), <c>tool_decision</c>, <c>tool_result</c>, named in <c>event.name</c> and the body.
/// Codex CLI: <c>codex.user_prompt</c>, <c>codex.api_request</c>, <c>codex.sse_event</c>s of which
/// <c>response.completed</c> is the call, <c>codex.tool_decision</c>, <c>codex.tool_result</c>. Gemini CLI:
/// <c>gemini_cli.user_prompt</c>, <c>gemini_cli.api_request</c>, <c>gemini_cli.api_response</c> (the call),
/// <c>gemini_cli.tool_call</c>, named in the record's <c>event_name</c> too. Token counts from small to large with
/// prompt caching; models from KeyMeter's price table.
/// </summary>
internal static class AgentTurns
{
    private static readonly string[] ClaudeTools = ["Read", "Edit", "Bash", "Grep", "Glob", "Write"];

    public static Resource Resource(TelemetryExporter exporter)
    {
        var (service, version) = exporter.Agent switch
        {
            AgentKind.ClaudeCode => ("claude-code", "2.0.14"),
            AgentKind.Codex => ("codex_cli_rs", "0.58.0"),
            _ => ("gemini-cli", "0.15.0"),
        };
        var resource = new Resource();
        resource.Attributes.Add([Text("service.name", service), Text("service.version", version), Text("os.type", "linux"), Text("host.arch", "amd64")]);
        return resource;
    }

    public static InstrumentationScope Scope(AgentKind agent) => agent switch
    {
        AgentKind.ClaudeCode => new InstrumentationScope { Name = "com.anthropic.claude_code.events", Version = "2.0.14" },
        AgentKind.Codex => new InstrumentationScope { Name = "codex_otel" },
        _ => new InstrumentationScope { Name = "gemini-cli" },
    };

    /// <summary>Queues the events of one turn on <paramref name="stream"/>.</summary>
    public static void Append(AgentEventStream stream)
    {
        stream.BeginTurn();
        switch (stream.Exporter.Agent)
        {
            case AgentKind.ClaudeCode:
                ClaudeCode(stream);
                break;
            case AgentKind.Codex:
                Codex(stream);
                break;
            default:
                Gemini(stream);
                break;
        }
    }

    private static void ClaudeCode(AgentEventStream s)
    {
        var r = s.Random;
        var prompt = Text("prompt.id", s.NewId());
        Emit(s, "user_prompt", false, prompt, Number("prompt_length", r.Next(20, 2_000)));
        var tools = r.Next(0, 5);
        for (var i = 0; i <= tools; i++)
        {
            var model = r.Next(4) == 0 ? "claude-haiku-4-5-20251001" : "claude-sonnet-4-5-20250929";
            long input = r.Next(1, 2_500), read = r.Next(5_000, 150_000), write = r.Next(3) == 0 ? r.Next(200, 8_000) : 0, output = r.Next(20, 2_500);
            var estimate = ((input * 3) + (read * 0.3) + (write * 3.75) + (output * 15)) / 1e6;
            Emit(s, "api_request", true, prompt, Text("model", model), new KeyValue { Key = "cost_usd", Value = new AnyValue { DoubleValue = estimate } }, Number("duration_ms", r.Next(800, 30_000)),
                Number("input_tokens", input), Number("output_tokens", output), Number("cache_read_tokens", read), Number("cache_creation_tokens", write));
            if (i < tools)
            {
                var tool = ClaudeTools[r.Next(ClaudeTools.Length)];
                Emit(s, "tool_decision", false, prompt, Text("tool_name", tool), Text("decision", "accept"), Text("source", "config"));
                Emit(s, "tool_result", false, prompt, Text("tool_name", tool), Text("success", "true"), Number("duration_ms", r.Next(5, 20_000)));
            }
        }
    }

    private static void Codex(AgentEventStream s)
    {
        var r = s.Random;
        var model = r.Next(5) == 0 ? "gpt-5.1-codex-mini" : "gpt-5-codex";
        KeyValue[] models = [Text("model", model), Text("slug", model)];
        Emit(s, "codex.user_prompt", false, [.. models, Number("prompt_length", r.Next(20, 2_000))]);
        var calls = r.Next(1, 6);
        for (var i = 0; i < calls; i++)
        {
            Emit(s, "codex.api_request", false, [.. models, Number("attempt", 1), Number("duration_ms", r.Next(200, 3_000)), Number("http.response.status_code", 200)]);
            Emit(s, "codex.sse_event", false, [.. models, Text("event.kind", "response.created")]);
            for (var items = r.Next(1, 4); items > 0; items--)
            {
                Emit(s, "codex.sse_event", false, [.. models, Text("event.kind", "response.output_item.done"), Number("duration_ms", r.Next(100, 20_000))]);
            }

            long input = r.Next(8_000, 160_000), output = r.Next(50, 4_000);
            Emit(s, "codex.sse_event", true, [.. models, Text("event.kind", "response.completed"), Number("input_token_count", input), Number("output_token_count", output),
                Number("cached_token_count", input * r.Next(0, 91) / 100), Number("reasoning_token_count", output * r.Next(0, 71) / 100), Number("tool_token_count", 0)]);
            if (i < calls - 1)
            {
                var call = Text("call_id", "call_" + s.NewId().Replace("-", "", StringComparison.Ordinal)[..24]);
                Emit(s, "codex.tool_decision", false, [.. models, Text("tool_name", "shell"), call, Text("decision", "approved"), Text("source", "config")]);
                Emit(s, "codex.tool_result", false, [.. models, Text("tool_name", "shell"), call, Number("duration_ms", r.Next(5, 30_000)), Text("success", "true")]);
            }
        }
    }

    private static void Gemini(AgentEventStream s)
    {
        var r = s.Random;
        var prompt = Text("prompt_id", s.Session + "########" + r.Next(1, 10_000).ToString(CultureInfo.InvariantCulture));
        var auth = Text("auth_type", "gemini-api-key");
        var model = r.Next(4) == 0 ? "gemini-3-pro-preview" : "gemini-2.5-pro";
        Emit(s, "gemini_cli.user_prompt", false, prompt, auth, Number("prompt_length", r.Next(20, 2_000)));
        var calls = r.Next(1, 5);
        for (var i = 0; i < calls; i++)
        {
            Emit(s, "gemini_cli.api_request", false, prompt, Text("model", model));
            long input = r.Next(6_000, 120_000), output = r.Next(30, 3_000), thoughts = r.Next(0, 2_000);
            Emit(s, "gemini_cli.api_response", true, prompt, auth, Text("model", model), Number("status_code", 200), Number("duration_ms", r.Next(500, 40_000)),
                Number("input_token_count", input), Number("output_token_count", output), Number("cached_content_token_count", input * r.Next(0, 81) / 100),
                Number("thoughts_token_count", thoughts), Number("tool_token_count", 0), Number("total_token_count", input + output + thoughts));
            if (i < calls - 1)
            {
                Emit(s, "gemini_cli.tool_call", false, prompt, Text("function_name", "run_shell_command"), Number("duration_ms", r.Next(5, 30_000)), Text("success", "true"), Text("decision", "accept"));
            }
        }
    }

    /// <summary>An event with the attributes the agent puts on every event, then <paramref name="attributes"/>.</summary>
    private static void Emit(AgentEventStream s, string name, bool call, params KeyValue[] attributes)
    {
        var at = s.Tick();
        var exporter = s.Exporter;
        var email = Text("user.email", string.Create(CultureInfo.InvariantCulture, $"dev{exporter.Developer:D2}@example.com"));
        var record = new LogRecord();
        record.Attributes.Add([Text("event.name", name), Text("event.timestamp", at)]);
        switch (exporter.Agent)
        {
            case AgentKind.ClaudeCode:
                record.Body = new AnyValue { StringValue = "claude_code." + name };
                record.Attributes.Add([Text("session.id", s.Session), Text("organization.id", "6c1a0f7e-2b9d-4e3a-9f51-0d8c7b6a5e42"), Text("user.account_uuid", Id("acct", exporter.Developer)),
                    Text("user.id", Id("device", exporter.Index)), email, Text("terminal.type", "vscode"), Text("app.version", "2.0.14")]);
                break;
            case AgentKind.Codex:
                record.Attributes.Add([Text("conversation.id", s.Session), Text("app.version", "0.58.0"), Text("auth_mode", "ApiKey"), Text("originator", "codex_cli_rs"),
                    Text("terminal.type", "iTerm.app"), Text("user.account_id", Id("acct", exporter.Developer)), email]);
                break;
            default:
                record.EventName = name;
                record.Attributes.Add([Text("session.id", s.Session), Text("installation.id", Id("install", exporter.Index)), email]);
                break;
        }

        record.Attributes.Add(attributes);
        s.Add(record, call);
    }

    private static string Id(string kind, int number) => string.Create(CultureInfo.InvariantCulture, $"{kind}-{number:D4}-7d0e4b1a9c2f");

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Number(string key, long value) => new() { Key = key, Value = new AnyValue { IntValue = value } };
}
