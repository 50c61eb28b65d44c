namespace KeyMeter.Core.Proxy;

/// <summary>One edit of a request body: replace <see cref="RemoveLength"/> bytes at <see cref="Offset"/> with <see cref="Insert"/>.</summary>
public readonly record struct BodySplice(int Offset, int RemoveLength, ReadOnlyMemory<byte> Insert)
{
    public static BodySplice None => default;

    public bool IsNone => RemoveLength == 0 && Insert.IsEmpty;

    /// <summary>The edited body, for tests and rare paths; the proxy streams the three parts instead.</summary>
    public byte[] ApplyTo(ReadOnlySpan<byte> body) =>
        [.. body[..Offset], .. Insert.Span, .. body[(Offset + RemoveLength)..]];
}
