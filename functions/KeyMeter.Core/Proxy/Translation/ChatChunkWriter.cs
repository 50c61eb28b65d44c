using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// Writes Chat Completions stream events (https://platform.openai.com/docs/api-reference/chat-streaming): each a
/// <c>data:</c> line holding one <c>chat.completion.chunk</c> (or error object) and a blank line. Every chunk repeats
/// the id, created time and model. One reused <see cref="Utf8JsonWriter"/>; values from the upstream are written as
/// the raw JSON tokens it sent, which never hold a line break. Shared by the translators that answer in Chat
/// Completions (<see cref="ResponsesToChatStreamTranslator"/>, <see cref="Messages.MessagesToChatStreamTranslator"/>).
/// </summary>
internal sealed class ChatChunkWriter(long created) : IDisposable
{
    private long _created = created;

    private static readonly byte[] EmptyJsonString = [(byte)'"', (byte)'"'];

    private Utf8JsonWriter? _json;
    private IBufferWriter<byte>? _output;
    private byte[] _id = EmptyJsonString;
    private byte[] _model = EmptyJsonString;

    /// <summary>Where the next chunks go; set for the duration of one upstream read.</summary>
    public IBufferWriter<byte>? Output
    {
        get => _output;
        set => _output = value;
    }

    /// <summary>The id and model every chunk repeats, as raw JSON strings, and the created time when the upstream gives one.</summary>
    public void SetIdentity(ReadOnlySpan<byte> id, ReadOnlySpan<byte> model, long? created = null)
    {
        _id = id.IsEmpty ? _id : id.ToArray();
        _model = model.IsEmpty ? _model : model.ToArray();
        _created = created ?? _created;
    }

    /// <summary>The first chunk: <c>delta: {role: assistant, content: ""}</c>.</summary>
    public void WriteRole()
    {
        var json = BeginDelta();
        json.WriteString("role"u8, "assistant"u8);
        json.WriteString("content"u8, ""u8);
        EndDelta(finishReason: default);
    }

    /// <summary><c>delta: {content: text}</c>, the text a raw JSON string.</summary>
    public void WriteContent(ReadOnlySpan<byte> rawText) => WriteDelta("content"u8, rawText);

    /// <summary><c>delta: {field: text}</c> (<c>content</c>, <c>refusal</c>), the text a raw JSON string.</summary>
    public void WriteDelta(ReadOnlySpan<byte> field, ReadOnlySpan<byte> rawText)
    {
        var json = BeginDelta();
        json.WritePropertyName(field);
        json.WriteRawValue(rawText, skipInputValidation: true);
        EndDelta(finishReason: default);
    }

    /// <summary>A tool call's first chunk: index, id, type function, name, and the arguments known so far (raw; empty when none).</summary>
    public void WriteToolCallStart(int index, ReadOnlySpan<byte> rawId, ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawArguments = default)
    {
        var json = BeginToolCall(index);
        json.WritePropertyName("id"u8);
        json.WriteRawValue(rawId.IsEmpty ? EmptyJsonString : rawId, skipInputValidation: true);
        json.WriteString("type"u8, "function"u8);
        json.WriteStartObject("function"u8);
        json.WritePropertyName("name"u8);
        json.WriteRawValue(rawName.IsEmpty ? EmptyJsonString : rawName, skipInputValidation: true);
        json.WritePropertyName("arguments"u8);
        json.WriteRawValue(rawArguments.IsEmpty ? EmptyJsonString : rawArguments, skipInputValidation: true);
        EndToolCall();
    }

    /// <summary>A piece of a tool call's arguments, a raw JSON string.</summary>
    public void WriteToolCallArguments(int index, ReadOnlySpan<byte> rawArguments)
    {
        var json = BeginToolCall(index);
        json.WriteStartObject("function"u8);
        json.WritePropertyName("arguments"u8);
        json.WriteRawValue(rawArguments, skipInputValidation: true);
        EndToolCall();
    }

    /// <summary>The last choice chunk: an empty delta with the finish reason.</summary>
    public void WriteFinish(ReadOnlySpan<byte> finishReason)
    {
        BeginDelta();
        EndDelta(finishReason);
    }

    /// <summary>The usage chunk: <c>choices: []</c> and the usage, as Chat Completions sends it last.</summary>
    public void WriteUsage<TUsage>(in TUsage usage)
        where TUsage : struct, IChatUsage
    {
        var json = BeginChunk();
        json.WriteStartArray("choices"u8);
        json.WriteEndArray();
        usage.WriteChatUsage(json);
        EndChunk();
    }

    /// <summary>Starts an OpenAI error event, as OpenAI sends one mid-stream: the caller writes its members, then <see cref="EndError"/>.</summary>
    public Utf8JsonWriter BeginError()
    {
        var output = RequireOutput();
        output.Write("data: "u8);
        var json = Json(output);
        json.WriteStartObject();
        return json;
    }

    public void EndError() => EndChunk();

    public void WriteDone() => RequireOutput().Write("data: [DONE]\n\n"u8);

    public void Dispose() => _json?.Dispose();

    private Utf8JsonWriter BeginChunk()
    {
        var output = RequireOutput();
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
        RequireOutput().Write("\n\n"u8);
    }

    private IBufferWriter<byte> RequireOutput() => _output ?? throw new InvalidOperationException("Events are handled only inside Translate or Complete.");

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
