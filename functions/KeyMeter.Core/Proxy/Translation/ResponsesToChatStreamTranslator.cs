using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Translates an OpenAI Responses event stream into the Chat Completions stream Cursor expects when it sent a
/// Responses-shaped body to chat completions (<see cref="CursorResponsesQuirk"/>). Upstream bytes arrive in any
/// chunking; each complete event becomes at most a few <c>data:</c> lines of <c>chat.completion.chunk</c>:
/// <list type="number">
/// <item><c>response.created</c>: the first chunk, <c>delta: {role: assistant, content: ""}</c>, with the id, model
/// and created time every later chunk repeats.</item>
/// <item><c>response.output_text.delta</c> / <c>response.refusal.delta</c>: <c>delta.content</c> / <c>delta.refusal</c>.</item>
/// <item><c>response.output_item.added</c> of a <c>function_call</c> or <c>custom_tool_call</c>: a
/// <c>tool_calls[N]</c> start (id, type function, name); its argument or input deltas follow as
/// <c>tool_calls[N].function.arguments</c>. N counts tool calls in order.</item>
/// <item><c>response.completed</c> / <c>response.incomplete</c>: a final chunk with <c>finish_reason</c>, the
/// usage chunk (<c>choices: []</c>) when the client asked for it, and <c>[DONE]</c>.</item>
/// <item><c>response.failed</c> / <c>error</c>, or an upstream that ends without a terminal event: an OpenAI error
/// object, then <c>[DONE]</c>.</item>
/// </list>
/// Reasoning summary and reasoning text deltas are dropped: Chat Completions has no standard field for them, and
/// their tokens still count in the usage. Text is copied as the escaped JSON the upstream sent, never unescaped or
/// kept. Meter the upstream bytes, not these. Not thread-safe; one instance per response; <see cref="ChatStreamTranslator.Dispose"/>
/// returns pooled buffers.
/// </summary>
public sealed class ResponsesToChatStreamTranslator : ChatStreamTranslator
{
    private readonly bool _includeUsage;
    private readonly List<ToolCallSlot> _toolCalls = [];
    private bool _started;

    /// <param name="includeUsage">Whether the client asked for <c>stream_options.include_usage</c>.</param>
    public ResponsesToChatStreamTranslator(bool includeUsage, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
        : base(created: 0, maxEventBytes)
    {
        _includeUsage = includeUsage;
    }

    private protected override void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!ResponsesEvent.TryParse(data, eventName, out var e))
        {
            MalformedEventCount++;
            return;
        }

        switch (e.Kind)
        {
            case ResponsesEventKind.Created or ResponsesEventKind.InProgress:
                Start(data, e.Response);
                break;
            case ResponsesEventKind.OutputTextDelta when e.Delta.IsString:
                Start(data, e.Response);
                WriteTextDelta(data, "content"u8, e.Delta);
                break;
            case ResponsesEventKind.RefusalDelta when e.Delta.IsString:
                Start(data, e.Response);
                WriteTextDelta(data, "refusal"u8, e.Delta);
                break;
            case ResponsesEventKind.OutputItemAdded when e.Item.IsToolCall:
                Start(data, e.Response);
                WriteToolCallStart(data, e);
                break;
            case ResponsesEventKind.ToolCallDelta when e.Delta.IsString:
                WriteToolCallDelta(data, e);
                break;
            case ResponsesEventKind.Completed or ResponsesEventKind.Incomplete:
                Start(data, e.Response);
                WriteFinish(e);
                break;
            case ResponsesEventKind.Failed:
                WriteError(data, e.Response.Error, "The upstream response failed."u8);
                break;
            case ResponsesEventKind.Error:
                WriteError(data, e.Error, "The upstream stream reported an error."u8);
                break;
            default:
                // Reasoning summaries, content parts, .done events (which repeat what the deltas said) and
                // anything newer have no Chat Completions counterpart.
                break;
        }
    }

    /// <summary>Takes the identity from the first response object seen and writes the role chunk once.</summary>
    private void Start(ReadOnlySpan<byte> data, in ResponseHeader response)
    {
        if (!_started && response.Id.IsString)
        {
            Chunks.SetIdentity(response.Id.Of(data), response.Model.IsString ? response.Model.Of(data) : default, response.CreatedAt);
        }

        if (_started)
        {
            return;
        }

        _started = true;
        Chunks.WriteRole();
    }

    private void WriteTextDelta(ReadOnlySpan<byte> data, ReadOnlySpan<byte> field, RawToken delta) => Chunks.WriteDelta(field, delta.Of(data));

    private void WriteToolCallStart(ReadOnlySpan<byte> data, in ResponsesEvent e)
    {
        var itemId = e.Item.Id.IsString ? e.Item.Id.InnerOf(data).ToArray() : [];
        _toolCalls.Add(new ToolCallSlot(e.OutputIndex, itemId));
        Chunks.WriteToolCallStart(
            _toolCalls.Count - 1,
            e.Item.CallId.IsString ? e.Item.CallId.Of(data) : e.Item.Id.IsString ? e.Item.Id.Of(data) : default,
            e.Item.Name.IsString ? e.Item.Name.Of(data) : default,
            e.Item.Arguments.IsString ? e.Item.Arguments.Of(data) : default);
    }

    private void WriteToolCallDelta(ReadOnlySpan<byte> data, in ResponsesEvent e)
    {
        var index = FindToolCall(data, e);
        if (index < 0)
        {
            return; // A delta for a call never announced has no id or name to give the client.
        }

        Chunks.WriteToolCallArguments(index, e.Delta.Of(data));
    }

    private int FindToolCall(ReadOnlySpan<byte> data, in ResponsesEvent e)
    {
        for (var i = 0; i < _toolCalls.Count; i++)
        {
            var slot = _toolCalls[i];
            if (e.OutputIndex >= 0 ? slot.OutputIndex == e.OutputIndex : e.ItemId.IsString && e.ItemId.InnerOf(data).SequenceEqual(slot.ItemId))
            {
                return i;
            }
        }

        return -1;
    }

    private void WriteFinish(in ResponsesEvent e)
    {
        var status = e.Kind == ResponsesEventKind.Incomplete ? ResponseStatus.Incomplete : ResponseStatus.Completed;
        Chunks.WriteFinish(ChatFinishReason.Of(status, e.Response.IncompleteReason, _toolCalls.Count > 0));
        if (_includeUsage && e.Response.Usage is { } usage)
        {
            Chunks.WriteUsage(usage);
        }

        WriteDone();
    }

    private void WriteError(ReadOnlySpan<byte> data, in ResponsesError error, ReadOnlySpan<byte> defaultMessage)
    {
        var json = Chunks.BeginError();
        error.WriteOpenAIError(json, data, defaultMessage);
        Chunks.EndError();
        WriteDone();
    }

    private protected override void WriteEndedEarly() => WriteError(default, default, "The upstream response ended before it completed."u8);
}
