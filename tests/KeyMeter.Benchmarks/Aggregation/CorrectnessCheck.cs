using System.Globalization;

namespace KeyMeter.Benchmarks.Aggregation;

/// <summary>A check that the figures can be trusted: what was expected, what was found.</summary>
internal sealed record CorrectnessCheck(string Name, string Expected, string Actual, bool Passed)
{
    public static CorrectnessCheck Equal<T>(string name, T expected, T actual)
        where T : IEquatable<T>, IFormattable =>
        new(name, Format(expected), Format(actual), expected.Equals(actual));

    private static string Format(IFormattable value) => value switch
    {
        decimal amount => amount.ToString("0.000000000", CultureInfo.InvariantCulture) + " USD",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
