using System.Collections.Frozen;
using System.Text.Unicode;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Local;

/// <summary>
/// Local mode's <see cref="IQueueSender"/>: one in-process queue per <c>serviceBusTrigger</c> queueName in the catalog,
/// each pumped into its function's <c>POST /{name}</c> endpoint in the host's payload shape.
/// </summary>
/// <remarks>
/// Shutdown drains: <see cref="StoppingAsync"/> runs before any hosted service's StopAsync, so the server still answers
/// while queued messages are delivered, for up to <see cref="LocalOptions.DrainTimeout"/>. The queues themselves
/// are not durable; whatever is left is dropped and logged. Dead letters are: they go to the <see cref="IDeadLetterStore"/>.
/// </remarks>
internal sealed class InProcessQueues : IQueueSender, IHostedLifecycleService, IDisposable
{
    // Service Bus queue names are case-insensitive.
    private readonly FrozenDictionary<string, LocalQueue> _queues;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TimeProvider _timeProvider;
    private readonly LocalOptions _options;
    private readonly ILogger<InProcessQueues> _logger;
    private Task _pumps = Task.CompletedTask;

    public InProcessQueues(
        FunctionCatalog catalog,
        LocalInvoker invoker,
        IDeadLetterStore deadLetters,
        TimeProvider timeProvider,
        IOptions<LocalOptions> options,
        ILogger<InProcessQueues> logger)
    {
        _timeProvider = timeProvider;
        _options = options.Value;
        _logger = logger;

        // Competing consumers on one queue are not emulated: fail at start rather than pick one silently.
        var queues = new Dictionary<string, LocalQueue>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in catalog.ServiceBusFunctions.GroupBy(function => function.QueueName, StringComparer.OrdinalIgnoreCase))
        {
            var consumers = group.ToList();
            if (consumers.Count > 1)
            {
                throw new InvalidOperationException(
                    $"Queue '{group.Key}' has more than one serviceBusTrigger ({string.Join(", ", consumers.Select(consumer => consumer.Name))}); local mode supports one function per queue.");
            }

            queues[group.Key] = new LocalQueue(consumers[0], invoker, deadLetters, timeProvider, _options, logger);
        }

        _queues = queues.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> QueueNames => _queues.Keys;

    /// <inheritdoc/>
    public Task SendAsync(string queueName, IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_queues.TryGetValue(queueName, out var queue))
        {
            var known = _queues.Count == 0 ? "none" : string.Join(", ", _queues.Keys.Order(StringComparer.Ordinal));
            throw new InvalidOperationException($"No function listens on queue '{queueName}'. Queues with a serviceBusTrigger: {known}.");
        }

        foreach (var message in messages)
        {
            Validate(message, queue.Consumer.BodyEncoding);
        }

        queue.Enqueue(messages);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _pumps = Task.WhenAll(_queues.Values.Select(queue => queue.RunAsync(_stopping.Token)));
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _queues.Values)
        {
            queue.Complete();
        }

        try
        {
            await _pumps.WaitAsync(_options.DrainTimeout, _timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            Log.DrainTimedOut(_logger, _options.DrainTimeout);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.DrainTimedOut(_logger, _options.DrainTimeout);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _pumps.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    // The checks Service Bus and the trigger would make, so local mode fails where Azure would.
    private static void Validate(QueueMessage message, BodyEncoding encoding)
    {
        if (string.IsNullOrEmpty(message.MessageId) || message.MessageId.Length > 128)
        {
            throw new ArgumentException($"MessageId '{message.MessageId}' must have 1 to 128 characters.", nameof(message));
        }

        if (message.Body.Length > PayloadLimits.MaxMessageBytes)
        {
            throw new ArgumentException($"Message '{message.MessageId}' has a body of {message.Body.Length} bytes; a Service Bus message holds at most {PayloadLimits.MaxMessageBytes}.", nameof(message));
        }

        if (encoding == BodyEncoding.Text && !Utf8.IsValid(message.Body.Span))
        {
            throw new ArgumentException($"Message '{message.MessageId}' has a body that is not UTF-8 text; the trigger delivers text bodies.", nameof(message));
        }
    }
}
