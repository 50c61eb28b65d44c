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

    /// <summary>The top-level <c>metadata</c> object (Anthropic's, where Claude Code names its session).</summary>
    Metadata,

    /// <summary>Anything deeper: messages, content parts, schemas.</summary>
    Other,
}
