using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.Local;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyMeter.Functions.Tests.Hosting;

/// <summary>
/// The real app in local mode on Kestrel at a loopback port, against the test Azurite, with tables of its own
/// (a unique table prefix) and every log line captured.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789";

    private RunningApp(WebApplication app, ListLoggerProvider logs, string tablePrefix)
    {
        App = app;
        Logs = logs;
        TablePrefix = tablePrefix;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public ListLoggerProvider Logs { get; }

    public string TablePrefix { get; }

    public HttpClient Client { get; }

    public static Task<RunningApp> StartAsync(AzuriteFixture azurite, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs) =>
        StartAsync(azurite.Azurite.ConnectionString, configure, extraArgs);

    /// <summary>The app against the storage of <paramref name="connectionString"/> (an Azurite of the test's own).</summary>
    public static async Task<RunningApp> StartAsync(string connectionString, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs)
    {
        var logs = new ListLoggerProvider();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--KeyMeter:Storage:ConnectionString=" + connectionString,
            "--KeyMeter:Storage:TablePrefix=" + prefix,
            "--KeyMeter:Local:FunctionKey=" + FunctionKey,
            "--KeyMeter:Local:StartAzurite=false",
            .. extraArgs,
        ];
        var app = KeyMeterApp.Build(args, readLocalSettingsFile: false, configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new RunningApp(app, logs, prefix);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? json = null, bool withKey = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (withKey)
        {
            request.Headers.Add(LocalFunctionKey.HeaderName, FunctionKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Posts a payload-mode invocation as the host would, with the function key local mode demands.</summary>
    public async Task<HttpResponseMessage> PostPayloadAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(LocalFunctionKey.HeaderName, FunctionKey);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
