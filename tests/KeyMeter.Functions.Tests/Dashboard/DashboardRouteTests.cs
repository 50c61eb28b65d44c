using System.Net;
using System.Text.RegularExpressions;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Dashboard;

/// <summary><c>GET /dashboard</c> over HTTP: one self-contained page, anonymous, locked down by its CSP.</summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed partial class DashboardRouteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Dashboard_WithoutKey_200HtmlWithStrictCspAndNothingExternal()
    {
        await using var app = await RunningApp.StartAsync(azurite);

        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/dashboard", withKey: false));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("sha256-", csp, StringComparison.Ordinal);
        Assert.Empty(ExternalReference().Matches(html));
        Assert.DoesNotContain(RunningApp.FunctionKey, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Post_NotAllowed()
    {
        await using var app = await RunningApp.StartAsync(azurite);

        using var response = await app.Client.SendAsync(RunningApp.Request(HttpMethod.Post, "/dashboard", "{}", withKey: false));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    // A src or href that leaves the page (a CDN script, a web font, a stylesheet).
    [GeneratedRegex("""(src|href)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
