using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KeyMeter.Core.Aggregation;

/// <summary>
/// The stored form of a row's entries: a JSON array of <c>[value, requests, input, cachedInput, cacheWrite5m,
/// cacheWrite1h, output, reasoning, "cost", "cursorFee", estimated, unpriced]</c>, sorted by value, decimals as strings
/// so they round-trip exactly; an entry with a span (<see cref="AggregateCounters.FirstAt"/>) adds the first and last
/// moments in Unix seconds. The JSON is ASCII (non-ASCII is escaped) and is cut into chunks of at most
/// <see cref="ChunkChars"/> characters because a Table Storage string property holds at most 64 KiB of UTF-16.
/// </summary>
public static class AggregateRowCodec
{
    public const int ChunkChars = 30_000;

    /// <summary>Chunks per row: 16 × 30,000 characters stays under the 1 MiB entity limit with room for the keys.</summary>
    public const int MaxChunks = 16;

    public static string Encode(IReadOnlyDictionary<string, AggregateCounters> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var buffer = new ArrayBufferWriter<byte>(64 + (entries.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (value, c) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                writer.WriteStartArray();
                writer.WriteStringValue(value);
                writer.WriteNumberValue(c.Requests);
                writer.WriteNumberValue(c.InputTokens);
                writer.WriteNumberValue(c.CachedInputTokens);
                writer.WriteNumberValue(c.CacheWrite5mTokens);
                writer.WriteNumberValue(c.CacheWrite1hTokens);
                writer.WriteNumberValue(c.OutputTokens);
                writer.WriteNumberValue(c.ReasoningTokens);
                writer.WriteStringValue(c.CostUsd.ToString(CultureInfo.InvariantCulture));
                writer.WriteStringValue(c.CursorFeeUsd.ToString(CultureInfo.InvariantCulture));
                writer.WriteNumberValue(c.EstimatedRequests);
                writer.WriteNumberValue(c.UnpricedRequests);
                if (c.FirstAt is { } first && c.LastAt is { } last)
                {
                    writer.WriteNumberValue(first.ToUnixTimeSeconds());
                    writer.WriteNumberValue(last.ToUnixTimeSeconds());
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.ASCII.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="FormatException">Not an encoded row.</exception>
    public static IReadOnlyList<KeyValuePair<string, AggregateCounters>> Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            using var document = JsonDocument.Parse(encoded);
            var entries = new List<KeyValuePair<string, AggregateCounters>>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var fields = item.GetArrayLength();
                if (fields is not 12 and not 14)
                {
                    throw new FormatException("An aggregate entry has the wrong number of fields.");
                }

                var counters = new AggregateCounters(
                    item[1].GetInt64(),
                    item[2].GetInt64(),
                    item[3].GetInt64(),
                    item[4].GetInt64(),
                    item[5].GetInt64(),
                    item[6].GetInt64(),
                    item[7].GetInt64(),
                    decimal.Parse(item[8].GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                    decimal.Parse(item[9].GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                    item[10].GetInt64(),
                    item[11].GetInt64());
                if (fields == 14)
                {
                    counters = counters with { FirstAt = DateTimeOffset.FromUnixTimeSeconds(item[12].GetInt64()), LastAt = DateTimeOffset.FromUnixTimeSeconds(item[13].GetInt64()) };
                }

                entries.Add(KeyValuePair.Create(item[0].GetString()!, counters));
            }

            return entries;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new FormatException("Not an encoded aggregate row.", exception);
        }
    }

    /// <summary>Cuts an encoded row into property-sized chunks (the JSON is ASCII, so any cut is safe).</summary>
    /// <exception cref="AggregateRowTooLargeException">More than <see cref="MaxChunks"/> chunks.</exception>
    public static IReadOnlyList<string> Chunk(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var count = Math.Max(1, (encoded.Length + ChunkChars - 1) / ChunkChars);
        if (count > MaxChunks)
        {
            throw new AggregateRowTooLargeException(encoded.Length);
        }

        var chunks = new string[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * ChunkChars;
            chunks[i] = encoded.Substring(start, Math.Min(ChunkChars, encoded.Length - start));
        }

        return chunks;
    }

    /// <summary>The property that holds chunk <paramref name="index"/>: <c>E0</c> … <c>E15</c>.</summary>
    public static string ChunkProperty(int index) => "E" + index.ToString(CultureInfo.InvariantCulture);
}
