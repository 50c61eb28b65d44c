namespace KeyMeter.Core.Pricing;

/// <summary>
/// A price table (the embedded file, or the table after overrides) that cannot be used.
/// The message lists every problem and names the model each one belongs to.
/// </summary>
public sealed class PriceTableException : Exception
{
    public PriceTableException()
    {
    }

    public PriceTableException(string message)
        : base(message)
    {
    }

    public PriceTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static PriceTableException FromErrors(string? version, IReadOnlyList<string> errors) =>
        new($"Price table '{version}' is invalid:{Environment.NewLine} - {string.Join(Environment.NewLine + " - ", errors)}");
}
