namespace KeyMeter.Core.Proxy;

/// <summary>What an object or array of a request body is to the proxy.</summary>
internal enum RequestFrameRole
{
    /// <summary>The body itself.</summary>
    Root,

    /// <summary>The <c>stream_options</c> object.</summary>
    StreamOptions,

    /// <summary>The top-level <c>tools</c> array.</summary>
    Tools,

    /// <summary>One tool in it.</summary>
    Tool,

    /// <summary>Anything deeper: messages, content parts, schemas.</summary>
    Other,
}
