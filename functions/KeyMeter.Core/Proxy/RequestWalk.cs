using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace KeyMeter.Core.Proxy;

/// <summary>
/// Reads a whole request body once, token by token, the way a provider's JSON parser will: the body must be valid
/// UTF-8, every string's escapes must decode to real characters, member names are compared decoded, and no object
/// may name a member twice. Along the way it collects the <see cref="RequestSummary"/>. A linear algorithm; its steps
/// are numbered. Instances are reused per thread, so a body costs no allocation beyond the summary.
/// </summary>
internal sealed class RequestWalk
{
    public const int MaxModelLength = 256;
    private const int MaxServiceTierLength = 64;
    private const int MaxMetadataUserIdLength = 512;
    private const int MaxDepth = 256;
    private const string Surrogate = "The request body has a string with an unpaired surrogate escape (\\uD800 to \\uDFFF).";

    [ThreadStatic]
    private static RequestWalk? _cached;

    private readonly List<RequestFrame> _frames = [];
    private byte[] _scratch = new byte[256];
    private int _depth;
    private string? _error;

    private string? _model;
    private BodyRange? _modelValue;
    private bool _stream;
    private bool _includeUsage;
    private BodyRange? _includeUsageValue;
    private StreamOptionsLocation? _streamOptions;
    private long? _maxOutput;
    private long _choices;
    private bool _hasMessages;
    private bool _hasInput;
    private string? _unbounded;
    private string? _serviceTier;
    private bool _background;
    private string? _metadataUserId;

    /// <summary>The summary, or null with a reason that quotes no body text.</summary>
    public static RequestSummary? Run(ReadOnlySpan<byte> body, out string? error)
    {
        var walk = _cached ?? new RequestWalk();
        _cached = null;
        try
        {
            return walk.Read(body, out error);
        }
        finally
        {
            _cached = walk;
        }
    }

    private RequestSummary? Read(ReadOnlySpan<byte> body, out string? error)
    {
        Reset();

        // 1. Bytes a provider would refuse or decode differently: invalid UTF-8 anywhere.
        if (!Utf8.IsValid(body))
        {
            error = "The request body is not valid UTF-8.";
            return null;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth });
        try
        {
            // 2. One JSON object.
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The request body must be a JSON object.";
                return null;
            }

            var openingBrace = (int)reader.TokenStartIndex;
            Push(isObject: true, RequestFrameRole.Root, openingBrace);

            // 3. Every token of it, to its end; nothing may follow.
            while (_depth > 0 && reader.Read())
            {
                if (!Step(ref reader, body))
                {
                    error = _error;
                    return null;
                }
            }

            if (_depth > 0 || reader.Read())
            {
                error = "The request body is not valid JSON.";
                return null;
            }

            error = null;
            return new RequestSummary(
                _model, _stream, _includeUsage, _streamOptions, _maxOutput, Math.Max(1, _choices), _hasMessages, _hasInput, _unbounded, _serviceTier, _background, openingBrace, _modelValue)
            {
                MetadataUserId = _metadataUserId,
            };
        }
        catch (JsonException)
        {
            // The reader's message quotes the offending bytes, which may be prompt text: say only where.
            error = $"The request body is not valid JSON (at byte {reader.BytesConsumed}).";
            return null;
        }
    }

    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> body)
    {
        var frame = _frames[_depth - 1];
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                return OnName(ref reader, body, frame);
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var isObject = reader.TokenType == JsonTokenType.StartObject;
                var member = frame.IsObject ? frame.Member : RequestMember.Other;
                if (!OnContainer(frame.Role, member, isObject))
                {
                    return false;
                }

                Push(isObject, ChildRole(frame.Role, member, isObject), (int)reader.TokenStartIndex);
                return true;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                var closed = _frames[--_depth];
                if (closed.Role == RequestFrameRole.StreamOptions)
                {
                    var value = new BodyRange(closed.Start, (int)reader.BytesConsumed - closed.Start);
                    _streamOptions = new StreamOptionsLocation(value, IsObject: true, IsEmptyObject: closed.Names.Count == 0, _includeUsageValue);
                }

                return true;
            default:
                if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && !JsonEscapes.AreWellFormed(reader.ValueSpan))
                {
                    return Fail(Surrogate);
                }

                return !frame.IsObject || OnValue(ref reader, frame);
        }
    }

    private bool OnName(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, RequestFrame frame)
    {
        var raw = reader.ValueSpan;
        var escaped = reader.ValueIsEscaped;
        if (escaped && !JsonEscapes.AreWellFormed(raw))
        {
            return Fail(Surrogate);
        }

        var decoded = escaped ? Decode(ref reader) : raw;
        if (!frame.Names.TryAdd(body, decoded, new BodyRange((int)reader.TokenStartIndex, raw.Length + 2), escaped))
        {
            return Fail(Duplicate(decoded));
        }

        frame.Member = RequestMembers.Classify(frame.Role, decoded);
        _hasMessages |= frame.Member == RequestMember.Messages;
        _hasInput |= frame.Member == RequestMember.Input;
        return true;
    }

    /// <summary>An object or array as a member's value: refused where the provider expects a scalar.</summary>
    private bool OnContainer(RequestFrameRole role, RequestMember member, bool isObject)
    {
        if (role == RequestFrameRole.StreamOptions && member == RequestMember.IncludeUsage)
        {
            return Fail("'stream_options.include_usage' must be true or false.");
        }

        if (role != RequestFrameRole.Root)
        {
            return true;
        }

        switch (member)
        {
            case RequestMember.Model or RequestMember.ServiceTier or RequestMember.PreviousResponseId:
                return Fail($"'{RequestMembers.NameOf(member)}' must be a string.");
            case RequestMember.Stream or RequestMember.Background:
                return Fail($"'{RequestMembers.NameOf(member)}' must be true or false.");
            case RequestMember.MaxTokens or RequestMember.MaxCompletionTokens or RequestMember.MaxOutputTokens:
                return Fail($"'{RequestMembers.NameOf(member)}' must be a non-negative integer.");
            case RequestMember.N or RequestMember.BestOf:
                return Fail($"'{RequestMembers.NameOf(member)}' must be a positive integer.");
            case RequestMember.StreamOptions when !isObject:
                return Fail("'stream_options' must be an object.");
            case RequestMember.Conversation:
                _unbounded ??= "conversation";
                return true;
            case RequestMember.Prompt when isObject:
                _unbounded ??= "a stored prompt";
                return true;
            case RequestMember.McpServers:
                _unbounded ??= "mcp_servers";
                return true;
            default:
                return true;
        }
    }

    private bool OnValue(ref Utf8JsonReader reader, RequestFrame frame)
    {
        var type = reader.TokenType;
        switch (frame.Role, frame.Member)
        {
            case (RequestFrameRole.Root, RequestMember.Model):
                // An escape is at most six bytes per character: a longer token cannot be a valid model id.
                _model = type == JsonTokenType.String && reader.ValueSpan.Length <= MaxModelLength * 6 ? reader.GetString() : null;
                _modelValue = RangeOf(ref reader);
                return _model is { Length: <= MaxModelLength } || Fail($"'model' must be a string of at most {MaxModelLength} characters.");
            case (RequestFrameRole.Root, RequestMember.Stream or RequestMember.Background):
                var flag = type == JsonTokenType.True;
                _stream |= frame.Member == RequestMember.Stream && flag;
                _background |= frame.Member == RequestMember.Background && flag;
                return type is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null
                    || Fail($"'{RequestMembers.NameOf(frame.Member)}' must be true or false.");
            case (RequestFrameRole.Root, RequestMember.StreamOptions):
                _streamOptions = new StreamOptionsLocation(RangeOf(ref reader), IsObject: false, IsEmptyObject: false, null);
                return type == JsonTokenType.Null || Fail("'stream_options' must be an object.");
            case (RequestFrameRole.Root, RequestMember.MaxTokens or RequestMember.MaxCompletionTokens or RequestMember.MaxOutputTokens):
                if (!ReadCount(ref reader, frame.Member, minimum: 0, out var limit))
                {
                    return false;
                }

                _maxOutput = limit is null ? _maxOutput : Math.Max(_maxOutput ?? 0, limit.Value);
                return true;
            case (RequestFrameRole.Root, RequestMember.N or RequestMember.BestOf):
                if (!ReadCount(ref reader, frame.Member, minimum: 1, out var count))
                {
                    return false;
                }

                _choices = Math.Max(_choices, count ?? 1);
                return true;
            case (RequestFrameRole.Root, RequestMember.PreviousResponseId or RequestMember.Conversation):
                if (type == JsonTokenType.String && reader.ValueSpan.Length > 0)
                {
                    _unbounded ??= RequestMembers.NameOf(frame.Member);
                }

                return type is JsonTokenType.String or JsonTokenType.Null || Fail($"'{RequestMembers.NameOf(frame.Member)}' must be a string.");
            case (RequestFrameRole.Root, RequestMember.ServiceTier):
                _serviceTier = type == JsonTokenType.String ? reader.GetString() : null;
                return type == JsonTokenType.Null || _serviceTier is { Length: <= MaxServiceTierLength } || Fail("'service_tier' must be a short string.");
            case (RequestFrameRole.StreamOptions, RequestMember.IncludeUsage):
                _includeUsage = type == JsonTokenType.True;
                _includeUsageValue = RangeOf(ref reader);
                return type is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null || Fail("'stream_options.include_usage' must be true or false.");
            case (RequestFrameRole.Metadata, RequestMember.UserId):
                // Not enforced on: only read to name the caller's session; the provider judges its shape.
                _metadataUserId = type == JsonTokenType.String && reader.ValueSpan.Length <= MaxMetadataUserIdLength ? reader.GetString() : null;
                return true;
            case (RequestFrameRole.Tool, RequestMember.Type) when type == JsonTokenType.String:
                if (!InputSignals.IsClientTool(DecodedValue(ref reader)))
                {
                    _unbounded ??= "a server-side tool";
                }

                return true;
            case (RequestFrameRole.Other, RequestMember.Type) when type == JsonTokenType.String:
                if (InputSignals.IsMediaPart(DecodedValue(ref reader)))
                {
                    _unbounded ??= InputSignals.Media;
                }

                return true;
            default:
                return true;
        }
    }

    private bool ReadCount(ref Utf8JsonReader reader, RequestMember member, long minimum, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) && number >= minimum)
        {
            value = number;
            return true;
        }

        return Fail($"'{RequestMembers.NameOf(member)}' must be a {(minimum > 0 ? "positive" : "non-negative")} integer.");
    }

    private static RequestFrameRole ChildRole(RequestFrameRole parent, RequestMember member, bool isObject) => (parent, member, isObject) switch
    {
        (RequestFrameRole.Root, RequestMember.StreamOptions, true) => RequestFrameRole.StreamOptions,
        (RequestFrameRole.Root, RequestMember.Tools, false) => RequestFrameRole.Tools,
        (RequestFrameRole.Root, RequestMember.Metadata, true) => RequestFrameRole.Metadata,
        (RequestFrameRole.Tools, _, true) => RequestFrameRole.Tool,
        _ => RequestFrameRole.Other,
    };

    private static BodyRange RangeOf(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? new BodyRange((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2)
        : new BodyRange((int)reader.TokenStartIndex, reader.ValueSpan.Length);

    private ReadOnlySpan<byte> DecodedValue(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Decode(ref reader) : reader.ValueSpan;

    /// <summary>A name or string with its escapes decoded, into a reused buffer (decoding never lengthens it).</summary>
    private ReadOnlySpan<byte> Decode(ref Utf8JsonReader reader)
    {
        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        return _scratch.AsSpan(0, reader.CopyString(_scratch));
    }

    private void Push(bool isObject, RequestFrameRole role, int start)
    {
        if (_frames.Count == _depth)
        {
            _frames.Add(new RequestFrame());
        }

        _frames[_depth++].Reset(isObject, role, start);
    }

    private bool Fail(string error)
    {
        _error = error;
        return false;
    }

    private static string Duplicate(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= 64 && !name.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E)
            ? $"The request body names the member '{Encoding.ASCII.GetString(name)}' twice in one object; KeyMeter refuses duplicate members because readers disagree on which one counts."
            : "The request body names a member twice in one object; KeyMeter refuses duplicate members because readers disagree on which one counts.";

    private void Reset()
    {
        (_depth, _error) = (0, null);
        (_model, _modelValue, _stream, _includeUsage, _includeUsageValue, _streamOptions) = (null, null, false, false, null, null);
        (_maxOutput, _choices, _hasMessages, _hasInput) = (null, 1, false, false);
        (_unbounded, _serviceTier, _background, _metadataUserId) = (null, null, false, null);
    }
}
