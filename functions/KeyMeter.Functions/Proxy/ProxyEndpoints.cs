using KeyMeter.Core.Proxy;

namespace KeyMeter.Functions.Proxy;

/// <summary>
/// Maps the OpenAI-compatible <c>/v1/*</c> and Anthropic-compatible <c>/anthropic/*</c> routes. Every method reaches the
/// handler, so a wrong method or an unknown path is answered in the provider's error shape, not as ProblemDetails.
/// </summary>
internal static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder app)
    {
        // Plain request delegates over the one (singleton) handler: a proxied call binds no parameters and never opens a
        // request service scope.
        var handler = app.ServiceProvider.GetRequiredService<ProxyHandler>();
        foreach (var route in ProxyRoutes.All)
        {
            app.Map(route.Path, context => handler.HandleAsync(context, route));
        }

        app.Map(ProxyRoutes.OpenAIPrefix + "/{**rest}", context => NotFoundAsync(context, ProviderDialect.OpenAI));
        app.Map(ProxyRoutes.AnthropicPrefix + "/{**rest}", context => NotFoundAsync(context, ProviderDialect.Anthropic));
        return app;
    }

    private static Task NotFoundAsync(HttpContext context, ProviderDialect dialect)
    {
        var problem = ProxyProblem.NotFound(context.Request.Path.Value ?? "/");
        return ProviderError.WriteAsync(context, dialect, problem.Status, problem.Type, problem.Code, problem.Message);
    }
}
