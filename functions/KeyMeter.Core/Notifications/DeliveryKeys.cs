using KeyMeter.Core.People;

namespace KeyMeter.Core.Notifications;

/// <summary>
/// Where the delivery ledger keeps its rows: table <c>deliveries</c>, one partition per message id (escaped with
/// <see cref="TeamMappingKeys.EscapeKey"/>: ids hold <c>|</c>, emails and other text), one row per channel.
/// </summary>
public static class DeliveryKeys
{
    public const string TableName = "deliveries";

    public static string Partition(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return TeamMappingKeys.EscapeKey(messageId);
    }

    public static string Row(string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        return TeamMappingKeys.EscapeKey(channel);
    }
}
