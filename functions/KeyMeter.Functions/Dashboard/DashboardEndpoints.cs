namespace KeyMeter.Functions.Dashboard;

/// <summary>
/// <c>GET /dashboard</c> (function <c>dashboard</c>, anonymous): the page holds no data, it asks for the function key
/// and reads the report routes, which keep requiring it.
/// </summary>
internal static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard", Page);
        return endpoints;
    }

    public static IResult Page(DashboardPage page, HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(page.Html, "text/html; charset=utf-8");
    }
}
