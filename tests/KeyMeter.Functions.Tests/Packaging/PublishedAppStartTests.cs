using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KeyMeter.Testing;

namespace KeyMeter.Functions.Tests.Packaging;

/// <summary>
/// The published executable itself starts (self-contained, invariant globalization, the function folders beside it)
/// and answers, in local mode against the test Azurite: what the Functions host will launch.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class PublishedAppStartTests(AzuriteFixture azurite)
{
    private readonly PublishedApp _published = PublishedApp.Instance;

    [Fact]
    public async Task PublishedExecutable_Starts_AndServesTheDashboardAndTheFunctionKeyCheck()
    {
        Assert.True(_published.ExitCode == 0, "dotnet publish failed:\n" + _published.Log);
        var port = FreePort();
        const string FunctionKey = "published-app-function-key-0123";
        var start = new ProcessStartInfo(Path.Combine(_published.Output, "KeyMeter.Functions"),
        [
            $"--urls=http://127.0.0.1:{port}",
            "--KeyMeter:Storage:ConnectionString=" + azurite.Azurite.ConnectionString,
            "--KeyMeter:Storage:TablePrefix=t" + Guid.NewGuid().ToString("N")[..12],
            "--KeyMeter:Local:StartAzurite=false",
            "--KeyMeter:Local:FunctionKey=" + FunctionKey,
            "--KeyMeter:Digests:TimeZone=Europe/Berlin",
        ])
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ROOT"] = "/nonexistent";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var dashboard = await WaitForAsync(client, "/dashboard", process);
            Assert.True(dashboard == HttpStatusCode.OK, $"GET /dashboard answered {dashboard}");
            using var withoutKey = await client.GetAsync(new Uri("/reports/budgets", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/reports/budgets");
            request.Headers.Add("x-functions-key", FunctionKey);
            using var withKey = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        Assert.DoesNotContain("Unhandled exception", await output + await errors, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> WaitForAsync(HttpClient client, string path, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        return process.HasExited ? throw new InvalidOperationException($"The published app exited with {process.ExitCode}.") : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
