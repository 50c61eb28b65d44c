using KeyMeter.Functions.CustomHandler;
using Microsoft.Net.Http.Headers;

namespace KeyMeter.Functions.Hosting;

/// <summary>
/// Keeps web pages away from every state-changing route: a request with a method other than GET, HEAD or OPTIONS that
/// a browser sent on behalf of another site (an <c>Origin</c> that is not this app's own, or
/// <c>Sec-Fetch-Site</c> other than <c>same-origin</c> / <c>none</c>) is refused with 403 before anything runs. A page
/// can send a "simple" cross-origin POST (a form, or fetch with <c>text/plain</c>) without any preflight, so the function
/// key check alone would leave a key that leaks into a browser session usable by any page. Non-browser clients (curl,
/// scripts, the Functions host) send neither header and are not affected.
/// </summary>
/// <remarks>
/// The anonymous HTTP functions are exempt: the proxy routes are called cross-origin on purpose (Cursor's Verify button
/// runs in a browser), authenticate every call with a bearer key a page cannot attach by itself, and answer in the
/// provider's error shape. See https://developer.mozilla.org/docs/Web/HTTP/Headers/Sec-Fetch-Site and
/// https://owasp.org/www-community/attacks/csrf.
/// </remarks>
internal sealed class CrossOriginGuardMiddleware(RequestDelegate next, FunctionCatalog catalog)
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsSafe(request.Method)
            || (catalog.TryMatchHttpPath(request.Path, out var function) && function.AuthLevel == HttpAuthLevel.Anonymous)
            || (IsOwnOrigin(request) && IsSameOriginFetch(request)))
        {
            return next(context);
        }

        return Results.Problem(
            detail: "Requests that change state are not accepted from a web page of another site. Call this route from a script or a tool, without an Origin header.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Cross-origin request refused").ExecuteAsync(context);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>
    /// No Origin, or one naming this app's host and port. The scheme is not compared: under the Functions host the request
    /// reaches the handler over plain HTTP on loopback while the page was served over HTTPS.
    /// </summary>
    private static bool IsOwnOrigin(HttpRequest request)
    {
        var origin = request.Headers[HeaderNames.Origin];
        if (origin.Count == 0)
        {
            return true;
        }

        return origin.Count == 1
            && Uri.TryCreate(origin[0], UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && request.Host.HasValue
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSameOriginFetch(HttpRequest request)
    {
        var site = request.Headers[FetchSiteHeader];
        return site.Count == 0
            || (site.Count == 1 && (string.Equals(site[0], "same-origin", StringComparison.OrdinalIgnoreCase) || string.Equals(site[0], "none", StringComparison.OrdinalIgnoreCase)));
    }
}
