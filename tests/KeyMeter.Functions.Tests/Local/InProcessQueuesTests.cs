using System.Text;
using System.Text.Json;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.CustomHandler;
using Microsoft.Extensions.DependencyInjection;

namespace KeyMeter.Functions.Tests.Local;

public sealed class InProcessQueuesTests
{
    [Fact]
    public async Task SendAsync_ManyCardinality_DeliversOneBatchInTheHostShape()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage", "many", "records"));
        var function = new RecordingPayloadFunction("aggregate");
        await using var app = await StartAsync(root, function);
        var sender = app.Services.GetRequiredService<IQueueSender>();

        await sender.SendAsync("usage", [Message("u-1", """{"tokens":12}"""), Message("u-2", """{"tokens":30}""")], CancellationToken.None);
        var request = await function.NextCallAsync();

        Assert.Equal(JsonValueKind.String, request.Data["records"].ValueKind);
        Assert.Equal(JsonValueKind.String, request.Metadata["DeliveryCountArray"].ValueKind);
        var batch = ServiceBusBatch.Decode(request, "records");
        Assert.True(batch.Succeeded, batch.Error);
        Assert.Equal(["""{"tokens":12}""", """{"tokens":30}"""], batch.Value.Messages.Select(m => Encoding.UTF8.GetString(m.Body.Span)));
        Assert.Equal(["u-1", "u-2"], batch.Value.Messages.Select(m => m.MessageId));
        Assert.All(batch.Value.Messages, m => Assert.Equal(1, m.DeliveryCount));
    }

    [Fact]
    public async Task SendAsync_OneCardinality_DeliversEachMessageInTheSingleForm()
    {
        using var root = new TempAppRoot().With("notify", TempAppRoot.ServiceBus("alerts", "one", "alert"));
        var function = new RecordingPayloadFunction("notify");
        await using var app = await StartAsync(root, function);

        await app.Services.GetRequiredService<IQueueSender>().SendAsync("ALERTS", [Message("a-1", """{"x":1}"""), Message("a-2", "plain")], CancellationToken.None);
        var first = ServiceBusMessage.Decode(await function.NextCallAsync(), "alert");
        var second = ServiceBusMessage.Decode(await function.NextCallAsync(), "alert");

        Assert.Equal(("a-1", """{"x":1}"""), (first.Value?.MessageId, Encoding.UTF8.GetString(first.Value!.Body.Span)));
        Assert.Equal(("a-2", "plain"), (second.Value?.MessageId, Encoding.UTF8.GetString(second.Value!.Body.Span)));
    }

    [Fact]
    public async Task SendAsync_MoreThanBatchSize_SplitsIntoBatches()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        var function = new RecordingPayloadFunction("aggregate");
        await using var app = await StartAsync(root, function, options => options.MaxMessageBatchSize = 2);

        await app.Services.GetRequiredService<IQueueSender>().SendAsync("usage", [.. Enumerable.Range(1, 5).Select(i => Message($"m-{i}", "{}"))], CancellationToken.None);
        var ids = new List<string>();
        while (ids.Count < 5)
        {
            var batch = ServiceBusBatch.Decode(await function.NextCallAsync(), "messages");
            Assert.InRange(batch.Value!.Messages.Count, 1, 2);
            ids.AddRange(batch.Value.Messages.Select(m => m.MessageId));
        }

        Assert.Equal(["m-1", "m-2", "m-3", "m-4", "m-5"], ids);
    }

    [Fact]
    public async Task SendAsync_HandlerFailsTwice_RedeliversWithDeliveryCount3()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        var function = new RecordingPayloadFunction("aggregate", (_, call) => call <= 2 ? PayloadResult.TransientFailure("busy") : PayloadResult.Success());
        await using var app = await StartAsync(root, function);

        await app.Services.GetRequiredService<IQueueSender>().SendAsync("usage", [Message("u-1", "{}"), Message("u-2", "{}")], CancellationToken.None);
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var batch = ServiceBusBatch.Decode(await function.NextCallAsync(), "messages");
            Assert.Equal(["u-1", "u-2"], batch.Value!.Messages.Select(m => m.MessageId));
            counts.Add(batch.Value.Messages[0].DeliveryCount);
        }

        Assert.Equal([1, 2, 3], counts);
        await Task.Delay(100);
        Assert.Equal(3, function.CallCount);
        Assert.Empty(((MemoryDeadLetterStore)app.Services.GetRequiredService<IDeadLetterStore>()).All);
    }

    [Fact]
    public async Task SendAsync_HandlerAlwaysFails_ParksMessagesAfterTenDeliveries()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        var function = new RecordingPayloadFunction("aggregate", (_, _) => PayloadResult.TransientFailure("always"));
        var logs = new ListLoggerProvider();
        await using var app = await StartAsync(root, function, logs: logs);
        var queues = app.Services.GetRequiredService<InProcessQueues>();
        var store = (MemoryDeadLetterStore)app.Services.GetRequiredService<IDeadLetterStore>();

        await queues.SendAsync("usage", [Message("u-1", """{"secret-ish":"body text"}""")], CancellationToken.None);
        var deadLetter = await WaitForAsync(() => store.All.SingleOrDefault());

        Assert.Equal(("usage", "aggregate", "u-1", 10, "HTTP 500"), (deadLetter.QueueName, deadLetter.FunctionName, deadLetter.Message.MessageId, deadLetter.DeliveryCount, deadLetter.Reason));
        Assert.Equal(10, function.CallCount);
        var deliveryCounts = new List<int>();
        while (function.TryTakeCall(out var call))
        {
            deliveryCounts.Add(ServiceBusBatch.Decode(call.Request, "messages").Value!.Messages[0].DeliveryCount);
        }

        Assert.Equal(Enumerable.Range(1, 10), deliveryCounts);
        Assert.Contains(logs.Lines, line => line.EventId == 2112 && line.Message.Contains("u-1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Message.Contains("body text", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_DeadLetterStoreDownAtFirst_ParkedOnceItAnswers()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        var function = new RecordingPayloadFunction("aggregate", (_, _) => PayloadResult.TransientFailure("always"));
        var store = new MemoryDeadLetterStore(failFirstSaves: 2);
        var logs = new ListLoggerProvider();
        await using var app = await StartAsync(root, function, options => options.MaxDeliveryCount = 1, logs, store);

        await app.Services.GetRequiredService<IQueueSender>().SendAsync("usage", [Message("u-1", "{}")], CancellationToken.None);
        var deadLetter = await WaitForAsync(() => store.All.SingleOrDefault());

        Assert.Equal("u-1", deadLetter.Message.MessageId);
        Assert.Equal(2, logs.Lines.Count(line => line.EventId == 2116));
    }

    [Fact]
    public async Task SendAsync_BodyLargerThanAServiceBusMessage_Throws()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        await using var app = await StartAsync(root, new RecordingPayloadFunction("aggregate"));

        await Assert.ThrowsAsync<ArgumentException>(() => app.Services.GetRequiredService<IQueueSender>().SendAsync(
            "usage", [new QueueMessage("big", new byte[(256 * 1024) + 1])], CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_DuplicateMessageId_DeliveredOnce()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        var function = new RecordingPayloadFunction("aggregate");
        await using var app = await StartAsync(root, function);
        var sender = app.Services.GetRequiredService<IQueueSender>();

        await sender.SendAsync("usage", [Message("u-1", "{\"v\":1}"), Message("u-1", "{\"v\":2}")], CancellationToken.None);
        await sender.SendAsync("usage", [Message("u-1", "{\"v\":3}")], CancellationToken.None);
        await sender.SendAsync("usage", [Message("u-2", "{}")], CancellationToken.None);
        var ids = new List<string>();
        while (!ids.Contains("u-2"))
        {
            ids.AddRange(ServiceBusBatch.Decode(await function.NextCallAsync(), "messages").Value!.Messages.Select(m => m.MessageId));
        }

        Assert.Equal(["u-1", "u-2"], ids);
    }

    [Fact]
    public async Task SendAsync_QueueWithoutFunction_ThrowsNamingTheQueue()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        await using var app = await StartAsync(root, new RecordingPayloadFunction("aggregate"));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.Services.GetRequiredService<IQueueSender>().SendAsync("alerts", [Message("a", "{}")], CancellationToken.None));

        Assert.Equal("No function listens on queue 'alerts'. Queues with a serviceBusTrigger: usage.", exception.Message);
    }

    [Theory]
    [InlineData("", "{}")]
    [InlineData("x", null)]
    public async Task SendAsync_InvalidMessage_ThrowsArgumentException(string messageId, string? body)
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        await using var app = await StartAsync(root, new RecordingPayloadFunction("aggregate"));
        var message = new QueueMessage(messageId, body is null ? new byte[] { 0xC3, 0x28 } : Encoding.UTF8.GetBytes(body));

        await Assert.ThrowsAsync<ArgumentException>(() =>
            app.Services.GetRequiredService<IQueueSender>().SendAsync("usage", [message], CancellationToken.None));
    }

    [Fact]
    public async Task StopAsync_MessagesStillQueued_DrainsThemFirst()
    {
        using var root = new TempAppRoot().With("notify", TempAppRoot.ServiceBus("alerts", "one"));
        var function = new RecordingPayloadFunction("notify", (_, _) =>
        {
            Thread.Sleep(100);
            return PayloadResult.Success();
        });
        var app = await StartAsync(root, function);

        await app.Services.GetRequiredService<IQueueSender>().SendAsync("alerts", [.. Enumerable.Range(1, 5).Select(i => Message($"a-{i}", "{}"))], CancellationToken.None);
        await app.DisposeAsync();

        Assert.Equal(5, function.CallCount);
    }

    [Fact]
    public async Task Start_TwoFunctionsOnOneQueue_FailsNamingBoth()
    {
        using var root = new TempAppRoot()
            .With("aggregate", TempAppRoot.ServiceBus("usage"))
            .With("audit", TempAppRoot.ServiceBus("USAGE"));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(root, new RecordingPayloadFunction("aggregate")));

        Assert.Contains("Queue 'usage' has more than one serviceBusTrigger (aggregate, audit)", exception.Message, StringComparison.Ordinal);
    }

    private static QueueMessage Message(string id, string body) => new(id, Encoding.UTF8.GetBytes(body));

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("The condition was not met within 10 seconds.");
    }

    private static Task<TestWebApp> StartAsync(
        TempAppRoot root,
        RecordingPayloadFunction function,
        Action<LocalOptions>? configure = null,
        ListLoggerProvider? logs = null,
        MemoryDeadLetterStore? deadLetters = null) =>
        TestWebApp.StartAsync(
            services =>
            {
                services.AddFunctionCatalog(root.Path);
                services.AddSingleton<IPayloadFunction>(function);
                services.AddSingleton<IDeadLetterStore>(deadLetters ?? new MemoryDeadLetterStore());
                services.AddLocalRuntime();
                services.Configure<LocalOptions>(options =>
                {
                    options.RetryBackoff = TimeSpan.FromMilliseconds(5);
                    options.MaxBatchWaitTime = TimeSpan.FromMilliseconds(50);
                    configure?.Invoke(options);
                });
            },
            logs);
}
