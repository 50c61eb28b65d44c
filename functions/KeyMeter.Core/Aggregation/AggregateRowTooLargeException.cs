namespace KeyMeter.Core.Aggregation;

/// <summary>
/// A row outgrew Table Storage's entity limit: one day of one dimension bucket has tens of thousands of values. Not
/// expected at any real organisation's size; it fails the batch (Service Bus redelivers, then dead-letters) rather than
/// dropping usage.
/// </summary>
public sealed class AggregateRowTooLargeException(int encodedChars)
    : InvalidOperationException($"An aggregate row would need {encodedChars} characters, more than Table Storage's entity limit allows.")
{
    public int EncodedChars { get; } = encodedChars;
}
