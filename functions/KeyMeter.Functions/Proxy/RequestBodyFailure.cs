namespace KeyMeter.Functions.Proxy;

/// <summary>Why a request body was not read.</summary>
internal enum RequestBodyFailure
{
    None,

    /// <summary>Larger than the proxy's limit: 413.</summary>
    TooLarge,

    /// <summary>The process already holds as many request bytes as it may: 503, try again.</summary>
    Busy,
}
