namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>Response bodies shaped like the real OpenAI and Anthropic APIs (documented fields, realistic ids).</summary>
internal static class FakeProviderResponses
{
    public const string ChatModel = "gpt-5-2025-08-07";
    public const string AnthropicModel = "claude-sonnet-4-5-20250929";

    /// <summary>prompt 1,200 of which 1,000 cached; completion 300 of which 100 reasoning.</summary>
    public const string ChatUsage = """{"prompt_tokens":1200,"completion_tokens":300,"total_tokens":1500,"prompt_tokens_details":{"cached_tokens":1000,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":100,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";

    public static string ChatCompletion(string text) => $$$"""
        {"id":"chatcmpl-fake1","object":"chat.completion","created":1763800000,"model":"{{{ChatModel}}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{{{ChatUsage}}},"service_tier":"default","system_fingerprint":null}
        """;

    public static string ChatCompletionWithUsage(string text, long promptTokens, long completionTokens) => $$$"""
        {"id":"chatcmpl-fake2","object":"chat.completion","created":1763800000,"model":"{{{ChatModel}}}","choices":[{"index":0,"message":{"role":"assistant","content":"{{{text}}}","refusal":null},"logprobs":null,"finish_reason":"length"}],"usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}}}}
        """;

    public static IEnumerable<string> ChatChunks(IReadOnlyList<string> pieces, bool includeUsage)
    {
        const string head = $$$"""{"id":"chatcmpl-fake1","object":"chat.completion.chunk","created":1763800000,"model":"{{{ChatModel}}}","service_tier":"default","system_fingerprint":null,""";
        var usage = includeUsage ? ",\"usage\":null" : string.Empty;
        yield return $"data: {head}\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}},\"logprobs\":null,\"finish_reason\":null}}]{usage}}}\n\n";
        foreach (var piece in pieces)
        {
            yield return $"data: {head}\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{piece}\"}},\"logprobs\":null,\"finish_reason\":null}}]{usage}}}\n\n";
        }

        yield return $"data: {head}\"choices\":[{{\"index\":0,\"delta\":{{}},\"logprobs\":null,\"finish_reason\":\"stop\"}}]{usage}}}\n\n";
        if (includeUsage)
        {
            yield return $"data: {head}\"choices\":[],\"usage\":{ChatUsage}}}\n\n";
        }

        yield return "data: [DONE]\n\n";
    }

    /// <summary>input 50, cache read 10,000, cache write 2,000 (1,500 for 5 minutes, 500 for 1 hour), output 20.</summary>
    public const string AnthropicUsage = """{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,"cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},"output_tokens":20,"service_tier":"standard"}""";

    public static string AnthropicMessage(string text) => $$$"""
        {"id":"msg_fake1","type":"message","role":"assistant","model":"{{{AnthropicModel}}}","content":[{"type":"text","text":"{{{text}}}"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{{{AnthropicUsage}}}}
        """;

    public static IEnumerable<string> AnthropicEvents(IReadOnlyList<string> pieces)
    {
        const string startUsage = """{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,"cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},"output_tokens":1,"service_tier":"standard"}""";
        yield return $$$"""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_fake1","type":"message","role":"assistant","model":"{{{AnthropicModel}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{{{startUsage}}}}}


            """;
        yield return "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
        yield return "event: ping\ndata: {\"type\": \"ping\"}\n\n";
        foreach (var piece in pieces)
        {
            yield return $"event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":\"{piece}\"}}}}\n\n";
        }

        yield return "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
        yield return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":12}}\n\n";
        yield return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}\n\n";
        yield return "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }

    public const string ResponsesUsage = """{"input_tokens":900,"input_tokens_details":{"cached_tokens":400},"output_tokens":250,"output_tokens_details":{"reasoning_tokens":50},"total_tokens":1150}""";

    public static string Response(string text) => $$$"""
        {"id":"resp_fake1","object":"response","created_at":1763800000,"status":"completed","model":"{{{ChatModel}}}","output":[{"type":"message","id":"msg_fake1","status":"completed","role":"assistant","content":[{"type":"output_text","text":"{{{text}}}","annotations":[]}]}],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"usage":{{{ResponsesUsage}}}}
        """;

    public static IEnumerable<string> ResponseEvents(IReadOnlyList<string> pieces)
    {
        const string created = $$$"""{"id":"resp_fake1","object":"response","created_at":1763800000,"status":"in_progress","model":"{{{ChatModel}}}","output":[]}""";
        yield return $"event: response.created\ndata: {{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{created}}}\n\n";
        yield return "event: response.output_item.added\ndata: {\"type\":\"response.output_item.added\",\"sequence_number\":1,\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_fake1\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}\n\n";
        var sequence = 2;
        foreach (var piece in pieces)
        {
            yield return $"event: response.output_text.delta\ndata: {{\"type\":\"response.output_text.delta\",\"sequence_number\":{sequence++},\"item_id\":\"msg_fake1\",\"output_index\":0,\"content_index\":0,\"delta\":\"{piece}\"}}\n\n";
        }

        var completed = Response(string.Concat(pieces)).Trim();
        yield return $"event: response.completed\ndata: {{\"type\":\"response.completed\",\"sequence_number\":{sequence},\"response\":{completed}}}\n\n";
    }

    public const string AnthropicRateLimited = """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit."},"request_id":"req_fake"}""";

    /// <summary>Two parallel tool calls (Paris, Oslo) after a line of text; usage as <see cref="AnthropicUsage"/>.</summary>
    public const string AnthropicToolUse = $$$"""
        {"id":"msg_fake2","type":"message","role":"assistant","model":"{{{AnthropicModel}}}","content":[{"type":"text","text":"Checking both."},{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"toolu_02","name":"get_weather","input":{"city":"Oslo"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{{{AnthropicUsage}}}}
        """;

    /// <summary><see cref="AnthropicToolUse"/> as a stream: each tool's input arrives in pieces of JSON.</summary>
    public static IEnumerable<string> AnthropicToolUseEvents()
    {
        const string start = """{"type":"message_start","message":{"id":"msg_fake2","type":"message","role":"assistant","model":"MODEL","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":50,"cache_creation_input_tokens":2000,"cache_read_input_tokens":10000,"cache_creation":{"ephemeral_5m_input_tokens":1500,"ephemeral_1h_input_tokens":500},"output_tokens":1}}}""";
        yield return "event: message_start\ndata: " + start.Replace("MODEL", AnthropicModel, StringComparison.Ordinal) + "\n\n";
        var index = 0;
        foreach (var (id, city) in new[] { ("toolu_01", "Paris"), ("toolu_02", "Oslo") })
        {
            yield return "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{}}}\n\n";
            foreach (var piece in new[] { "{\\\"city\\\": ", "\\\"" + city + "\\\"}" })
            {
                yield return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + piece + "\"}}\n\n";
            }

            yield return "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":" + index + "}\n\n";
            index++;
        }

        yield return "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}\n\n";
        yield return "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    }

    public const string OpenAIRateLimited = """{"error":{"message":"Rate limit reached for gpt-5 in organization org-x on tokens per min (TPM).","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""";
}
