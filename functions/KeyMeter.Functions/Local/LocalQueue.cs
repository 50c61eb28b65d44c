using System.Threading.Channels;
using KeyMeter.Core.Queues;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Local;

/// <summary>
/// One in-process queue and its pump, standing in for a Service Bus queue and the trigger listening on it:
/// batches of up to <see cref="LocalOptions.MaxMessageBatchSize"/>, whole-batch redelivery with DeliveryCount + 1,
/// dead-lettering after <see cref="LocalOptions.MaxDeliveryCount"/> deliveries into an <see cref="IDeadLetterStore"/>,
/// duplicate detection by MessageId.
/// </summary>
internal sealed class LocalQueue
{
    private readonly Channel<PendingMessage> _channel = Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly DuplicateDetector _duplicates;
    private readonly LocalInvoker _invoker;
    private readonly IDeadLetterStore _deadLetters;
    private readonly TimeProvider _timeProvider;
    private readonly LocalOptions _options;
    private readonly ILogger _logger;
    private long _sequenceNumber;
    private bool _completed;

    public LocalQueue(
        ServiceBusFunctionDefinition consumer,
        LocalInvoker invoker,
        IDeadLetterStore deadLetters,
        TimeProvider timeProvider,
        LocalOptions options,
        ILogger logger)
    {
        Consumer = consumer;
        _invoker = invoker;
        _deadLetters = deadLetters;
        _timeProvider = timeProvider;
        _options = options;
        _logger = logger;
        _duplicates = new DuplicateDetector(options.DuplicateDetectionWindow);
    }

    public string Name => Consumer.QueueName;

    public ServiceBusFunctionDefinition Consumer { get; }

    /// <summary>Accepts messages in order, dropping ids seen within the duplicate-detection window.</summary>
    /// <exception cref="InvalidOperationException">The queue is shutting down.</exception>
    public void Enqueue(IReadOnlyList<QueueMessage> messages)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new InvalidOperationException($"Queue '{Name}' is shutting down and accepts no more messages.");
            }

            var now = _timeProvider.GetUtcNow();
            foreach (var message in messages)
            {
                if (!_duplicates.TryAdd(message.MessageId, now))
                {
                    Log.DuplicateDropped(_logger, Name, message.MessageId);
                    continue;
                }

                _channel.Writer.TryWrite(new PendingMessage(message, ++_sequenceNumber, now));
            }
        }
    }

    /// <summary>Stops accepting messages; <see cref="RunAsync"/> returns once the queue is empty.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _channel.Writer.TryComplete();
        }
    }

    /// <summary>Delivers messages until the queue is completed and empty, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A disabled function receives nothing; its messages wait, as they would in Service Bus.
        if (Consumer.Disabled)
        {
            return;
        }

        var reader = _channel.Reader;
        var batch = new List<PendingMessage>(_options.MaxMessageBatchSize);
        var settled = 0;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                settled = 0;
                await CollectAsync(reader, batch, cancellationToken);
                if (Consumer.Cardinality == ServiceBusCardinality.Many)
                {
                    await DeliverAsync(batch, cancellationToken);
                    settled = batch.Count;
                    continue;
                }

                foreach (var message in batch)
                {
                    await DeliverAsync([message], cancellationToken);
                    settled++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var dropped = batch.Count - settled + reader.Count;
            if (dropped > 0)
            {
                Log.UndeliveredDropped(_logger, Name, dropped);
            }
        }
    }

    private async Task CollectAsync(ChannelReader<PendingMessage> reader, List<PendingMessage> batch, CancellationToken cancellationToken)
    {
        Take(reader, batch);

        // Like maxBatchWaitTime: a batch that is not full waits briefly for more (not while draining at shutdown).
        if (Consumer.Cardinality == ServiceBusCardinality.Many
            && batch.Count < _options.MaxMessageBatchSize
            && _options.MaxBatchWaitTime > TimeSpan.Zero
            && !Volatile.Read(ref _completed))
        {
            await Task.Delay(_options.MaxBatchWaitTime, _timeProvider, cancellationToken);
            Take(reader, batch);
        }
    }

    private void Take(ChannelReader<PendingMessage> reader, List<PendingMessage> batch)
    {
        while (batch.Count < _options.MaxMessageBatchSize && reader.TryRead(out var message))
        {
            batch.Add(message);
        }
    }

    /// <summary>Delivers until success, redelivering the whole set on failure, then dead-letters it.</summary>
    private async Task DeliverAsync(List<PendingMessage> messages, CancellationToken cancellationToken)
    {
        for (var deliveryCount = 1; ; deliveryCount++)
        {
            var now = _timeProvider.GetUtcNow();
            var request = Consumer.Cardinality == ServiceBusCardinality.Many
                ? HostPayloadFactory.ServiceBusBatch(Consumer, messages, deliveryCount, now)
                : HostPayloadFactory.ServiceBusMessage(Consumer, messages[0], deliveryCount, now);
            var result = await _invoker.InvokeAsync(Consumer.Name, request, cancellationToken);
            if (result.Succeeded)
            {
                Log.Delivered(_logger, Name, Consumer.Name, messages.Count, deliveryCount);
                return;
            }

            var reason = result.Failure;
            if (deliveryCount >= _options.MaxDeliveryCount)
            {
                foreach (var message in messages)
                {
                    var at = _timeProvider.GetUtcNow();
                    await ParkAsync(new DeadLetteredMessage(DeadLetteredMessage.NewId(at), Name, Consumer.Name, message.Message, deliveryCount, reason, at), cancellationToken);
                    Log.DeadLettered(_logger, Name, message.Message.MessageId, deliveryCount, Consumer.Name, reason);
                }

                return;
            }

            Log.DeliveryFailed(_logger, Name, Consumer.Name, messages.Count, deliveryCount, reason, _options.RetryBackoff);
            await Task.Delay(_options.RetryBackoff, _timeProvider, cancellationToken);
        }
    }

    /// <summary>
    /// Keeps a dead letter in the store, trying again while storage fails: like Service Bus, which keeps an undelivered
    /// message, the queue waits rather than lose it. Only shutdown stops the attempts (and the message is logged as lost).
    /// </summary>
    private async Task ParkAsync(DeadLetteredMessage deadLetter, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _deadLetters.SaveAsync(deadLetter, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.DeadLetterNotStored(_logger, Name, deadLetter.Message.MessageId, exception.GetType().Name, _options.RetryBackoff);
                await Task.Delay(_options.RetryBackoff, _timeProvider, cancellationToken);
            }
        }
    }
}
