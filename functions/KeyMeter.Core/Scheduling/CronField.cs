using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace KeyMeter.Core.Scheduling;

/// <summary>
/// The values one NCRONTAB field allows, as a bit mask over 0..63: numbers, <c>*</c>, ranges <c>a-b</c>, lists
/// <c>a,b</c>, steps <c>*/n</c>, <c>a-b/n</c> and <c>a/n</c> (a up to the maximum), and names where the field has them.
/// </summary>
internal readonly struct CronField
{
    private readonly ulong _bits;

    private CronField(ulong bits) => _bits = bits;

    public bool Contains(int value) => value is >= 0 and < 64 && (_bits & (1UL << value)) != 0;

    /// <summary>The smallest allowed value that is at least <paramref name="value"/>, or -1 when there is none.</summary>
    public int NextOrSelf(int value)
    {
        if (value >= 64)
        {
            return -1;
        }

        var candidates = _bits & (ulong.MaxValue << value);
        return candidates == 0 ? -1 : BitOperations.TrailingZeroCount(candidates);
    }

    public static CronField Single(int value) => new(1UL << value);

    /// <param name="text">The field's text, e.g. <c>1-5</c>.</param>
    /// <param name="fieldName">Used in errors, e.g. <c>hour</c>.</param>
    /// <param name="min">Smallest value.</param>
    /// <param name="max">Largest value.</param>
    /// <param name="names">Names of the values from <paramref name="min"/> on (a prefix of three or more letters also
    /// matches, as in NCrontab), or null.</param>
    /// <param name="field">The parsed field.</param>
    /// <param name="error">Why the text is not a valid field.</param>
    public static bool TryParse(
        string text,
        string fieldName,
        int min,
        int max,
        IReadOnlyList<string>? names,
        out CronField field,
        [NotNullWhen(false)] out string? error)
    {
        field = default;
        ulong bits = 0;
        foreach (var part in text.Split(','))
        {
            if (!TryParsePart(part, min, max, names, ref bits, out var detail))
            {
                error = $"{fieldName} field '{text}': {detail}";
                return false;
            }
        }

        field = new CronField(bits);
        error = null;
        return true;
    }

    private static bool TryParsePart(
        string part,
        int min,
        int max,
        IReadOnlyList<string>? names,
        ref ulong bits,
        [NotNullWhen(false)] out string? error)
    {
        // 1. An optional step after '/'.
        var step = 1;
        var range = part;
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var stepText = part[(slash + 1)..];
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
            {
                error = $"step '{stepText}' must be a whole number of at least 1";
                return false;
            }

            range = part[..slash];
        }

        // 2. The range: '*', 'a-b', or a single value ('a/n' runs from a to the maximum).
        int first;
        int last;
        if (range == "*")
        {
            (first, last) = (min, max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var firstText = dash >= 0 ? range[..dash] : range;
            if (!TryParseValue(firstText, min, max, names, out first, out error))
            {
                return false;
            }

            last = slash >= 0 ? max : first;
            if (dash >= 0)
            {
                if (!TryParseValue(range[(dash + 1)..], min, max, names, out last, out error))
                {
                    return false;
                }

                if (first > last)
                {
                    error = $"range '{range}' runs backwards";
                    return false;
                }
            }
        }

        // 3. Set the bits.
        for (var value = first; value <= last; value += step)
        {
            bits |= 1UL << value;
        }

        error = null;
        return true;
    }

    private static bool TryParseValue(
        string text,
        int min,
        int max,
        IReadOnlyList<string>? names,
        out int value,
        [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (text.Length == 0)
        {
            value = 0;
            error = "a value is missing";
            return false;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (value < min || value > max)
            {
                error = $"value {value} is out of range {min}-{max}";
                return false;
            }

            return true;
        }

        if (names is not null && text.Length >= 3)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i].StartsWith(text, StringComparison.OrdinalIgnoreCase))
                {
                    value = min + i;
                    return true;
                }
            }
        }

        error = names is null
            ? $"'{text}' is not a number from {min} to {max}"
            : $"'{text}' is neither a number from {min} to {max} nor one of {string.Join(", ", names)}";
        return false;
    }
}
