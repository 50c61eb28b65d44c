using KeyMeter.Core.Notifications;

namespace KeyMeter.Core.Tests.Notifications;

/// <summary><see cref="IDeliveryLedger"/> in memory, with the Table adapter's claim rules.</summary>
internal sealed class InMemoryDeliveryLedger : IDeliveryLedger
{
    private readonly Dictionary<(string, string), (string State, DateTimeOffset ClaimedAt, string Version)> _rows = [];
    private int _version;

    public IReadOnlyDictionary<(string MessageId, string Channel), (string State, DateTimeOffset ClaimedAt, string Version)> Rows => _rows;

    public Task<DeliveryClaim> ClaimAsync(string messageId, string channel, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var key = (messageId, channel);
        if (_rows.TryGetValue(key, out var row))
        {
            var outcome = row.State switch
            {
                "sent" => DeliveryClaimOutcome.AlreadySent,
                "refused" => DeliveryClaimOutcome.AlreadyRefused,
                _ when row.ClaimedAt + lease > now => DeliveryClaimOutcome.Busy,
                _ => DeliveryClaimOutcome.Claimed,
            };
            if (outcome != DeliveryClaimOutcome.Claimed)
            {
                return Task.FromResult(new DeliveryClaim(messageId, channel, outcome));
            }
        }

        var version = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _rows[key] = ("sending", now, version);
        return Task.FromResult(new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Claimed, version));
    }

    public Task CompleteAsync(DeliveryClaim claim, bool refused, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        _rows[(claim.MessageId, claim.Channel)] = (refused ? "refused" : "sent", now, "done");
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        if (_rows.TryGetValue((claim.MessageId, claim.Channel), out var row) && row.Version == claim.Version)
        {
            _rows.Remove((claim.MessageId, claim.Channel));
        }

        return Task.CompletedTask;
    }

    public void Hold(string messageId, string channel, DateTimeOffset claimedAt) => _rows[(messageId, channel)] = ("sending", claimedAt, "other");
}
