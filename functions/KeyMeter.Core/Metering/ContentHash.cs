using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Core.Metering;

/// <summary>
/// A short, stable digest of some content: the first 16 bytes of its SHA-256 as 32 lowercase hex digits. Record ids that
/// must come out the same whenever the same usage arrives again (a Cursor event read twice, a telemetry export sent
/// again) are built from it.
/// </summary>
public static class ContentHash
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest[..16]);
    }
}
