using KeyMeter.Functions.Host;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Local mode's stand-in for the Functions host's key check: a request that matches an HTTP function whose
/// function.json says <c>authLevel: function</c> (or admin) needs <c>x-functions-key</c>. The key is accepted only
/// in the header, never in the URL. Payload-mode endpoints (<c>POST /{timer or queue function}</c>) are the host's
/// own calls and are not checked, as under the Functions host, where they are never exposed publicly.
/// </summary>
internal sealed class LocalFunctionKeyMiddleware(RequestDelegate next, FunctionCatalog catalog, LocalFunctionKey key)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (IsPayloadInvocation(context.Request)
            || !catalog.TryMatchHttp(context.Request.Method, context.Request.Path, out var function, out _)
            || function.AuthLevel == HttpAuthLevel.Anonymous
            || key.Matches(context.Request.Headers[LocalFunctionKey.HeaderName].ToString()))
        {
            return next(context);
        }

        return Results.Problem(
            detail: $"This route needs the function key in the '{LocalFunctionKey.HeaderName}' header; local mode prints it at start.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Function key required").ExecuteAsync(context);
    }

    private bool IsPayloadInvocation(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value is { Length: > 1 } path
        && path.IndexOf('/', 1) < 0
        && catalog.Find(path[1..]) is { IsPayloadMode: true };
}
