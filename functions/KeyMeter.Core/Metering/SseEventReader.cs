using System.Buffers;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Incremental parser for <c>text/event-stream</c> as the WHATWG HTML standard defines it
/// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation), fed arbitrary byte
/// chunks. Lines end in CRLF, LF or CR (a CRLF may be split across chunks); <c>:</c> lines are comments; a blank
/// line completes an event, which goes to the <see cref="ISseEventHandler"/> with its <c>event:</c> name and its
/// <c>data:</c> lines joined by LF. Only data and the event name are kept, in pooled buffers reused for every event;
/// an event whose data exceeds the cap is skipped and counted, never an exception. <see cref="Complete"/> returns
/// the pooled buffer; a reader dropped without it leaves the buffer to the garbage collector, which is harmless.
/// </summary>
internal sealed class SseEventReader
{
    public const int DefaultMaxEventBytes = 1024 * 1024;

    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const int MaxEventNameBytes = 128;
    private const int InitialDataBytes = 4 * 1024;

    // Buffers bigger than this go back to the pool after their event: a stream of large events (Responses'
    // response.completed, big deltas) holds its buffer only while an event is being read, not between events.
    private const int RetainedDataBytes = InitialDataBytes;

    // Room for the longest field name the standard defines ("retry", "event") behind a UTF-8 BOM.
    private const int MaxFieldNameBytes = 8;

    private const int FieldIgnored = 0;
    private const int FieldData = 1;
    private const int FieldEvent = 2;

    private readonly ISseEventHandler _handler;
    private readonly int _maxEventBytes;
    private readonly byte[] _fieldName = new byte[MaxFieldNameBytes];
    private readonly byte[] _eventName = new byte[MaxEventNameBytes];
    private byte[]? _data;
    private int _dataLength;
    private int _eventNameLength;
    private int _fieldNameLength;
    private int _field;
    private bool _inValue;
    private bool _valueStarted;
    private bool _skipLf;
    private bool _firstLine = true;
    private bool _hasData;
    private bool _oversized;

    public SseEventReader(ISseEventHandler handler, int maxEventBytes = DefaultMaxEventBytes)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEventBytes, 1);
        _handler = handler;
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>
    /// Events ended so far, counting every blank line (an event without data ends too, unreported) and an unterminated
    /// event dispatched by <see cref="Complete"/>. During <see cref="ISseEventHandler.OnEvent"/> it is that event's
    /// number, starting at 1: what <see cref="UsageChunkFilter"/> counts in the raw bytes.
    /// </summary>
    public long EventsEnded { get; private set; }

    /// <summary>Events dropped because their data exceeded the cap (or their name was implausibly long).</summary>
    public int SkippedEventCount { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            if (_skipLf)
            {
                // The LF of a CRLF whose CR ended the previous chunk.
                _skipLf = false;
                if (chunk[0] == Lf)
                {
                    chunk = chunk[1..];
                    continue;
                }
            }

            if (_inValue)
            {
                if (!_valueStarted)
                {
                    // The standard drops exactly one space after the colon.
                    _valueStarted = true;
                    if (chunk[0] == (byte)' ')
                    {
                        chunk = chunk[1..];
                        continue;
                    }
                }

                var end = chunk.IndexOfAny(Cr, Lf);
                AppendValue(end < 0 ? chunk : chunk[..end]);
                if (end < 0)
                {
                    return;
                }

                EndLine(chunk[end]);
                chunk = chunk[(end + 1)..];
                continue;
            }

            var b = chunk[0];
            chunk = chunk[1..];
            if (b is Cr or Lf)
            {
                EndLine(b);
            }
            else if (b == (byte)':')
            {
                BeginValue();
            }
            else
            {
                if (_fieldNameLength < MaxFieldNameBytes)
                {
                    _fieldName[_fieldNameLength] = b;
                }

                _fieldNameLength++;
            }
        }
    }

    /// <summary>
    /// Ends the stream. An event not closed by a blank line is dispatched only when
    /// <paramref name="dispatchUnterminated"/> is set; the standard discards it. The pooled buffer goes back to the
    /// pool and the reader can start over.
    /// </summary>
    public void Complete(bool dispatchUnterminated)
    {
        if (dispatchUnterminated)
        {
            if (_inValue || _fieldNameLength > 0)
            {
                EndLine(Lf);
            }

            Dispatch();
        }

        ResetEvent();
        _inValue = false;
        _fieldNameLength = 0;
        _skipLf = false;
        _firstLine = true;
        EventsEnded = 0;
        ReturnData();
    }

    private void BeginValue()
    {
        _inValue = true;
        _valueStarted = false;
        if (_fieldNameLength == 0)
        {
            _field = FieldIgnored; // a comment
            return;
        }

        var name = _fieldName.AsSpan(0, Math.Min(_fieldNameLength, MaxFieldNameBytes));
        if (_firstLine && name.StartsWith("\uFEFF"u8))
        {
            name = name[3..]; // A BOM at the start of the stream is ignored.
        }

        if (_fieldNameLength > MaxFieldNameBytes)
        {
            _field = FieldIgnored;
        }
        else if (name.SequenceEqual("data"u8))
        {
            _field = FieldData;
            if (_hasData)
            {
                AppendData([Lf]);
            }

            _hasData = true;
        }
        else if (name.SequenceEqual("event"u8))
        {
            _field = FieldEvent;
            _eventNameLength = 0;
        }
        else
        {
            _field = FieldIgnored; // id, retry and unknown fields do not matter for metering.
        }
    }

    private void AppendValue(ReadOnlySpan<byte> value)
    {
        if (_field == FieldData)
        {
            AppendData(value);
        }
        else if (_field == FieldEvent)
        {
            if (_eventNameLength + value.Length > MaxEventNameBytes)
            {
                _oversized = true;
                return;
            }

            value.CopyTo(_eventName.AsSpan(_eventNameLength));
            _eventNameLength += value.Length;
        }
    }

    private void AppendData(ReadOnlySpan<byte> value)
    {
        if (_oversized || value.IsEmpty)
        {
            return;
        }

        var needed = _dataLength + value.Length;
        if (needed > _maxEventBytes)
        {
            _oversized = true;
            return;
        }

        if (_data is null || needed > _data.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Min(_maxEventBytes, Math.Max(needed, Math.Max(InitialDataBytes, (_data?.Length ?? 0) * 2))));
            if (_data is not null)
            {
                _data.AsSpan(0, _dataLength).CopyTo(grown);
                ArrayPool<byte>.Shared.Return(_data);
            }

            _data = grown;
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength = needed;
    }

    private void EndLine(byte terminator)
    {
        if (terminator == Cr)
        {
            _skipLf = true;
        }

        if (!_inValue)
        {
            if (_fieldNameLength == 0)
            {
                Dispatch();
                ResetEvent();
            }
            else
            {
                // A line without a colon is a field with an empty value.
                BeginValue();
            }
        }

        _inValue = false;
        _fieldNameLength = 0;
        _firstLine = false;
    }

    private void Dispatch()
    {
        EventsEnded++;
        if (_oversized)
        {
            SkippedEventCount++;
        }
        else if (_hasData)
        {
            _handler.OnEvent(_eventName.AsSpan(0, _eventNameLength), _data is null ? default : _data.AsSpan(0, _dataLength));
        }
    }

    private void ResetEvent()
    {
        _dataLength = 0;
        _eventNameLength = 0;
        _hasData = false;
        _oversized = false;
        if (_data is { Length: > RetainedDataBytes })
        {
            ReturnData();
        }
    }

    private void ReturnData()
    {
        if (_data is not null)
        {
            ArrayPool<byte>.Shared.Return(_data);
            _data = null;
        }
    }
}
