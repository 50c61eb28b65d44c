using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using KeyMeter.Core.Keys;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace KeyMeter.Functions.Tests.Fuzz;

/// <summary>
/// A bounded fuzz run over real Kestrel in local mode: more than 10,000 malformed requests, from one seed, across the
/// proxy (against a loopback upstream), management, report and payload routes, sent concurrently over one HttpClient
/// (and a few over bare sockets). No answer may be a 5xx, no connection may drop, and afterwards the app still answers
/// its readiness check, a proxy call and a management call.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class MalformedRequestFuzzTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Seed = 20261117;
    private const int Count = 10_400;
    private const int Concurrency = 16;

    [Fact]
    public async Task Fuzz_TenThousandMalformedRequests_NoServerErrorNoDroppedConnectionAndHealthyAfter()
    {
        // 1. The app in front of a loopback upstream, keys to call it with, and one key the management cases may change.
        await using var upstream = await FuzzUpstream.StartAsync();
        await using var app = await RunningApp.StartAsync(
            azurite,
            builder => builder.Services.AddSingleton<IUsageSink>(new RecordingUsageSink()),
            "--KeyMeter:Providers:OpenAI:BaseUrl=" + new Uri(upstream.BaseAddress, "/v1"),
            "--KeyMeter:Providers:Anthropic:BaseUrl=" + upstream.BaseAddress,
            "--KeyMeter:Secrets:OpenAIApiKey=fuzz-openai-provider-key",
            "--KeyMeter:Secrets:AnthropicApiKey=fuzz-anthropic-provider-key",
            "--KeyMeter:Cursor:Enabled=false",

            // Malformed input is the subject here, not outages: storage shared by 16 concurrent clients on two cores
            // may take longer than the default second, which would rightly answer 503.
            "--KeyMeter:Proxy:KeyLookupTimeout=00:00:10",
            "--KeyMeter:Budgets:StorageTimeout=00:00:10");
        var keys = app.App.Services.GetRequiredService<KeyManagement>();
        var proxyKey = await CreateKeyAsync(keys, "fuzz-open", null, null);
        var limitedKey = await CreateKeyAsync(keys, "fuzz-limited", 1000m, ["gpt-5", "claude-*"]);
        var victim = await CreateKeyAsync(keys, "fuzz-victim", 1m, null);
        var context = new FuzzContext(proxyKey.Secret, limitedKey.Secret, victim.Key.Id, RunningApp.FunctionKey);

        // 2. The run.
        var cases = new FuzzCorpus(context, Seed).Generate(Count);
        var outcomes = new ConcurrentBag<FuzzOutcome>();
        // Header values go out as UTF-8, so the non-ASCII ones reach the server instead of failing in the client.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var client = new HttpClient(handler) { BaseAddress = app.Client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            cases,
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (fuzz, cancellationToken) => outcomes.Add(await FuzzRunner.SendAsync(client, fuzz, cancellationToken)));
        clock.Stop();

        // 3. Still healthy: the readiness check, a proxy call and a management call.
        using var ready = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var call = ProxyRequests.Post("""{"model":"gpt-5","messages":[{"role":"user","content":"still there?"}]}""", proxyKey.Secret);
        using var answered = await client.SendAsync(call);
        using var listed = await client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/keys/" + proxyKey.Key.Id));

        // 4. What failed.
        var failed = outcomes.Where(outcome => outcome.Failed).OrderBy(outcome => outcome.Case.Number).ToList();
        output.WriteLine($"{cases.Count} requests in {clock.Elapsed.TotalSeconds:F1} s ({cases.Count / clock.Elapsed.TotalSeconds:F0}/s), {upstream.Calls} reached the upstream; {FuzzRunner.Summarize(outcomes)}.");
        foreach (var group in failed.GroupBy(outcome => (outcome.Case.Route, Kind: outcome.Case.Mutation.Split('+')[0], outcome.Describe())).OrderByDescending(group => group.Count()))
        {
            output.WriteLine($"  {group.Count(),5} x {group.Key.Route} [{group.Key.Kind}] -> {group.Key.Item3}; e.g. {group.First().Case}");
        }

        foreach (var group in app.Logs.Lines.Where(line => line.Level >= LogLevel.Error).GroupBy(line => line.Exception?.Split(Environment.NewLine)[0] ?? $"event {line.EventId}").OrderByDescending(group => group.Count()).Take(20))
        {
            var example = group.First().Message;
            output.WriteLine($"  error logged {group.Count(),4} x {group.Key}; e.g. {example[..Math.Min(140, example.Length)]}");
        }

        Assert.True(cases.Count >= 10_000);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.True(failed.Count == 0, $"{failed.Count} request(s) got a 5xx or no answer:{Environment.NewLine}{string.Join(Environment.NewLine, failed.Take(40).Select(outcome => $"{outcome.Case} -> {outcome.Describe()}"))}");
    }

    private static async Task<CreatedKey> CreateKeyAsync(KeyManagement keys, string name, decimal? daily, IReadOnlyList<string>? models)
    {
        var result = await keys.CreateAsync(
            new CreateKeyRequest(name, "fuzz@example.com", new Dictionary<string, string> { ["team"] = "fuzz" }, new BudgetsInput(daily, null), models?.ToList(), null),
            "fuzz",
            CancellationToken.None);
        return result.Value ?? throw new InvalidOperationException("Key creation failed: " + result.Kind);
    }
}
