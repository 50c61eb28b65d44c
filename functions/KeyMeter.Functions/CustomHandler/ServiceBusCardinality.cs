namespace KeyMeter.Functions.CustomHandler;

/// <summary>A Service Bus trigger's <c>cardinality</c>.</summary>
internal enum ServiceBusCardinality
{
    /// <summary>One message per invocation (<see cref="ServiceBusMessage.Decode"/>).</summary>
    One,

    /// <summary>A batch per invocation (<see cref="ServiceBusBatch.Decode"/>).</summary>
    Many,
}
