namespace KeyMeter.Functions.CustomHandler;

/// <summary>
/// How large a payload the host can send each kind of payload-mode function, and so the body limit of its
/// <c>POST /{name}</c> route.
/// </summary>
/// <remarks>
/// A Service Bus message (Standard tier) is at most 256 KB. In the payload its body is either base64 (4/3 of its size)
/// or text that the host JSON-encodes twice (the body becomes a string in an array, and the array text a string
/// again), so a quote or backslash in the body takes four bytes and anything else one: a JSON body in which at most a
/// third of the bytes are quotes or backslashes at most doubles. A usage record has about one quote in eight bytes and
/// grows by about 1.4. With a few KB of metadata per message (id, delivery count, times, properties) and the envelope,
/// a full batch of <see cref="MaxMessageBatchSize"/> messages of 256 KB takes at most <see cref="Batch"/> bytes.
/// </remarks>
internal static class PayloadLimits
{
    /// <summary>The largest Service Bus message body (Standard tier).</summary>
    public const long MaxMessageBytes = 256 * 1024;

    /// <summary>host.json <c>extensions.serviceBus.maxMessageBatchSize</c>: messages per <c>cardinality: many</c> invocation.</summary>
    public const int MaxMessageBatchSize = 100;

    /// <summary>One message in a payload: its body doubled by the encodings, and its metadata.</summary>
    public const long PerMessage = (2 * MaxMessageBytes) + (4 * 1024);

    /// <summary>The envelope (<c>Data</c>, <c>Metadata</c>, <c>sys</c>); all of a timer's payload.</summary>
    public const long Envelope = 64 * 1024;

    /// <summary>A timer invocation: 64 KiB.</summary>
    public const long Timer = Envelope;

    /// <summary>A <c>cardinality: one</c> invocation: 580 KiB.</summary>
    public const long SingleMessage = Envelope + PerMessage;

    /// <summary>A <c>cardinality: many</c> invocation: 100 messages, 50.5 MiB (52,903,936 bytes).</summary>
    public const long Batch = Envelope + (MaxMessageBatchSize * PerMessage);

    /// <summary>The limit for <paramref name="function"/>; the batch limit when it is not known.</summary>
    public static long For(FunctionDefinition? function) => function switch
    {
        TimerFunctionDefinition => Timer,
        ServiceBusFunctionDefinition { Cardinality: ServiceBusCardinality.One } => SingleMessage,
        _ => Batch,
    };
}
