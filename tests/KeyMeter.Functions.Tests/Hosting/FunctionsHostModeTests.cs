using System.Net;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Hosting;

public sealed class FunctionsHostModeTests
{
    [Fact]
    public async Task Build_UnderFunctionsHost_ListensOnLoopbackPortAndLeavesKeysToTheHost()
    {
        var port = AzuriteFixture.FreePort();
        string[] args =
        [
            $"--{HostingMode.PortVariable}={port}",
            "--KeyMeter:Storage:ConnectionString=UseDevelopmentStorage=true",
            "--KeyMeter:ServiceBus:FullyQualifiedNamespace=sb-test.servicebus.windows.net",
        ];
        await using var app = KeyMeterApp.Build(args, readLocalSettingsFile: false);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var root = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var manage = await client.GetAsync(new Uri("/manage/keys/not-a-key", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        // The host checked the function key before proxying: no local key check, the route itself answers.
        Assert.Equal(HttpStatusCode.NotFound, manage.StatusCode);
        Assert.True(app.Services.GetRequiredService<HostingMode>().UnderFunctionsHost);
        Assert.Null(app.Services.GetService<LocalFunctionKey>());
        await app.StopAsync();
    }
}
