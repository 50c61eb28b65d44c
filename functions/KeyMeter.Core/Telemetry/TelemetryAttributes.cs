using System.Globalization;

namespace KeyMeter.Core.Telemetry;

/// <summary>
/// The attributes of one telemetry event (its resource's and its own; the event's win), as the exporter sent them.
/// Agents differ in how they type a value (a token count may be an integer, a double or a string), so readers ask for
/// what they need and get null when it is absent or unreadable, never an exception.
/// </summary>
public sealed class TelemetryAttributes
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Sets a string, long, double or bool value; other kinds (arrays, maps, bytes) are not kept.</summary>
    internal void Set(string key, object value) => _values[key] = value;

    /// <summary>The value as text: strings as they are, numbers and booleans in invariant form.</summary>
    public string? Text(string key) => _values.TryGetValue(key, out var value)
        ? value switch
        {
            string text => text,
            long number => number.ToString(CultureInfo.InvariantCulture),
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            _ => null,
        }
        : null;

    /// <summary>A non-negative whole count (tokens, lines): from an integer, a whole double or a numeric string.</summary>
    public long? Count(string key) => _values.TryGetValue(key, out var value)
        ? value switch
        {
            long number when number >= 0 => number,
            double number when number >= 0 && number <= long.MaxValue && Math.Floor(number) == number => (long)number,
            string text when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        }
        : null;

    /// <summary>A non-negative amount (a cost in USD): from a number or a numeric string.</summary>
    public decimal? Amount(string key) => _values.TryGetValue(key, out var value)
        ? value switch
        {
            long number when number >= 0 => number,
            double number when number >= 0 && number < 1e12 => (decimal)number,
            string text when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && parsed < 1_000_000_000_000m => parsed,
            _ => null,
        }
        : null;

    /// <summary>Every attribute as <c>key=text</c>, sorted by key: a stable description of a series, for its identity.</summary>
    public string Canonical() => string.Join('\n', _values.Keys.Order(StringComparer.Ordinal).Select(key => key + "=" + Text(key)));
}
