using System.Buffers;
using System.Text.Json;
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
/// kept. Meter the upstream bytes, not these. Not thread-safe; one instance per response; <see cref="Dispose"/>
/// returns pooled buffers.
/// </summary>
public sealed class ResponsesToChatStreamTranslator : ISseEventHandler, IDisposable
{
    private static readonly byte[] EmptyJsonString = [(byte)'"', (byte)'"'];

    private readonly bool _includeUsage;
    private readonly SseEventReader _reader;
    private readonly List<ToolCallSlot> _toolCalls = [];
    private Utf8JsonWriter? _json;
    private IBufferWriter<byte>? _output;
    private byte[] _id = EmptyJsonString;
    private byte[] _model = EmptyJsonString;
    private long _created;
    private bool _started;
    private bool _completed;

    /// <param name="includeUsage">Whether the client asked for <c>stream_options.include_usage</c>.</param>
    public ResponsesToChatStreamTranslator(bool includeUsage, int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
    {
        _includeUsage = includeUsage;
        _reader = new SseEventReader(this, maxEventBytes);
    }

    /// <summary>Whether the client stream has ended with <c>[DONE]</c>; later upstream bytes are ignored.</summary>
    internal bool IsDone { get; private set; }

    /// <summary>Upstream events that were not JSON objects and were skipped.</summary>
    internal int MalformedEventCount { get; private set; }

    public void Translate(ReadOnlySpan<byte> upstreamChunk, IBufferWriter<byte> clientOutput)
    {
        ArgumentNullException.ThrowIfNull(clientOutput);
        ObjectDisposedException.ThrowIf(_completed, this);
        _output = clientOutput;
        try
        {
            _reader.Append(upstreamChunk);
        }
        finally
        {
            _output = null;
        }
    }

    /// <summary>
    /// Ends the upstream stream: dispatches an event the upstream left without its closing blank line and, when no
    /// terminal event came, tells the client the response broke off (an error chunk and <c>[DONE]</c>). Does nothing
    /// once completed or disposed (after a client abort there is no one to tell).
    /// </summary>
    public void Complete(IBufferWriter<byte> clientOutput)
    {
        ArgumentNullException.ThrowIfNull(clientOutput);
        if (_completed)
        {
            return;
        }

        _output = clientOutput;
        try
        {
            _reader.Complete(dispatchUnterminated: true);
            if (!IsDone)
            {
                WriteError(default, default, "The upstream response ended before it completed."u8);
            }
        }
        finally
        {
            _output = null;
            Dispose();
        }
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _reader.Complete(dispatchUnterminated: false);
            _json?.Dispose();
        }
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (IsDone)
        {
            return;
        }

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
            _id = response.Id.Of(data).ToArray();
            _model = response.Model.IsString ? response.Model.Of(data).ToArray() : _model;
            _created = response.CreatedAt;
        }

        if (_started)
        {
            return;
        }

        _started = true;
        var json = BeginDelta();
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, ""u8);
        EndDelta(finishReason: default);
    }

    private void WriteTextDelta(ReadOnlySpan<byte> data, ReadOnlySpan<byte> field, RawToken delta)
    {
        var json = BeginDelta();
        json.WritePropertyName(field);
        json.WriteRawValue(delta.Of(data), skipInputValidation: true);
        EndDelta(finishReason: default);
    }

    private void WriteToolCallStart(ReadOnlySpan<byte> data, in ResponsesEvent e)
    {
        var itemId = e.Item.Id.IsString ? e.Item.Id.InnerOf(data).ToArray() : [];
        _toolCalls.Add(new ToolCallSlot(e.OutputIndex, itemId));
        var json = BeginToolCall(_toolCalls.Count - 1);
        json.WritePropertyName("id"u8);
        json.WriteRawValue(e.Item.CallId.IsString ? e.Item.CallId.Of(data) : e.Item.Id.IsString ? e.Item.Id.Of(data) : EmptyJsonString, skipInputValidation: true);
        json.WriteString("type"u8, "function"u8);
        json.WriteStartObject("function"u8);
        json.WritePropertyName("name"u8);
        json.WriteRawValue(e.Item.Name.IsString ? e.Item.Name.Of(data) : EmptyJsonString, skipInputValidation: true);
        json.WritePropertyName("arguments"u8);
        json.WriteRawValue(e.Item.Arguments.IsString ? e.Item.Arguments.Of(data) : EmptyJsonString, skipInputValidation: true);
        EndToolCall();
    }

    private void WriteToolCallDelta(ReadOnlySpan<byte> data, in ResponsesEvent e)
    {
        var index = FindToolCall(data, e);
        if (index < 0)
        {
            return; // A delta for a call never announced has no id or name to give the client.
        }

        var json = BeginToolCall(index);
        json.WriteStartObject("function"u8);
        json.WritePropertyName("arguments"u8);
        json.WriteRawValue(e.Delta.Of(data), skipInputValidation: true);
        EndToolCall();
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
        BeginDelta();
        EndDelta(ChatFinishReason.Of(status, e.Response.IncompleteReason, _toolCalls.Count > 0));
        if (_includeUsage && e.Response.Usage is { } usage)
        {
            var json = BeginChunk();
            json.WriteStartArray("choices"u8);
            json.WriteEndArray();
            usage.WriteChatUsage(json);
            EndChunk();
        }

        WriteDone();
    }

    private void WriteError(ReadOnlySpan<byte> data, in ResponsesError error, ReadOnlySpan<byte> defaultMessage)
    {
        var output = Output;
        output.Write("data: "u8);
        var json = Json(output);
        json.WriteStartObject();
        error.WriteOpenAIError(json, data, defaultMessage);
        EndChunk();
        WriteDone();
    }

    private void WriteDone()
    {
        Output.Write("data: [DONE]\n\n"u8);
        IsDone = true;
    }

    private Utf8JsonWriter BeginChunk()
    {
        var output = Output;
        output.Write("data: "u8);
        var json = Json(output);
        json.WriteStartObject();
        json.WritePropertyName("id"u8);
        json.WriteRawValue(_id, skipInputValidation: true);
        json.WriteString("object"u8, "chat.completion.chunk"u8);
        json.WriteNumber("created"u8, _created);
        json.WritePropertyName("model"u8);
        json.WriteRawValue(_model, skipInputValidation: true);
        return json;
    }

    private Utf8JsonWriter BeginDelta()
    {
        var json = BeginChunk();
        json.WriteStartArray("choices"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, 0);
        json.WriteStartObject("delta"u8);
        return json;
    }

    private void EndDelta(ReadOnlySpan<byte> finishReason)
    {
        var json = _json!;
        json.WriteEndObject();
        if (finishReason.IsEmpty)
        {
            json.WriteNull("finish_reason"u8);
        }
        else
        {
            json.WriteString("finish_reason"u8, finishReason);
        }

        json.WriteEndObject();
        json.WriteEndArray();
        EndChunk();
    }

    private Utf8JsonWriter BeginToolCall(int index)
    {
        var json = BeginDelta();
        json.WriteStartArray("tool_calls"u8);
        json.WriteStartObject();
        json.WriteNumber("index"u8, index);
        return json;
    }

    private void EndToolCall()
    {
        var json = _json!;
        json.WriteEndObject(); // function
        json.WriteEndObject(); // the tool call
        json.WriteEndArray();
        EndDelta(finishReason: default);
    }

    private void EndChunk()
    {
        var json = _json!;
        json.WriteEndObject();
        json.Flush();
        Output.Write("\n\n"u8);
    }

    private IBufferWriter<byte> Output => _output ?? throw new InvalidOperationException("Events are handled only inside Translate or Complete.");

    private Utf8JsonWriter Json(IBufferWriter<byte> output)
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(output);
        }
        else
        {
            _json.Reset(output);
        }

        return _json;
    }
}
