using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Proxy.Translation.Messages;

/// <summary>
/// Translates an Anthropic Messages event stream (https://docs.anthropic.com/en/docs/build-with-claude/streaming) into
/// the Chat Completions stream (https://platform.openai.com/docs/api-reference/chat-streaming), event by event.
/// Upstream bytes arrive in any chunking; each complete event becomes at most a few <c>data:</c> lines of
/// <c>chat.completion.chunk</c>:
/// <list type="number">
/// <item><c>message_start</c>: the first chunk, <c>delta: {role: assistant, content: ""}</c>, with the message id and
/// model that every later chunk repeats, and the caller's <c>created</c> time.</item>
/// <item><c>content_block_delta</c> with a <c>text_delta</c>: <c>delta.content</c>.</item>
/// <item><c>content_block_start</c> of a <c>tool_use</c> block: a <c>tool_calls[N]</c> start (id, type function, name,
/// empty arguments); its <c>input_json_delta.partial_json</c> pieces follow as
/// <c>tool_calls[N].function.arguments</c>. N counts tool calls in order, whatever their block index.</item>
/// <item><c>message_delta</c>: nothing written; its <c>stop_reason</c> and cumulative <c>usage</c> are kept.</item>
/// <item><c>message_stop</c>: a final chunk with <c>finish_reason</c>, the usage chunk (<c>choices: []</c>) when the
/// client asked for <c>stream_options.include_usage</c>, and <c>data: [DONE]</c>.</item>
/// <item><c>error</c>, or an upstream that ends without <c>message_stop</c>: an OpenAI error object, then
/// <c>[DONE]</c>.</item>
/// </list>
/// <c>ping</c>, <c>content_block_stop</c>, thinking, signature and citation deltas and server tool blocks are dropped:
/// Chat Completions has no field for them, and their tokens still count in the usage. Text is copied as the escaped
/// JSON the upstream sent, never unescaped or kept. Meter the upstream bytes, not these. Not thread-safe; one instance
/// per response; <see cref="ChatStreamTranslator.Dispose"/> returns pooled buffers.
/// </summary>
public sealed class MessagesToChatStreamTranslator : ChatStreamTranslator
{
    private readonly bool _includeUsage;

    // The content block index of each tool_use block, in order: a tool call's position here is its Chat index.
    private readonly List<int> _toolBlocks = [];
    private MessagesUsage _usage;
    private MessagesStopReason _stopReason;
    private bool _started;

    /// <param name="created">The <c>created</c> time (Unix seconds) of every chunk; Anthropic sends none.</param>
    /// <param name="includeUsage">Whether the client asked for <c>stream_options.include_usage</c>.</param>
    public MessagesToChatStreamTranslator(long created, bool includeUsage, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
        : base(created, maxEventBytes)
    {
        _includeUsage = includeUsage;
    }

    private protected override void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!MessagesStreamEvent.TryParse(data, eventName, out var e))
        {
            MalformedEventCount++;
            return;
        }

        switch (e.Kind)
        {
            case MessagesEventKind.MessageStart:
                _usage = e.Usage ?? _usage;
                Start(data, e);
                break;
            case MessagesEventKind.ContentBlockStart when e.Block.Kind == MessagesBlockKind.ToolUse:
                Start(data, e);
                _toolBlocks.Add(e.Index);
                Chunks.WriteToolCallStart(_toolBlocks.Count - 1, e.Block.Id.IsString ? e.Block.Id.Of(data) : default, e.Block.Name.IsString ? e.Block.Name.Of(data) : default);
                break;
            case MessagesEventKind.ContentBlockStart when e.Block.Kind == MessagesBlockKind.Text && e.Block.Text.Length > 2:
                Start(data, e);
                Chunks.WriteContent(e.Block.Text.Of(data));
                break;
            case MessagesEventKind.ContentBlockDelta when e.DeltaKind == MessagesDeltaKind.Text && e.Delta.IsString:
                Start(data, e);
                Chunks.WriteContent(e.Delta.Of(data));
                break;
            case MessagesEventKind.ContentBlockDelta when e.DeltaKind == MessagesDeltaKind.InputJson && e.Delta.Length > 2:
                WriteArguments(data, e);
                break;
            case MessagesEventKind.MessageDelta:
                _stopReason = e.StopReason == MessagesStopReason.None ? _stopReason : e.StopReason;
                _usage = e.Usage is { } later ? _usage.MergeLatest(later) : _usage;
                break;
            case MessagesEventKind.MessageStop:
                Start(data, e);
                WriteFinish();
                break;
            case MessagesEventKind.Error:
                WriteError(data, e.Error, "The upstream stream reported an error."u8);
                break;
            default:
                // ping, content_block_stop, thinking and signature deltas and anything newer.
                break;
        }
    }

    /// <summary>Takes the identity from <c>message_start</c> and writes the role chunk once, before any other.</summary>
    private void Start(ReadOnlySpan<byte> data, in MessagesStreamEvent e)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        Chunks.SetIdentity(e.Id.IsString ? e.Id.Of(data) : default, e.Model.IsString ? e.Model.Of(data) : default);
        Chunks.WriteRole();
    }

    private void WriteArguments(ReadOnlySpan<byte> data, in MessagesStreamEvent e)
    {
        var index = _toolBlocks.IndexOf(e.Index);
        if (index >= 0)
        {
            // A delta for a block never announced as tool_use has no id or name to give the client.
            Chunks.WriteToolCallArguments(index, e.Delta.Of(data));
        }
    }

    private void WriteFinish()
    {
        Chunks.WriteFinish(_stopReason.ToChatFinishReason(_toolBlocks.Count > 0));
        if (_includeUsage)
        {
            Chunks.WriteUsage(_usage);
        }

        WriteDone();
    }

    private void WriteError(ReadOnlySpan<byte> data, in MessagesError error, ReadOnlySpan<byte> defaultMessage)
    {
        var json = Chunks.BeginError();
        error.WriteOpenAIError(json, data, status: 0, defaultMessage);
        Chunks.EndError();
        WriteDone();
    }

    private protected override void WriteEndedEarly() => WriteError(default, default, "The upstream response ended before it completed."u8);
}
