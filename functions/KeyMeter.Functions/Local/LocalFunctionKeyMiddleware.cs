using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Local mode's stand-in for the Functions host's key check, closed by default: every request needs
/// <c>x-functions-key</c> except those to an HTTP function whose function.json says <c>authLevel: anonymous</c> (the
/// proxy, which checks its own bearer keys, and the dashboard page) and the readiness check <c>GET /</c>. That covers
/// the <c>authLevel: function</c> routes as in Azure, and also the payload-mode invocations
/// (<c>POST /{timer or queue function}</c>): under the Functions host those are the host's own calls on loopback and
/// never reachable from outside, while locally anyone who can reach the port, a web page in the developer's browser
/// included, could post them. Local mode's own timer scheduler and in-process queues send the key. It is accepted only
/// in the header, never in the URL.
/// </summary>
internal sealed class LocalFunctionKeyMiddleware(RequestDelegate next, FunctionCatalog catalog, LocalFunctionKey key)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!NeedsKey(context.Request) || key.Matches(context.Request.Headers[LocalFunctionKey.HeaderName].ToString()))
        {
            return next(context);
        }

        return Results.Problem(
            detail: $"This route needs the function key in the '{LocalFunctionKey.HeaderName}' header; local mode prints it at start.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Function key required").ExecuteAsync(context);
    }

    private bool NeedsKey(HttpRequest request)
    {
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.Value is null or "/")
        {
            return false;
        }

        // Any method: a wrong method on an anonymous route is answered by the route (405), not hidden behind a 401.
        return !catalog.TryMatchHttpPath(request.Path, out var function) || function.AuthLevel != HttpAuthLevel.Anonymous;
    }
}
