namespace KeyMeter.Core.Proxy;

/// <summary>
/// Checks the escape sequences of a JSON string the reader has already tokenised. <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepts <c>"\ud800"</c>, a lone surrogate that decodes to no character; providers then read something else than a
/// .NET string would (or fail), so such strings are refused before anything reads them.
/// </summary>
internal static class JsonEscapes
{
    /// <summary>False when <paramref name="raw"/> (the bytes between the quotes) escapes a lone or misordered surrogate.</summary>
    public static bool AreWellFormed(ReadOnlySpan<byte> raw)
    {
        // Surrogates are U+D800 to U+DFFF: without "\uD" or "\ud" there is none to check (the common case).
        if (raw.IndexOf("\\ud"u8) < 0 && raw.IndexOf("\\uD"u8) < 0)
        {
            return true;
        }

        var pendingHigh = false;
        var index = raw.IndexOf((byte)'\\');
        while (index >= 0)
        {
            // The reader has checked the escapes: \uXXXX has four hex digits, every other escape is one character.
            var isUnicode = raw[index + 1] == 'u';
            var code = isUnicode ? Hex(raw.Slice(index + 2, 4)) : -1;
            if (pendingHigh)
            {
                if (code is < 0xDC00 or > 0xDFFF)
                {
                    return false;
                }

                pendingHigh = false;
            }
            else if (code is >= 0xDC00 and <= 0xDFFF)
            {
                return false;
            }
            else
            {
                pendingHigh = code is >= 0xD800 and <= 0xDBFF;
            }

            // A high surrogate's low half must be the very next escape.
            var next = index + (isUnicode ? 6 : 2);
            if (pendingHigh && (next >= raw.Length || raw[next] != '\\'))
            {
                return false;
            }

            var rest = raw[next..].IndexOf((byte)'\\');
            index = rest < 0 ? -1 : next + rest;
        }

        return !pendingHigh;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                _ => digit - 'A' + 10,
            };
        }

        return value;
    }
}
