using static KeyMeter.Core.Tests.Metering.MeteringFixtures;

namespace KeyMeter.Core.Tests.Proxy.Translation;

/// <summary>
/// Responses API event streams shaped like the ones OpenAI sends GPT-5 (typed events with sequence numbers, a
/// reasoning item first, obfuscation fields, .done events repeating the deltas), and the Chat Completions chunks the
/// translator must turn them into.
/// </summary>
internal static class ResponsesStreamFixtures
{
    public const string Id = "resp_68af4030592c81938ec0a5fbab4a3e9f05438e46b5f69a3b";
    public const string Model = "gpt-5-2025-08-07";
    public const long CreatedAt = 1756315696;
    public const string MessageId = "msg_68af403e5b8481938a5b1c1d4f2fc7b205438e46b5f69a3b";
    public const string ReasoningId = "rs_68af4030baa48193b0b43b4c2a176a1a05438e46b5f69a3b";

    public const string UsageJson =
        """{"input_tokens":10000,"input_tokens_details":{"cached_tokens":8000},"output_tokens":300,"output_tokens_details":{"reasoning_tokens":256},"total_tokens":10300}""";

    public const string ChatUsageJson =
        """{"prompt_tokens":10000,"completion_tokens":300,"total_tokens":10300,"prompt_tokens_details":{"cached_tokens":8000},"completion_tokens_details":{"reasoning_tokens":256}}""";

    /// <summary>response.created and response.in_progress, then a reasoning item with a summary (to be dropped).</summary>
    public static readonly string Opening =
        Event("response.created", $$$"""{"type":"response.created","sequence_number":0,"response":{{{Response("in_progress", "[]", "null")}}}}""")
        + Event("response.in_progress", $$$"""{"type":"response.in_progress","sequence_number":1,"response":{{{Response("in_progress", "[]", "null")}}}}""")
        + Event("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"{{{ReasoningId}}}","type":"reasoning","summary":[]}}""")
        + Event("response.reasoning_summary_part.added", $$$"""{"type":"response.reasoning_summary_part.added","sequence_number":3,"item_id":"{{{ReasoningId}}}","output_index":0,"summary_index":0,"part":{"type":"summary_text","text":""}}""")
        + Event("response.reasoning_summary_text.delta", $$$"""{"type":"response.reasoning_summary_text.delta","sequence_number":4,"item_id":"{{{ReasoningId}}}","output_index":0,"summary_index":0,"delta":"**Planning the reply**","obfuscation":"Xq"}""")
        + Event("response.reasoning_summary_text.done", $$$"""{"type":"response.reasoning_summary_text.done","sequence_number":5,"item_id":"{{{ReasoningId}}}","output_index":0,"summary_index":0,"text":"**Planning the reply**"}""")
        + Event("response.output_item.done", $$$"""{"type":"response.output_item.done","sequence_number":6,"output_index":0,"item":{"id":"{{{ReasoningId}}}","type":"reasoning","summary":[{"type":"summary_text","text":"**Planning the reply**"}]}}""");

    /// <summary>A message item at output index 1 whose text arrives as the given raw JSON string deltas.</summary>
    public static string Message(params string[] rawDeltas)
    {
        var events = Event("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":7,"output_index":1,"item":{"id":"{{{MessageId}}}","type":"message","status":"in_progress","content":[],"role":"assistant"}}""")
            + Event("response.content_part.added", $$$"""{"type":"response.content_part.added","sequence_number":8,"item_id":"{{{MessageId}}}","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}""");
        foreach (var delta in rawDeltas)
        {
            events += Event("response.output_text.delta", $$$"""{"type":"response.output_text.delta","sequence_number":9,"item_id":"{{{MessageId}}}","output_index":1,"content_index":0,"delta":{{{delta}}},"logprobs":[],"obfuscation":"k3Jq8"}""");
        }

        // The .done events repeat the text; a translator that echoed them would double it.
        return events
            + Event("response.output_text.done", $$$"""{"type":"response.output_text.done","sequence_number":10,"item_id":"{{{MessageId}}}","output_index":1,"content_index":0,"text":"(whole text)","logprobs":[]}""")
            + Event("response.content_part.done", $$$"""{"type":"response.content_part.done","sequence_number":11,"item_id":"{{{MessageId}}}","output_index":1,"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":"(whole text)"}}""")
            + Event("response.output_item.done", $$$"""{"type":"response.output_item.done","sequence_number":12,"output_index":1,"item":{"id":"{{{MessageId}}}","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"(whole text)"}],"role":"assistant"}}""");
    }

    public static string FunctionCallAdded(int outputIndex, string itemId, string callId, string name) =>
        Event("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":20,"output_index":{{{outputIndex}}},"item":{"id":"{{{itemId}}}","type":"function_call","status":"in_progress","arguments":"","call_id":"{{{callId}}}","name":"{{{name}}}"}}""");

    public static string ArgumentsDelta(int outputIndex, string itemId, string rawDelta) =>
        Event("response.function_call_arguments.delta", $$$"""{"type":"response.function_call_arguments.delta","sequence_number":21,"item_id":"{{{itemId}}}","output_index":{{{outputIndex}}},"delta":{{{rawDelta}}},"obfuscation":"q"}""");

    public static string FunctionCallDone(int outputIndex, string itemId, string callId, string name, string rawArguments) =>
        Event("response.function_call_arguments.done", $$$"""{"type":"response.function_call_arguments.done","sequence_number":22,"item_id":"{{{itemId}}}","output_index":{{{outputIndex}}},"arguments":{{{rawArguments}}}}""")
        + Event("response.output_item.done", $$$"""{"type":"response.output_item.done","sequence_number":23,"output_index":{{{outputIndex}}},"item":{"id":"{{{itemId}}}","type":"function_call","status":"completed","arguments":{{{rawArguments}}},"call_id":"{{{callId}}}","name":"{{{name}}}"}}""");

    public static string CustomToolCallAdded(int outputIndex, string itemId, string callId, string name) =>
        Event("response.output_item.added", $$$"""{"type":"response.output_item.added","sequence_number":30,"output_index":{{{outputIndex}}},"item":{"id":"{{{itemId}}}","type":"custom_tool_call","status":"in_progress","call_id":"{{{callId}}}","input":"","name":"{{{name}}}"}}""");

    public static string CustomInputDelta(int outputIndex, string itemId, string rawDelta) =>
        Event("response.custom_tool_call_input.delta", $$$"""{"type":"response.custom_tool_call_input.delta","sequence_number":31,"output_index":{{{outputIndex}}},"item_id":"{{{itemId}}}","delta":{{{rawDelta}}}}""");

    public static string CustomInputDone(int outputIndex, string itemId, string rawInput) =>
        Event("response.custom_tool_call_input.done", $$$"""{"type":"response.custom_tool_call_input.done","sequence_number":32,"output_index":{{{outputIndex}}},"item_id":"{{{itemId}}}","input":{{{rawInput}}}}""");

    public static string Completed(string output = "[]") =>
        Event("response.completed", $$$"""{"type":"response.completed","sequence_number":40,"response":{{{Response("completed", output, UsageJson)}}}}""");

    public static string Incomplete(string reason) =>
        Event("response.incomplete", $$$"""{"type":"response.incomplete","sequence_number":40,"response":{{{Response("incomplete", "[]", UsageJson, incompleteDetails: "{\"reason\":\"" + reason + "\"}")}}}}""");

    public static readonly string Failed =
        Event("response.failed", $$$"""{"type":"response.failed","sequence_number":40,"response":{{{Response("failed", "[]", "null", error: FailedErrorJson)}}}}""");

    public const string FailedErrorJson = """{"code":"server_error","message":"The model \"gpt-5\" failed to respond."}""";

    public static readonly string ErrorEvent =
        Event("error", """{"type":"error","sequence_number":3,"code":"rate_limit_exceeded","message":"Rate limit reached for gpt-5 in organization org-abc on tokens per min (TPM).","param":null}""");

    public static string Response(string status, string output, string usage, string incompleteDetails = "null", string error = "null") =>
        $$$"""{"id":"{{{Id}}}","object":"response","created_at":{{{CreatedAt}}},"status":"{{{status}}}","background":false,"error":{{{error}}},"incomplete_details":{{{incompleteDetails}}},"instructions":null,"max_output_tokens":null,"model":"{{{Model}}}","output":{{{output}}},"parallel_tool_calls":true,"previous_response_id":null,"reasoning":{"effort":"medium","summary":"auto"},"store":false,"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},"tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{{{usage}}},"user":null,"metadata":{}}""";

    /// <summary>The data line of a Chat Completions chunk with one choice, as the translator writes it.</summary>
    public static string Chunk(string delta, string finishReason = "null") =>
        Data($$$"""{"id":"{{{Id}}}","object":"chat.completion.chunk","created":{{{CreatedAt}}},"model":"{{{Model}}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":{{{finishReason}}}}]}""");

    public static readonly string RoleChunk = Chunk("""{"role":"assistant","content":""}""");

    public static readonly string UsageChunk =
        Data($$$"""{"id":"{{{Id}}}","object":"chat.completion.chunk","created":{{{CreatedAt}}},"model":"{{{Model}}}","choices":[],"usage":{{{ChatUsageJson}}}}""");

    public static readonly string Done = Data("[DONE]");

    public static string ToolCallStart(int index, string callId, string name) =>
        Chunk($$$"""{"tool_calls":[{"index":{{{index}}},"id":"{{{callId}}}","type":"function","function":{"name":"{{{name}}}","arguments":""}}]}""");

    public static string ToolCallArguments(int index, string rawDelta) =>
        Chunk($$$"""{"tool_calls":[{"index":{{{index}}},"function":{"arguments":{{{rawDelta}}}}}]}""");
}
