using System.Collections.Concurrent;
using Azure.Core.Pipeline;

namespace KeyMeter.Functions.Tests.DeadLetters;

/// <summary>
/// An Azure.Core transport that sends every request to a loopback stand-in instead, after the pipeline (with its
/// bearer-token policy, which insists on https) has built it for the real host; records the hosts asked for.
/// </summary>
internal sealed class LoopbackTransport(Uri standIn) : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<string> Hosts { get; } = new();

    public HttpClientTransport Transport => new(new HttpClient(this));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Hosts.Enqueue(request.RequestUri!.Scheme + "://" + request.RequestUri.Host);
        request.RequestUri = new Uri(standIn, request.RequestUri.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
