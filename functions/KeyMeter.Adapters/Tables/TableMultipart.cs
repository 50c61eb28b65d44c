namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Just enough of MIME multipart (RFC 2046 section 5.1) and HTTP/1.1 message syntax to read a <c>$batch</c>
/// response. Lines may end in CRLF or LF. Header names are case-insensitive.
/// </summary>
internal static class TableMultipart
{
    /// <summary>The <c>boundary</c> parameter of a <c>multipart/*</c> content type, unquoted; null when there is none.</summary>
    public static string? Boundary(string? contentType)
    {
        if (contentType is null || !contentType.TrimStart().StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var parameter in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["boundary=".Length..].Trim('"');
            }
        }

        return null;
    }

    /// <summary>The body parts between <c>--boundary</c> delimiters, without the preamble and epilogue.</summary>
    public static List<string[]> SplitParts(string body, string boundary) => SplitParts(Lines(body), boundary);

    /// <inheritdoc cref="SplitParts(string, string)"/>
    public static List<string[]> SplitParts(IEnumerable<string> lines, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string[]>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed == delimiter || trimmed == delimiter + "--")
            {
                if (current is not null)
                {
                    parts.Add([.. current]);
                }

                current = trimmed == delimiter ? [] : null;
                if (current is null)
                {
                    break;
                }
            }
            else
            {
                current?.Add(line);
            }
        }

        return parts;
    }

    /// <summary>Headers up to the first empty line, and the remaining lines.</summary>
    public static (Dictionary<string, string> Headers, ArraySegment<string> Remainder) ReadHeaders(ArraySegment<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        for (; i < lines.Count && lines[i].Length > 0; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        return (headers, lines[Math.Min(i + 1, lines.Count)..]);
    }

    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                yield return text[start..];
                yield break;
            }

            yield return text[start..(end > start && text[end - 1] == '\r' ? end - 1 : end)];
            start = end + 1;
        }
    }
}
