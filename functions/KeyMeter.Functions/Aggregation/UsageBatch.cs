using KeyMeter.Core.Aggregation;
using KeyMeter.Core.Metering;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Aggregation;

/// <summary>
/// One <c>usage-aggregate</c> invocation's messages, read into records once, and which of them were kept as poison so
/// far, so an attempt tried again after a storage failure keeps none twice.
/// </summary>
internal sealed class UsageBatch
{
    private readonly HashSet<ServiceBusMessage> _poisoned = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<ServiceBusMessage>> _byRecord = new(StringComparer.Ordinal);

    public UsageBatch(IReadOnlyList<ServiceBusMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Messages = messages;
        var records = new List<UsageRecord>(messages.Count);
        var unreadable = new List<(ServiceBusMessage, string)>();
        foreach (var message in messages)
        {
            if (message.BodyError is { } bodyError)
            {
                unreadable.Add((message, bodyError));
                continue;
            }

            if (!UsageRecordReader.TryRead(message.Body.Span, out var record, out var reason))
            {
                unreadable.Add((message, reason));
                continue;
            }

            records.Add(record);
            if (!_byRecord.TryGetValue(record.Id, out var same))
            {
                _byRecord[record.Id] = same = [];
            }

            same.Add(message);
        }

        Records = records;
        Unreadable = unreadable;
    }

    public IReadOnlyList<ServiceBusMessage> Messages { get; }

    /// <summary>The records that could be read, in message order.</summary>
    public IReadOnlyList<UsageRecord> Records { get; }

    /// <summary>Messages that are not countable records, with the reason (naming a field, never a value).</summary>
    public IReadOnlyList<(ServiceBusMessage Message, string Reason)> Unreadable { get; }

    public int Poisoned => _poisoned.Count;

    /// <summary>The messages that carried record <paramref name="recordId"/> (a batch may hold one record twice).</summary>
    public IReadOnlyList<ServiceBusMessage> MessagesOf(string recordId) => _byRecord.GetValueOrDefault(recordId) ?? [];

    public bool IsPoisoned(ServiceBusMessage message) => _poisoned.Contains(message);

    public void MarkPoisoned(ServiceBusMessage message) => _poisoned.Add(message);
}
