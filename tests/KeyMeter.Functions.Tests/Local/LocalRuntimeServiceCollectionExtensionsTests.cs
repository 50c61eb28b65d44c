using KeyMeter.Core.Queues;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.CustomHandler;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Tests.Local;

public sealed class LocalRuntimeServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddLocalRuntime_InvalidOptions_FailsAtStartNamingTheSetting()
    {
        using var root = new TempAppRoot();

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => TestWebApp.StartAsync(services =>
        {
            services.AddFunctionCatalog(root.Path);
            services.AddSingleton<IDeadLetterStore>(new MemoryDeadLetterStore());
            services.AddLocalRuntime();
            services.Configure<LocalRuntimeOptions>(options => options.MaxDeliveryCount = 0);
        }));

        Assert.Contains(nameof(LocalRuntimeOptions.MaxDeliveryCount), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLocalRuntime_EarlierQueueSender_IsReplacedByInProcessQueues()
    {
        using var root = new TempAppRoot().With("aggregate", TempAppRoot.ServiceBus("usage"));
        await using var app = await TestWebApp.StartAsync(services =>
        {
            services.AddSingleton<IQueueSender, UnusedSender>();
            services.AddFunctionCatalog(root.Path);
            services.AddSingleton<Functions.CustomHandler.IPayloadFunction>(new RecordingPayloadFunction("aggregate"));
            services.AddSingleton<IDeadLetterStore>(new MemoryDeadLetterStore());
            services.AddLocalRuntime();
        });

        var sender = Assert.Single(app.Services.GetServices<IQueueSender>());
        Assert.Same(app.Services.GetRequiredService<InProcessQueues>(), sender);
    }

    private sealed class UnusedSender : IQueueSender
    {
        public Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
