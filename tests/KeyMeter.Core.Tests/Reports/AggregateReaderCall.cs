namespace KeyMeter.Core.Tests.Reports;

/// <summary>One call an <see cref="InMemoryAggregateReader"/> answered; monthly calls have no days and no bucket.</summary>
internal sealed record AggregateReaderCall(string Partition, bool Monthly, DateOnly? First, DateOnly? Last, string? Dimension, int? Bucket)
{
    public override string ToString() => Monthly
        ? $"monthly {Partition} {Dimension ?? "*"}"
        : $"daily {Partition} {First:yyyy-MM-dd}..{Last:yyyy-MM-dd} {Dimension ?? "*"}{(Bucket is { } bucket ? "|" + bucket : string.Empty)}";
}
