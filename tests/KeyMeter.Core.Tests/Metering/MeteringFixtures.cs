using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Tests.Metering;

/// <summary>
/// Response bodies shaped like the documented and captured provider payloads (OpenAI Chat Completions, legacy
/// Completions, Embeddings and Responses; Anthropic Messages), including their quirks.
/// </summary>
internal static class MeteringFixtures
{
    public const string ChatModel = "gpt-4.1-2025-04-14";
    public const string ChatId = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";

    /// <summary>Chat stream with include_usage: 10,000 prompt tokens of which 8,000 cached.</summary>
    public static readonly string ChatStream =
        Data(ChatChunk("""[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"content":"! How can I help you today?"},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]""", "null"))
        + Data(ChatChunk("[]", ChatUsageJson))
        + Data("[DONE]");

    public const string ChatUsageJson =
        """{"prompt_tokens":10000,"completion_tokens":120,"total_tokens":10120,"prompt_tokens_details":{"cached_tokens":8000,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":64,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""";

    public static readonly TokenUsage ChatUsage = new(2000, 8000, 0, 0, 120, 64);

    /// <summary>Chat stream cut before the usage chunk: content 5 + 27 bytes, tool-call arguments 10 + 10 bytes.</summary>
    public static readonly string ChatStreamAborted =
        Data(ChatChunk("""[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"content":"! How can I help you today?"},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"logprobs":null,"finish_reason":null}]""", "null"))
        + Data(ChatChunk("""[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"logprobs":null,"finish_reason":null}]""", "null"));

    /// <summary>Bytes of generated text in <see cref="ChatStreamAborted"/>, as written on the wire.</summary>
    public const long ChatStreamAbortedTextBytes = 5 + 27 + 10 + 10;

    public const string CompletionsModel = "gpt-3.5-turbo-instruct";

    public static readonly string CompletionsStream =
        Data($$$"""{"id":"cmpl-8mQ3sYw1xa9XTP","object":"text_completion","created":1706631234,"choices":[{"text":"\n\nThis","index":0,"logprobs":null,"finish_reason":null}],"model":"{{{CompletionsModel}}}","usage":null}""")
        + Data($$$"""{"id":"cmpl-8mQ3sYw1xa9XTP","object":"text_completion","created":1706631234,"choices":[{"text":" is a test.","index":0,"logprobs":null,"finish_reason":"length"}],"model":"{{{CompletionsModel}}}","usage":null}""")
        + Data($$$"""{"id":"cmpl-8mQ3sYw1xa9XTP","object":"text_completion","created":1706631234,"choices":[],"model":"{{{CompletionsModel}}}","usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""")
        + Data("[DONE]");

    public const string ResponsesModel = "gpt-5-2025-08-07";
    public const string ResponsesId = "resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b";

    public const string ResponsesUsageJson =
        """{"input_tokens":10000,"input_tokens_details":{"cached_tokens":8000},"output_tokens":300,"output_tokens_details":{"reasoning_tokens":256},"total_tokens":10300}""";

    public static readonly TokenUsage ResponsesUsage = new(2000, 8000, 0, 0, 300, 256);

    /// <summary>Everything of a Responses stream up to (not including) its terminal event: text deltas 5 + 23 bytes.</summary>
    public static readonly string ResponsesStreamBody =
        Event("response.created", $$$"""{"type":"response.created","sequence_number":0,"response":{{{ResponseObject("in_progress", "[]", "null")}}}}""")
        + Event("response.in_progress", $$$"""{"type":"response.in_progress","sequence_number":1,"response":{{{ResponseObject("in_progress", "[]", "null")}}}}""")
        + Event("response.output_item.added", """{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b","type":"reasoning","summary":[]}}""")
        + Event("response.output_item.done", """{"type":"response.output_item.done","sequence_number":3,"output_index":0,"item":{"id":"rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b","type":"reasoning","summary":[]}}""")
        + Event("response.output_item.added", """{"type":"response.output_item.added","sequence_number":4,"output_index":1,"item":{"id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","type":"message","status":"in_progress","content":[],"role":"assistant"}}""")
        + Event("response.content_part.added", """{"type":"response.content_part.added","sequence_number":5,"item_id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}""")
        + Event("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":6,"item_id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","output_index":1,"content_index":0,"delta":"Hello","logprobs":[],"obfuscation":"k3Jq8"}""")
        + Event("response.output_text.delta", """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","output_index":1,"content_index":0,"delta":" there! How can I help?","logprobs":[],"obfuscation":"p"}""")
        + Event("response.output_text.done", """{"type":"response.output_text.done","sequence_number":8,"item_id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","output_index":1,"content_index":0,"text":"Hello there! How can I help?","logprobs":[]}""")
        + Event("response.content_part.done", """{"type":"response.content_part.done","sequence_number":9,"item_id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello there! How can I help?"}}""")
        + Event("response.output_item.done", """{"type":"response.output_item.done","sequence_number":10,"output_index":1,"item":{"id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello there! How can I help?"}],"role":"assistant"}}""");

    public const long ResponsesStreamBodyTextBytes = 5 + 23;

    public static readonly string ResponsesStream = ResponsesStreamBody + ResponsesTerminal("response.completed", "completed");

    /// <summary>A function call cut mid-arguments: argument deltas 10 + 6 bytes as written on the wire.</summary>
    public static readonly string ResponsesFunctionCallAborted =
        Event("response.created", $$$"""{"type":"response.created","sequence_number":0,"response":{{{ResponseObject("in_progress", "[]", "null")}}}}""")
        + Event("response.output_item.added", """{"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"id":"fc_68af40ab12","type":"function_call","status":"in_progress","arguments":"","call_id":"call_Xk2","name":"get_weather"}}""")
        + Event("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","sequence_number":2,"item_id":"fc_68af40ab12","output_index":0,"delta":"{\"city\":","obfuscation":"x"}""")
        + Event("response.function_call_arguments.delta", """{"type":"response.function_call_arguments.delta","sequence_number":3,"item_id":"fc_68af40ab12","output_index":0,"delta":"\"Pari","obfuscation":"yz"}""");

    public const long ResponsesFunctionCallAbortedTextBytes = 10 + 6;

    public const string AnthropicModel = "claude-sonnet-4-5-20250929";
    public const string AnthropicId = "msg_01XFDUDYJgAACzvnptvVoYEL";

    /// <summary>Cache reads 12,000 and writes of 1,000 (5m) and 2,000 (1h); output 120; text 5 + 17 bytes.</summary>
    public static readonly string AnthropicStream =
        AnthropicStart("""{"input_tokens":25,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":1,"service_tier":"standard"}""")
        + AnthropicText
        + Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":25,"cache_creation_input_tokens":3000,"cache_read_input_tokens":12000,"output_tokens":120}}""")
        + Event("message_stop", """{"type":"message_stop"}""");

    public static readonly TokenUsage AnthropicUsage = new(25, 12000, 1000, 2000, 120, 0);

    public static readonly string AnthropicText =
        Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""")
        + Event("ping", """{"type": "ping"}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}""")
        + Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"! How can I help?"}}""")
        + Event("content_block_stop", """{"type":"content_block_stop","index":0}""");

    public const long AnthropicTextBytes = 5 + 17;

    public static readonly string ChatJson =
        """{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":"The image shows a wooden boardwalk extending through a lush green marshland.","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":10000,"completion_tokens":52,"total_tokens":10052,"prompt_tokens_details":{"cached_tokens":8000,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}""";

    public static readonly string CompletionsJson =
        """{"id":"cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7","object":"text_completion","created":1589478378,"model":"gpt-3.5-turbo-instruct","system_fingerprint":"fp_44709d6fcb","choices":[{"text":"\n\nThis is indeed a test","index":0,"logprobs":null,"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";

    public static readonly string EmbeddingsJson =
        """{"object":"list","data":[{"object":"embedding","index":0,"embedding":[-0.006929283,-0.005336422,0.024047505,-0.01949375]}],"model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}""";

    /// <summary>Pretty-printed as the API returns it, with a nested object that also says "usage" (not the usage).</summary>
    public static readonly string ResponsesJson =
        $$$"""
        {
          "id": "{{{ResponsesId}}}",
          "object": "response",
          "created_at": 1756315696,
          "status": "completed",
          "model": "{{{ResponsesModel}}}",
          "output": [
            {"id": "rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b", "type": "reasoning", "summary": []},
            {
              "id": "msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b",
              "type": "message",
              "status": "completed",
              "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": "Hello there! How can I help?"}],
              "role": "assistant"
            }
          ],
          "metadata": {"usage": {"input_tokens": 999999}},
          "usage": {
            "input_tokens": 10000,
            "input_tokens_details": {"cached_tokens": 8000},
            "output_tokens": 300,
            "output_tokens_details": {"reasoning_tokens": 256},
            "total_tokens": 10300
          }
        }
        """;

    public static readonly string AnthropicJson =
        """{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":"claude-opus-4-1-20250805","content":[{"type":"thinking","thinking":"The user greets me.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},{"type":"text","text":"Hi! How can I help you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2095,"cache_creation_input_tokens":2048,"cache_read_input_tokens":0,"output_tokens":503,"service_tier":"standard"}}""";

    /// <summary>Every format, streamed and not, with the usage each must read.</summary>
    public static readonly IReadOnlyDictionary<string, (ApiFormat Format, bool Streaming, string Body, TokenUsage Usage, string Model)> Cases =
        new Dictionary<string, (ApiFormat, bool, string, TokenUsage, string)>
        {
            ["chat-stream"] = (ApiFormat.ChatCompletions, true, ChatStream, ChatUsage, ChatModel),
            ["completions-stream"] = (ApiFormat.Completions, true, CompletionsStream, new TokenUsage(5, 0, 0, 0, 7, 0), CompletionsModel),
            ["responses-stream"] = (ApiFormat.Responses, true, ResponsesStream, ResponsesUsage, ResponsesModel),
            ["anthropic-stream"] = (ApiFormat.AnthropicMessages, true, AnthropicStream, AnthropicUsage, AnthropicModel),
            ["chat-json"] = (ApiFormat.ChatCompletions, false, ChatJson, new TokenUsage(2000, 8000, 0, 0, 52, 0), "gpt-4o-2024-08-06"),
            ["completions-json"] = (ApiFormat.Completions, false, CompletionsJson, new TokenUsage(5, 0, 0, 0, 7, 0), CompletionsModel),
            ["embeddings-json"] = (ApiFormat.Embeddings, false, EmbeddingsJson, new TokenUsage(8, 0, 0, 0, 0, 0), "text-embedding-3-small"),
            ["responses-json"] = (ApiFormat.Responses, false, ResponsesJson, ResponsesUsage, ResponsesModel),
            ["anthropic-json"] = (ApiFormat.AnthropicMessages, false, AnthropicJson, new TokenUsage(2095, 0, 2048, 0, 503, 0), "claude-opus-4-1-20250805"),
        };

    public static string Data(string json) => $"data: {json}\n\n";

    public static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    public static string ChatChunk(string choices, string usage) =>
        $$$"""{"id":"{{{ChatId}}}","object":"chat.completion.chunk","created":1741569952,"model":"{{{ChatModel}}}","service_tier":"default","system_fingerprint":"fp_e3f6c4e4f1","choices":{{{choices}}},"usage":{{{usage}}}}""";

    public static string ResponsesTerminal(string type, string status) =>
        Event(type, $$$"""{"type":"{{{type}}}","sequence_number":11,"response":{{{ResponseObject(status, CompletedOutputJson, ResponsesUsageJson)}}}}""");

    private const string CompletedOutputJson =
        """[{"id":"msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello there! How can I help?"}],"role":"assistant"}]""";

    public static string AnthropicStart(string usage) =>
        Event("message_start", $$$"""{"type":"message_start","message":{"id":"{{{AnthropicId}}}","type":"message","role":"assistant","model":"{{{AnthropicModel}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{{{usage}}}}}""");

    private static string ResponseObject(string status, string output, string usage) =>
        $$$"""{"id":"{{{ResponsesId}}}","object":"response","created_at":1756315696,"status":"{{{status}}}","background":false,"error":null,"incomplete_details":null,"instructions":null,"max_output_tokens":null,"model":"{{{ResponsesModel}}}","output":{{{output}}},"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":null},"store":true,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{{{usage}}},"user":null,"metadata":{}}""";
}
