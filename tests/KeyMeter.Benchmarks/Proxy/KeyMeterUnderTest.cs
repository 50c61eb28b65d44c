using KeyMeter.Benchmarks.Aggregation;
using KeyMeter.Core.Metering;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Benchmarks.Proxy;

/// <summary>
/// KeyMeter as it runs locally (<see cref="LocalKeyMeter"/>): keys in an in-memory Azurite, the real proxy pipeline
/// and key cache, the fake upstream as both its OpenAI and its Anthropic. Two things differ, both so that the
/// measurement is the proxy's: the usage sink only counts (no queue), and logging providers are cleared (no console
/// writes).
/// </summary>
internal sealed class KeyMeterUnderTest : IAsyncDisposable
{
    private readonly AzuriteTables _azurite;
    private readonly WebApplication _app;

    private KeyMeterUnderTest(AzuriteTables azurite, WebApplication app, CountingUsageSink usage, string secret)
    {
        _azurite = azurite;
        _app = app;
        Usage = usage;
        Secret = secret;
    }

    public Uri BaseAddress => LocalKeyMeter.BaseAddress(_app);

    public CountingUsageSink Usage { get; }

    /// <summary>A developer key without budgets or allow-list: budgets then cost no storage access (BudgetGate).</summary>
    public string Secret { get; }

    public static async Task<KeyMeterUnderTest> StartAsync(Uri upstream, string providerKey, CancellationToken cancellationToken)
    {
        // 1. Storage for keys: Azurite in memory on a free port.
        var azurite = await AzuriteTables.StartAsync(cancellationToken);
        try
        {
            // 2. The app in local mode in front of the fake upstream as both OpenAI and Anthropic, with the production
            // key cache TTL.
            var usage = new CountingUsageSink();
            string[] settings =
            [
                "--KeyMeter:Providers:OpenAI:BaseUrl=" + new Uri(upstream, "v1"),
                "--KeyMeter:Secrets:OpenAIApiKey=" + providerKey,
                "--KeyMeter:Providers:Anthropic:BaseUrl=" + upstream,
                "--KeyMeter:Secrets:AnthropicApiKey=" + providerKey,
            ];
            var app = await LocalKeyMeter.StartAsync(
                azurite.ConnectionString,
                AzuriteTables.NewPrefix("bench"),
                settings,
                builder => builder.Services.AddSingleton<IUsageSink>(usage),
                cancellationToken);

            // 3. One developer key, created the way the manage endpoint does.
            var created = await LocalKeyMeter.CreateKeyAsync(app, "benchmark", "bench@example.com", new Dictionary<string, string> { ["team"] = "platform" }, cancellationToken);
            return new KeyMeterUnderTest(azurite, app, usage, created.Secret);
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
