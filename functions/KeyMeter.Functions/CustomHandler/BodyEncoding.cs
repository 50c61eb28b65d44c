namespace KeyMeter.Functions.CustomHandler;

/// <summary>How a message body arrives in <see cref="InvocationRequest.Data"/>.</summary>
internal enum BodyEncoding
{
    /// <summary>Text (the default for custom handlers): a JSON value, a string containing JSON, or a plain string.</summary>
    Text,

    /// <summary>Base64, as the host sends <c>byte[]</c> values. Opt-in: a text body may happen to be valid base64.</summary>
    Base64,
}
