using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;

namespace KeyMeter.Functions.Tests.Proxy;

/// <summary>KeyMeter in local mode in front of a <see cref="FakeProvider"/>, with every usage record captured.</summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    public const string OpenAIKey = "test-openai-provider-key";
    public const string AnthropicKey = "test-anthropic-provider-key";
    public const string GoogleKey = "test-google-provider-key";

    private ProxyHarness(FakeProvider provider, RunningApp app, RecordingUsageSink usage)
    {
        Provider = provider;
        App = app;
        Usage = usage;
    }

    public FakeProvider Provider { get; }

    public RunningApp App { get; }

    public RecordingUsageSink Usage { get; }

    public Uri OpenAIBaseUrl => new(App.Client.BaseAddress!, "/v1");

    public Uri AnthropicBaseUrl => new(App.Client.BaseAddress!, "/anthropic");

    public static Task<ProxyHarness> StartAsync(AzuriteFixture azurite, params string[] extraArgs) =>
        StartAsync(azurite.Azurite.ConnectionString, throughQueue: false, null, extraArgs);

    /// <summary>Like <see cref="StartAsync(AzuriteFixture, string[])"/>, with last-minute changes to the app's services.</summary>
    public static Task<ProxyHarness> StartAsync(AzuriteFixture azurite, Action<IServiceCollection> services, params string[] extraArgs) =>
        StartAsync(azurite.Azurite.ConnectionString, throughQueue: false, services, extraArgs);

    /// <summary>Like <see cref="StartAsync(AzuriteFixture, string[])"/>, but records also go on through the real usage queue to the aggregator.</summary>
    public static Task<ProxyHarness> StartWithPipelineAsync(AzuriteFixture azurite, params string[] extraArgs) =>
        StartAsync(azurite.Azurite.ConnectionString, throughQueue: true, null, extraArgs);

    /// <summary>With the usage pipeline, against the storage of <paramref name="connectionString"/> (an Azurite of the test's own).</summary>
    public static Task<ProxyHarness> StartWithPipelineAsync(string connectionString, params string[] extraArgs) =>
        StartAsync(connectionString, throughQueue: true, null, extraArgs);

    private static async Task<ProxyHarness> StartAsync(string connectionString, bool throughQueue, Action<IServiceCollection>? services, string[] extraArgs)
    {
        var provider = await FakeProvider.StartAsync();
        var usage = new RecordingUsageSink();
        string[] args =
        [
            "--KeyMeter:Providers:OpenAI:BaseUrl=" + new Uri(provider.BaseAddress, "/v1"),
            "--KeyMeter:Providers:Anthropic:BaseUrl=" + provider.BaseAddress,
            "--KeyMeter:Providers:Google:BaseUrl=" + new Uri(provider.BaseAddress, "/v1"),

            // The Azure providers' paths, as https://<resource>.openai.azure.com/openai/v1 and
            // https://<resource>.services.ai.azure.com/anthropic have them; no model goes there without Deployments.
            "--KeyMeter:Providers:AzureOpenAI:BaseUrl=" + new Uri(provider.BaseAddress, "/openai/v1"),
            "--KeyMeter:Providers:AzureAnthropic:BaseUrl=" + new Uri(provider.BaseAddress, "/anthropic"),
            "--KeyMeter:Secrets:OpenAIApiKey=" + OpenAIKey,
            "--KeyMeter:Secrets:AnthropicApiKey=" + AnthropicKey,
            "--KeyMeter:Secrets:GoogleApiKey=" + GoogleKey,

            // The proxy's own Cursor fee estimate counts only without Cursor ingestion; most tests check that estimate.
            "--KeyMeter:Cursor:Enabled=false",
            .. extraArgs,
        ];
        var app = await RunningApp.StartAsync(
            connectionString,
            builder =>
            {
                builder.Services.AddSingleton<IUsageSink>(provider => throughQueue
                    ? new TeeUsageSink(usage, ActivatorUtilities.CreateInstance<QueueUsageSink>(provider))
                    : usage);
                services?.Invoke(builder.Services);
            },
            args);
        return new ProxyHarness(provider, app, usage);
    }

    /// <summary>The official OpenAI SDK's chat client for <paramref name="model"/>, pointed at KeyMeter's <c>/v1</c>, without retries.</summary>
    public ChatClient ChatClient(string model, string secret) =>
        new(model, new ApiKeyCredential(secret), new OpenAIClientOptions { Endpoint = OpenAIBaseUrl, RetryPolicy = new ClientRetryPolicy(0) });

    /// <summary>POSTs a Chat Completions body with <paramref name="secret"/>; the status and the JSON answer.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostChatAsync(string json, string secret)
    {
        using var request = ProxyRequests.Post(json, secret, "/v1/chat/completions");
        using var response = await App.Client.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    public async Task<CreatedKey> CreateKeyAsync(string name = "dev", decimal? daily = null, IReadOnlyList<string>? models = null)
    {
        var keys = App.App.Services.GetRequiredService<KeyManagement>();
        var result = await keys.CreateAsync(
            new CreateKeyRequest(name, "dev@example.com", new Dictionary<string, string> { ["team"] = "platform" }, new BudgetsInput(daily, null), models?.ToList(), null),
            "test",
            CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException("Key creation failed: " + result.Kind);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
