using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using KeyMeter.Functions.Local;
using KeyMeter.Functions.Tests.CustomHandler;
using Microsoft.Extensions.Configuration;
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
            services.Configure<LocalOptions>(options => options.MaxDeliveryCount = 0);
        }));

        Assert.Contains(nameof(LocalOptions.MaxDeliveryCount), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalOptions_BothSections_FormerRuntimeSectionStillReadAndKeyMeterLocalWins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LocalRuntime:MaxDeliveryCount"] = "3",
            ["LocalRuntime:RetryBackoff"] = "00:00:05",
            ["KeyMeter:Local:RetryBackoff"] = "00:00:02",
            ["KeyMeter:Local:FunctionKey"] = "local-function-key-0123",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLocalOptions().AddLocalOptions().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LocalOptions>>().Value;

        Assert.Equal(3, options.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RetryBackoff);
        Assert.Equal("local-function-key-0123", options.FunctionKey);
        Assert.Single(provider.GetServices<IValidateOptions<LocalOptions>>());
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
