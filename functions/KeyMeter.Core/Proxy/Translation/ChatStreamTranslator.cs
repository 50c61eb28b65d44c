using System.Buffers;
using KeyMeter.Core.Metering;

namespace KeyMeter.Core.Proxy.Translation;

/// <summary>
/// What every translation of an upstream event stream into Chat Completions chunks shares: upstream bytes in any
/// chunking go through an <see cref="SseEventReader"/>, each complete event reaches <see cref="OnEvent"/>, which writes
/// chunks with <see cref="Chunks"/>; the end of the upstream without a terminal event becomes an error chunk and
/// <c>[DONE]</c>. Not thread-safe; one instance per response; <see cref="Dispose"/> returns pooled buffers.
/// </summary>
public abstract class ChatStreamTranslator : ISseEventHandler, IDisposable
{
    private readonly SseEventReader _reader;
    private bool _completed;

    private protected ChatStreamTranslator(long created, int maxEventBytes)
    {
        Chunks = new ChatChunkWriter(created);
        _reader = new SseEventReader(this, maxEventBytes);
    }

    /// <summary>Whether the client stream has ended with <c>[DONE]</c>; later upstream bytes are ignored.</summary>
    internal bool IsDone { get; private set; }

    /// <summary>Upstream events that were not JSON objects and were skipped.</summary>
    internal int MalformedEventCount { get; private protected set; }

    private protected ChatChunkWriter Chunks { get; }

    public void Translate(ReadOnlySpan<byte> upstreamChunk, IBufferWriter<byte> clientOutput)
    {
        ArgumentNullException.ThrowIfNull(clientOutput);
        ObjectDisposedException.ThrowIf(_completed, this);
        Chunks.Output = clientOutput;
        try
        {
            _reader.Append(upstreamChunk);
        }
        finally
        {
            Chunks.Output = null;
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

        Chunks.Output = clientOutput;
        try
        {
            _reader.Complete(dispatchUnterminated: true);
            if (!IsDone)
            {
                WriteEndedEarly();
            }
        }
        finally
        {
            Chunks.Output = null;
            Dispose();
        }
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _reader.Complete(dispatchUnterminated: false);
            Chunks.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    void ISseEventHandler.OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        if (!IsDone)
        {
            OnEvent(eventName, data);
        }
    }

    /// <summary>One complete upstream event, before the client stream is done.</summary>
    private protected abstract void OnEvent(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data);

    /// <summary>The error chunk for an upstream that ended without its terminal event; then <see cref="WriteDone"/>.</summary>
    private protected abstract void WriteEndedEarly();

    /// <summary><c>data: [DONE]</c>: the client stream is over.</summary>
    private protected void WriteDone()
    {
        Chunks.WriteDone();
        IsDone = true;
    }
}
