using System.Security.Cryptography;

namespace KeyMeter.Core.Keys;

/// <summary>Public identifiers of keys: <c>key_</c> + 20 lowercase hex characters. Safe to log.</summary>
public static class KeyId
{
    public const string Prefix = "key_";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToHexStringLower(bytes);
    }

    public static bool IsWellFormed(ReadOnlySpan<char> id)
    {
        if (id.Length != Prefix.Length + 20 || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id[Prefix.Length..])
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
