using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KeyMeter.Core.Keys;

/// <summary>
/// Developer key secrets: <c>km_</c> + 32 random bytes in base64url (43 characters), stored only as
/// the lowercase hex SHA-256 of the whole string.
/// </summary>
public static class KeySecret
{
    public const string Prefix = "km_";
    private const int RandomBytes = 32;
    private const int EncodedLength = 43;

    /// <summary>Length of a well-formed secret, prefix included.</summary>
    public const int Length = 3 + EncodedLength;

    /// <summary>Creates a new secret from the operating system's CSPRNG.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// True when <paramref name="candidate"/> has the shape of a KeyMeter secret. A cheap filter before
    /// hashing and lookup; it says nothing about whether the key exists.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in candidate[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lowercase hex SHA-256 of the secret's UTF-8 bytes: the only form that is stored.</summary>
    public static string Hash(ReadOnlySpan<char> secret)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        var written = Encoding.UTF8.GetBytes(secret, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], digest);
        return Convert.ToHexStringLower(digest);
    }
}
