namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// The one long-lived connection pool to the providers, as in YARP's forwarder: no redirects, no decompression, no cookies,
/// no system proxy surprises; headers read before the body so streams pass through as they arrive.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    public UpstreamClient()
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ActivityHeadersPropagator = null,
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
