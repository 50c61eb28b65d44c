using System.Buffers;
using System.Text.Json;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Rewrites a Chat Completions event stream for a client that did not ask for <c>stream_options.include_usage</c>
/// when the proxy added it to get usage (a stream carries none unless asked): it drops exactly the events whose JSON has a
/// non-null <c>usage</c> and an empty, null or absent <c>choices</c> — the extra usage-only chunk — and passes every
/// other byte through unchanged and in order, including the <c>"usage":null</c> fields of ordinary chunks and a
/// usage that rides on a chunk with choices. Meter the upstream bytes, not the filtered ones.
/// <para>
/// Events are found by their closing blank line (CRLF, LF or CR line ends, split anywhere). The incomplete event at
/// the end of each input is held back until it completes, at most the cap; a longer event cannot be the small
/// usage-only chunk and is streamed through unchanged. <see cref="Flush"/> returns the pooled buffers. Not
/// thread-safe; one instance per response.
/// </para>
/// </summary>
public sealed class UsageChunkFilter : ISseEventHandler
{
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const int InitialHeldBytes = 4 * 1024;

    private readonly int _maxEventBytes;
    private readonly SseEventReader _reader;
    private byte[]? _held;
    private int _heldLength;
    private bool _lineHasContent;
    private bool _afterCr;
    private bool _endPendingLf;
    private bool _passthrough;
    private bool _drop;

    public UsageChunkFilter(int maxEventBytes = SseEventReader.DefaultMaxEventBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        _maxEventBytes = maxEventBytes;
        _reader = new SseEventReader(this, maxEventBytes);
    }

    /// <summary>Usage-only events removed so far.</summary>
    public int DroppedEventCount { get; private set; }

    /// <summary>Writes the bytes of <paramref name="input"/> that are due to the client; returns how many.</summary>
    public int Filter(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var written = 0;
        var start = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (_endPendingLf)
            {
                // The blank line ended in CR: its LF, if one follows, still belongs to this event.
                _endPendingLf = false;
                if (input[i] == Lf)
                {
                    i++;
                }

                written += EndEvent(input[start..i], output);
                start = i;
                continue;
            }

            var b = input[i];
            if (b is not (Cr or Lf))
            {
                _afterCr = false;
                _lineHasContent = true;
                var next = input[i..].IndexOfAny(Cr, Lf);
                i = next < 0 ? input.Length : i + next;
                continue;
            }

            i++;
            if (b == Lf && _afterCr)
            {
                _afterCr = false; // the LF of a CRLF
                continue;
            }

            if (_lineHasContent)
            {
                _lineHasContent = false;
                _afterCr = b == Cr;
                continue;
            }

            // A blank line: the event ends here.
            _afterCr = false;
            if (b == Cr)
            {
                _endPendingLf = true;
                continue;
            }

            written += EndEvent(input[start..i], output);
            start = i;
        }

        return written + Hold(input[start..], output);
    }

    /// <summary>
    /// Ends the stream: writes the held-back event unless it is a usage-only chunk (it may lack its blank line when
    /// the upstream closed early); returns the bytes written. Pooled buffers go back to the pool and the filter can
    /// start over.
    /// </summary>
    public int Flush(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var written = 0;
        if (!_passthrough && _heldLength > 0)
        {
            var held = _held.AsSpan(0, _heldLength);
            _drop = false;
            _reader.Append(held);
            _reader.Complete(dispatchUnterminated: true);
            written = Decide(held, output);
        }

        _reader.Complete(dispatchUnterminated: false);
        _heldLength = 0;
        _passthrough = _lineHasContent = _afterCr = _endPendingLf = false;
        if (_held is not null)
        {
            ArrayPool<byte>.Shared.Return(_held);
            _held = null;
        }

        return written;
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) => _drop = IsUsageOnlyChunk(data);

    private int EndEvent(ReadOnlySpan<byte> tail, IBufferWriter<byte> output)
    {
        if (_passthrough)
        {
            _passthrough = false;
            return Write(tail, output);
        }

        var raw = tail;
        if (_heldLength > 0)
        {
            if (_heldLength + tail.Length > _maxEventBytes)
            {
                var written = Write(_held.AsSpan(0, _heldLength), output) + Write(tail, output);
                _heldLength = 0;
                return written;
            }

            AppendHeld(tail);
            raw = _held.AsSpan(0, _heldLength);
        }

        // The reader sees exactly one whole event and reports its data (if any) to OnEvent.
        _drop = false;
        _reader.Append(raw);
        var result = Decide(raw, output);
        _heldLength = 0;
        return result;
    }

    private int Decide(ReadOnlySpan<byte> rawEvent, IBufferWriter<byte> output)
    {
        if (_drop)
        {
            _drop = false;
            DroppedEventCount++;
            return 0;
        }

        return Write(rawEvent, output);
    }

    private int Hold(ReadOnlySpan<byte> rest, IBufferWriter<byte> output)
    {
        if (rest.IsEmpty)
        {
            return 0;
        }

        if (_passthrough)
        {
            return Write(rest, output);
        }

        if (_heldLength + rest.Length > _maxEventBytes)
        {
            var written = Write(_held.AsSpan(0, _heldLength), output) + Write(rest, output);
            _heldLength = 0;
            _passthrough = true;
            return written;
        }

        AppendHeld(rest);
        return 0;
    }

    private void AppendHeld(ReadOnlySpan<byte> bytes)
    {
        var needed = _heldLength + bytes.Length;
        if (_held is null || _held.Length < needed)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(InitialHeldBytes, (_held?.Length ?? 0) * 2)));
            if (_held is not null)
            {
                _held.AsSpan(0, _heldLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_held);
            }

            _held = grown;
        }

        bytes.CopyTo(_held.AsSpan(_heldLength));
        _heldLength = needed;
    }

    private static int Write(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        output.Write(bytes);
        return bytes.Length;
    }

    /// <summary>A chunk with a non-null <c>usage</c> object and no choices: <c>[]</c>, <c>null</c> or absent.</summary>
    private static bool IsUsageOnlyChunk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var hasUsage = false;
        var hasChoices = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                var isChoices = !isUsage && reader.ValueTextEquals("choices"u8);
                reader.Read();
                if (isUsage)
                {
                    hasUsage = reader.TokenType == JsonTokenType.StartObject;
                }
                else if (isChoices && reader.TokenType == JsonTokenType.StartArray)
                {
                    var peek = reader;
                    peek.Read();
                    hasChoices = peek.TokenType != JsonTokenType.EndArray;
                }

                reader.Skip();
            }

            return hasUsage && !hasChoices;
        }
        catch (JsonException)
        {
            // Not JSON (e.g. [DONE]): not ours to drop.
            return false;
        }
    }
}
