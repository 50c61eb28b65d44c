namespace KeyMeter.Core.Proxy;

/// <summary>Where a JSON token or member sits in a request body, in bytes; a string's range includes its quotes.</summary>
public readonly record struct BodyRange(int Offset, int Length)
{
    public int End => Offset + Length;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> body) => body.Slice(Offset, Length);
}
