using KeyMeter.Functions.Proxy.Providers;

namespace KeyMeter.Functions.Proxy.Forwarding;

/// <summary>
/// The one place a forwarding failure becomes what the client sees: no answer at all is a 502 in the route's error
/// shape; an answer that broke off after its status was sent can only be cut, so the client does not take a truncated
/// body for a whole one. Both are logged without detail from the request.
/// </summary>
internal static class ForwardFailures
{
    public static Task AnswerAsync(HttpContext context, ProxyRoute route, ProviderDescription provider, ForwardResult result, ILogger logger)
    {
        if (result.Unanswered)
        {
            ProxyLog.UpstreamFailed(logger, provider.Name, "before answering", result.Failure ?? "no answer");
            return ProviderError.WriteAsync(context, route.Dialect, ProxyProblem.UpstreamUnavailable(provider.Name));
        }

        if (result.Cut)
        {
            ProxyLog.UpstreamFailed(logger, provider.Name, "mid-stream", "response body cut");
            context.Abort();
        }

        return Task.CompletedTask;
    }
}
