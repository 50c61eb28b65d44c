using System.Net;
using System.Text.Json;
using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.Hosting;
using KeyMeter.Functions.Tests.Aggregation;
using KeyMeter.Functions.Tests.Hosting;
using KeyMeter.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using static KeyMeter.Testing.AggregationFixtures;

namespace KeyMeter.Functions.Tests.DeadLetters;

/// <summary>
/// <c>GET /manage/deadletters/{queue}</c> and <c>POST /manage/deadletters/{queue}/replay</c>: under the Functions host
/// against a Service Bus stand-in, and in local mode, where parked messages outlive the process.
/// </summary>
[Collection(AzuriteCollectionDefinition.Name)]
public sealed class DeadLetterRoutesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task UnderFunctionsHost_ListThenReplay_MovesTheDeadLettersBackThroughServiceBus()
    {
        await using var bus = await ServiceBusStandIn.StartAsync("usage");
        bus.DeadLetter("px_1", """{"id":"px_1","owner":"body text that must not be listed"}""");
        bus.DeadLetter("px_2", """{"id":"px_2"}""");
        await using var host = await StartUnderHostAsync(bus);

        var (listStatus, list) = await SendAsync(host.Client, HttpMethod.Get, "/manage/deadletters/usage?max=1");
        var (replayStatus, replay) = await SendAsync(host.Client, HttpMethod.Post, "/manage/deadletters/USAGE/replay");
        var (afterStatus, after) = await SendAsync(host.Client, HttpMethod.Get, "/manage/deadletters/usage");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal("usage", list.GetProperty("queue").GetString());
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.True(list.GetProperty("more").GetBoolean());
        var listed = list.GetProperty("messages")[0];
        Assert.Equal("px_1", listed.GetProperty("messageId").GetString());
        Assert.StartsWith("MaxDeliveryCountExceeded", listed.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("body text", list.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        Assert.Equal(2, replay.GetProperty("replayed").GetInt32());
        Assert.Equal(["px_1", "px_2"], replay.GetProperty("messages").EnumerateArray().Select(message => message.GetProperty("messageId").GetString()));
        Assert.Equal(2, bus.Queue.Count);
        Assert.Empty(bus.DeadLetters);
        Assert.Equal((HttpStatusCode.OK, 0), (afterStatus, after.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task UnderFunctionsHost_ServiceBusRefusesTheSend_502AndTheMessageStays()
    {
        await using var bus = await ServiceBusStandIn.StartAsync("usage");
        bus.DeadLetter("px_1", "{}");
        bus.RefuseSendsWith = 403;
        await using var host = await StartUnderHostAsync(bus);

        var (status, problem) = await SendAsync(host.Client, HttpMethod.Post, "/manage/deadletters/usage/replay");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal(0, problem.GetProperty("replayed").GetInt32());
        Assert.Single(bus.DeadLetters);
    }

    [Theory]
    [InlineData("GET", "/manage/deadletters/invoices", HttpStatusCode.NotFound)]
    [InlineData("POST", "/manage/deadletters/invoices/replay", HttpStatusCode.NotFound)]
    [InlineData("GET", "/manage/deadletters/usage?max=0", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/manage/deadletters/usage?max=501", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/manage/deadletters/alerts/replay?max=-1", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/manage/deadletters/alerts/replay?max=ten", HttpStatusCode.BadRequest)]
    public async Task UnderFunctionsHost_BadQueueOrMax_4xx(string method, string path, HttpStatusCode expected)
    {
        await using var bus = await ServiceBusStandIn.StartAsync("usage");
        await using var host = await StartUnderHostAsync(bus);

        var (status, _) = await SendAsync(host.Client, new HttpMethod(method), path);

        Assert.Equal(expected, status);
        Assert.Empty(bus.Requests);
    }

    [Fact]
    public async Task LocalMode_ParkedMessage_OutlivesTheProcessAndReplayCountsIt()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        string[] args = ["--KeyMeter:Local:MaxDeliveryCount=2", "--KeyMeter:Local:RetryBackoff=00:00:00.010", "--KeyMeter:Storage:TablePrefix=" + prefix];
        var record = Record("px_parked");

        // 1. Storage is down for the aggregator: the record is delivered twice, then parked.
        await using (var down = await RunningApp.StartAsync(azurite, builder => builder.Services.AddSingleton<IAggregateStore>(new UnavailableAggregateStore()), args))
        {
            await down.App.Services.GetRequiredService<IQueueSender>().SendAsync(QueueUsageSink.QueueName, [QueueUsageSink.ToMessage(record)], CancellationToken.None);
            var parked = await WaitForListingAsync(down, count: 1);
            Assert.Equal("px_parked", parked.GetProperty("messages")[0].GetProperty("messageId").GetString());
            Assert.Equal("HTTP 500", parked.GetProperty("messages")[0].GetProperty("reason").GetString());
        }

        // 2. A new process, storage back: the parked message is still listed, and the replay counts it once.
        await using var up = await RunningApp.StartAsync(azurite, configure: null, args);
        var listed = await WaitForListingAsync(up, count: 1);
        var (status, replay) = await SendAsync(up.Client, HttpMethod.Post, "/manage/deadletters/usage/replay");
        var total = await AggregatesProbe.WaitForRequestsAsync(up, "2026-11", 1);
        var (_, after) = await SendAsync(up.Client, HttpMethod.Get, "/manage/deadletters/usage");

        Assert.Equal(1, listed.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("px_parked|replay-", replay.GetProperty("messages")[0].GetProperty("replayedAs").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, total.Requests);
        Assert.Equal(0, after.GetProperty("count").GetInt32());
    }

    private static async Task<HostedApp> StartUnderHostAsync(ServiceBusStandIn bus)
    {
        var port = AzuriteFixture.FreePort();
        var app = KeyMeterApp.Build(
            [
                $"--{HostingMode.PortVariable}={port}",
                "--KeyMeter:Storage:ConnectionString=UseDevelopmentStorage=true",
                "--KeyMeter:ServiceBus:FullyQualifiedNamespace=sb-test.servicebus.windows.net",
            ],
            readLocalSettingsFile: false,
            configure: builder => builder.Services.AddSingleton<IDeadLetters>(ServiceBusDeadLettersTests.Create(new LoopbackTransport(bus.BaseAddress))));
        await app.StartAsync();
        return new HostedApp(app, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    private static async Task<JsonElement> WaitForListingAsync(RunningApp app, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var (status, listing) = await SendAsync(app.Client, HttpMethod.Get, "/manage/deadletters/usage");
            Assert.Equal(HttpStatusCode.OK, status);
            if (listing.GetProperty("count").GetInt32() >= count || DateTime.UtcNow > deadline)
            {
                return listing;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path)
    {
        using var response = await client.SendAsync(RunningApp.Request(method, path));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The app as the Functions host runs it, and a client for its port.</summary>
    private sealed class HostedApp(WebApplication app, HttpClient client) : IAsyncDisposable
    {
        public HttpClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
