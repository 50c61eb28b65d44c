using System.Buffers;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Rewrites a Chat Completions event stream for a client that did not ask for <c>stream_options.include_usage</c>
/// when the proxy added it to get usage (a stream carries none unless asked): it drops exactly the events the meter
/// found to be usage-only (a non-null <c>usage</c> and an empty, null or absent <c>choices</c>), and passes every other
/// byte through unchanged and in order, including the <c>"usage":null</c> fields of ordinary chunks and a usage that
/// rides on a chunk with choices. It parses nothing itself: the meter reads each event once, for metering and for this
/// verdict (<see cref="UsageMeters.CreateHidingUsage"/>), and must see every chunk before the filter does.
/// <para>
/// Events are found by their closing blank line (CRLF, LF or CR line ends, split anywhere), counted as the meter's
/// reader counts them. Complete events leave at once; the incomplete event at the end of an input is held back until
/// it completes, at most <see cref="MaxHeldBytes"/>: a longer event is not the few hundred bytes of a usage-only chunk
/// and streams through unchanged. <see cref="Flush"/> returns the pooled buffer. Not thread-safe; one per response.
/// </para>
/// </summary>
public sealed class UsageChunkFilter
{
    /// <summary>The most an incomplete event is held back (pooled); OpenAI's usage-only chunk is under 1 KB.</summary>
    public const int MaxHeldBytes = 4 * 1024;

    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const int InitialHeldBytes = 1024;

    private readonly IUsageOnlyEvents _verdicts;
    private readonly int _maxHeldBytes;
    private byte[]? _held;
    private int _heldLength;
    private long _events;
    private bool _lineHasContent;
    private bool _afterCr;
    private bool _endPendingLf;
    private bool _passthrough;

    internal UsageChunkFilter(IUsageOnlyEvents verdicts, int maxHeldBytes = MaxHeldBytes)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHeldBytes, 1);
        _verdicts = verdicts;
        _maxHeldBytes = maxHeldBytes;
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
    /// Ends the stream, which the upstream ended cleanly: writes the held-back event unless it is a usage-only chunk (it
    /// may lack its blank line when the upstream closed early); returns the bytes written. The pooled buffer goes back
    /// to the pool and the filter can start over.
    /// </summary>
    public int Flush(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var written = 0;
        if (!_passthrough && _heldLength > 0)
        {
            _verdicts.EndStream();
            written = Decide(_held.AsSpan(0, _heldLength), output);
        }

        _heldLength = 0;
        _events = 0;
        _passthrough = _lineHasContent = _afterCr = _endPendingLf = false;
        if (_held is not null)
        {
            ArrayPool<byte>.Shared.Return(_held);
            _held = null;
        }

        return written;
    }

    private int EndEvent(ReadOnlySpan<byte> tail, IBufferWriter<byte> output)
    {
        if (_passthrough)
        {
            _passthrough = false;
            _events++;
            return Write(tail, output);
        }

        var raw = tail;
        if (_heldLength > 0)
        {
            if (_heldLength + tail.Length > _maxHeldBytes)
            {
                var written = Write(_held.AsSpan(0, _heldLength), output) + Write(tail, output);
                _heldLength = 0;
                _events++;
                return written;
            }

            AppendHeld(tail);
            raw = _held.AsSpan(0, _heldLength);
        }

        var result = Decide(raw, output);
        _heldLength = 0;
        return result;
    }

    /// <summary>Ends the next event: dropped when the meter found it usage-only, else written.</summary>
    private int Decide(ReadOnlySpan<byte> rawEvent, IBufferWriter<byte> output)
    {
        if (_verdicts.IsUsageOnly(++_events))
        {
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

        if (_heldLength + rest.Length > _maxHeldBytes)
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
}
