using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Functions.Tests.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Functions.Tests.Proxy;
using KeyMeter.Testing;
using Xunit.Abstractions;

namespace KeyMeter.Functions.Tests.Faults;

/// <summary>
/// Table Storage down for two minutes under steady proxy traffic: every call the provider served is in the
/// aggregates once storage is back, nothing is dead-lettered, and the proxy kept answering. An Azurite of this test's
/// own, with its data on disk, is stopped and started again.
/// </summary>
public sealed class StorageOutageUnderTrafficTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);
    private StoppableAzurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await StoppableAzurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task StorageDownTwoMinutes_EveryServedCallIsCountedAndNothingIsDeadLettered()
    {
        await using var harness = await ProxyHarness.StartWithPipelineAsync(_azurite.ConnectionString);
        var keys = new[] { await harness.CreateKeyAsync("steady-a"), await harness.CreateKeyAsync("steady-b") };
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();

        // 1. Steady traffic: a call every 250 ms, from two keys, before, during and after the outage.
        var traffic = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var request = ProxyRequests.Post("""{"model":"gpt-5","messages":[{"role":"user","content":"steady"}]}""", keys[i % 2].Secret);
                using var response = await harness.App.Client.SendAsync(request, CancellationToken.None);
                statuses.Add(response.StatusCode);
                await Task.Delay(250, CancellationToken.None);
            }
        });

        // 2. Storage goes away for two minutes, then comes back.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await _azurite.StopAsync();
        var servedBefore = harness.Provider.CompletedAnswers;
        await Task.Delay(Outage);
        var servedDuring = harness.Provider.CompletedAnswers - servedBefore;
        await _azurite.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await traffic;

        // 3. Every call the provider served has its record, and every record reaches the aggregates.
        var served = harness.Provider.CompletedAnswers;
        var records = await harness.Usage.WaitForAsync(served, TimeSpan.FromSeconds(30));
        Assert.Equal(served, records.Count);
        var partitions = records.Select(record => AggregateKeys.Partition(record.StartedAt)).Distinct().ToList();
        var counted = await CountedAsync(harness.App, partitions, served, TimeSpan.FromMinutes(3));
        output.WriteLine($"{statuses.Count} calls ({statuses.Count(status => status == HttpStatusCode.OK)} answered 200), {servedDuring} served while storage was down, {counted} counted.");
        Assert.Equal(served, counted);
        Assert.True(servedDuring > 0, "the proxy stopped serving known keys during the outage");
        Assert.DoesNotContain(statuses, status => (int)status >= 500 && status != HttpStatusCode.ServiceUnavailable);

        // 4. Nothing was dead-lettered.
        using var deadLetters = await harness.App.Client.SendAsync(RunningApp.Request(HttpMethod.Get, "/manage/deadletters/usage"));
        using var listed = JsonDocument.Parse(await deadLetters.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, deadLetters.StatusCode);
        Assert.Equal(0, listed.RootElement.GetProperty("count").GetInt32());
    }

    private static async Task<long> CountedAsync(RunningApp app, IReadOnlyList<string> partitions, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            long counted = 0;
            foreach (var partition in partitions)
            {
                counted += (await AggregatesProbe.MonthTotalAsync(app, partition)).Requests;
            }

            if (counted >= expected || DateTime.UtcNow > deadline)
            {
                return counted;
            }

            await Task.Delay(500);
        }
    }
}
