namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>How a fuzz case is sent.</summary>
internal enum FuzzTransport
{
    /// <summary>Through the shared HttpClient.</summary>
    Client,

    /// <summary>Over a bare socket: the head claims a body far larger than the bytes that follow; the connection stays open.</summary>
    OversizedContentLength,

    /// <summary>Over a bare socket: part of the announced body, then the client stops sending.</summary>
    TruncatedBody,
}
