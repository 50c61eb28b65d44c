using System.Text.Json;

namespace KeyMeter.Core.Proxy;

/// <summary>
/// Replaces the request's <c>model</c> with the id the provider knows it by (an Azure deployment name, or the id
/// without the <c>provider/</c> prefix a client may use), in place on the inspected bytes.
/// </summary>
public static class ModelSplice
{
    /// <summary>The edit, or <see cref="BodySplice.None"/> when <paramref name="upstreamModel"/> is what the client sent.</summary>
    public static BodySplice For(RequestSummary summary, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(upstreamModel);
        if (summary.ModelValue is not { } value || string.Equals(summary.Model, upstreamModel, StringComparison.Ordinal))
        {
            return BodySplice.None;
        }

        // JsonEncodedText escapes as a JSON string needs; the id comes from settings or is a slice of the client's own.
        var encoded = JsonEncodedText.Encode(upstreamModel).EncodedUtf8Bytes;
        var bytes = new byte[encoded.Length + 2];
        bytes[0] = bytes[^1] = (byte)'"';
        encoded.CopyTo(bytes.AsSpan(1));
        return new BodySplice(value.Offset, value.Length, bytes);
    }
}
