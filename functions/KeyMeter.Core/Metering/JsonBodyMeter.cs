using System.Buffers;

namespace KeyMeter.Core.Metering;

/// <summary>
/// Meters a non-streaming JSON response of any format as it streams past: the body is scanned token by token across
/// chunks, so only a token split by a chunk boundary is kept between calls, never the body. Usage, <c>model</c> and
/// <c>id</c> are taken from the top level. A token longer than the cap (a huge completion string) or malformed JSON
/// ends the scan; then, or when usage is missing, output is estimated from the generated text measured plus every
/// byte not scanned.
/// </summary>
internal sealed class JsonBodyMeter : IUsageMeter
{
    public const int DefaultMaxPendingBytes = 4 * 1024 * 1024;

    private const int InitialPendingBytes = 4 * 1024;

    private readonly ApiFormat _format;
    private readonly long _estimatedInputTokens;
    private readonly int _maxPendingBytes;
    private readonly UsageFacts _facts = new();
    private readonly UsageJsonScanner _scanner;
    private byte[]? _pending;
    private int _pendingLength;
    private bool _scanning = true;
    private long _unscannedBytes;
    private UsageReading? _reading;

    public JsonBodyMeter(ApiFormat format, long estimatedInputTokens, int maxPendingBytes = DefaultMaxPendingBytes)
    {
        _format = format;
        _estimatedInputTokens = estimatedInputTokens;
        _maxPendingBytes = maxPendingBytes;
        _scanner = new UsageJsonScanner(_facts);
    }

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (_reading is not null)
        {
            throw new InvalidOperationException("The response was already completed.");
        }

        if (!_scanning)
        {
            if (!_scanner.DocumentEnded)
            {
                _unscannedBytes += chunk.Length;
            }

            return;
        }

        // 1. Continue the token the previous chunk left unfinished, if any.
        var data = chunk;
        if (_pendingLength > 0)
        {
            if (_pendingLength + chunk.Length > _maxPendingBytes)
            {
                Abandon(_pendingLength + chunk.Length);
                return;
            }

            EnsurePending(_pendingLength + chunk.Length);
            chunk.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += chunk.Length;
            data = _pending.AsSpan(0, _pendingLength);
        }

        // 2. Read every complete token.
        if (!_scanner.TryRead(data, isFinalBlock: false, out var consumed))
        {
            Abandon(data.Length - consumed);
            return;
        }

        if (_scanner.DocumentEnded)
        {
            _scanning = false;
            ReturnPending();
            return;
        }

        // 3. Keep the unfinished token for the next chunk (CopyTo is safe when it already sits in _pending).
        var rest = data[consumed..];
        if (rest.IsEmpty)
        {
            _pendingLength = 0;
            return;
        }

        if (rest.Length > _maxPendingBytes)
        {
            Abandon(rest.Length);
            return;
        }

        EnsurePending(rest.Length);
        rest.CopyTo(_pending);
        _pendingLength = rest.Length;
    }

    public UsageReading Complete(bool endedNormally)
    {
        if (_reading is null)
        {
            var unscanned = _unscannedBytes + (_scanner.DocumentEnded ? 0 : _pendingLength);
            ReturnPending();
            _scanning = false;
            var model = _facts.ModelOrNull();
            var id = _facts.IdOrNull();
            if (_facts.HasUsage)
            {
                _reading = new UsageReading(_facts.Usage.ToTokenUsage(_format), model, false, id);
            }
            else
            {
                var output = _format == ApiFormat.Embeddings ? 0 : UsageReading.EstimateOutputTokens(_facts.TextBytes + unscanned);
                _reading = UsageReading.Estimate(_estimatedInputTokens, output, model, id);
            }
        }

        return _reading;
    }

    private void Abandon(long unscannedBytes)
    {
        _scanning = false;
        _unscannedBytes += unscannedBytes;
        ReturnPending();
    }

    private void EnsurePending(int length)
    {
        if (_pending is not null && _pending.Length >= length)
        {
            return;
        }

        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(length, Math.Max(InitialPendingBytes, (_pending?.Length ?? 0) * 2)));
        if (_pending is not null)
        {
            _pending.AsSpan(0, _pendingLength).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_pending);
        }

        _pending = grown;
    }

    private void ReturnPending()
    {
        _pendingLength = 0;
        if (_pending is not null)
        {
            ArrayPool<byte>.Shared.Return(_pending);
            _pending = null;
        }
    }
}
