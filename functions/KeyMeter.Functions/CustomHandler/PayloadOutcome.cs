namespace KeyMeter.Functions.CustomHandler;

/// <summary>How a payload-mode invocation ended, and so which status the endpoint answers.</summary>
internal enum PayloadOutcome
{
    /// <summary>200 with an <see cref="InvocationResponse"/>; Service Bus completes the message(s).</summary>
    Success,

    /// <summary>500: the invocation fails, so Service Bus redelivers (DeliveryCount + 1) and dead-letters in the end.</summary>
    TransientFailure,

    /// <summary>400: the payload cannot be understood; retrying will not help.</summary>
    BadPayload,
}
