using KeyMeter.Adapters.Storage;
using KeyMeter.Adapters.Tables;
using KeyMeter.Core.Notifications;

namespace KeyMeter.Adapters.Notifications;

/// <summary>
/// <see cref="IDeliveryLedger"/> on the <c>deliveries</c> table (<see cref="DeliveryKeys"/>): a row per message and
/// channel with <c>State</c> <c>sending</c>, <c>sent</c> or <c>refused</c>. A claim is an insert (409: someone else
/// has the row) or an ETag-guarded takeover of an expired claim, so two deliveries never both hold one.
/// </summary>
internal sealed class TableDeliveryLedger(TableProvider tables) : IDeliveryLedger
{
    public const string StateProperty = "State";
    public const string ClaimedAtProperty = "ClaimedAt";
    public const string CompletedAtProperty = "CompletedAt";
    public const string DetailProperty = "Detail";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Refused = "refused";

    private const int MaxDetailChars = 1000;

    public async Task<DeliveryClaim> ClaimAsync(string messageId, string channel, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var partition = DeliveryKeys.Partition(messageId);
        var row = DeliveryKeys.Row(channel);
        // Two rounds at most: an insert that loses to another writer reads what that writer left.
        for (var round = 0; round < 2; round++)
        {
            var existing = await table.GetAsync(partition, row, cancellationToken);
            if (!existing.IsSuccess)
            {
                var inserted = await table.InsertAsync(Claim(partition, row, now), cancellationToken);
                if (inserted.IsSuccess)
                {
                    return new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Claimed, inserted.ETag);
                }

                continue;
            }

            var entity = existing.Value!;
            switch (entity.GetString(StateProperty))
            {
                case Sent:
                    return new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.AlreadySent);
                case Refused:
                    return new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.AlreadyRefused);
            }

            if (entity.GetDateTimeOffset(ClaimedAtProperty) is { } claimedAt && claimedAt + lease > now)
            {
                return new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Busy);
            }

            var takenOver = await table.UpdateAsync(Claim(partition, row, now), existing.ETag!, TableUpdateMode.Replace, cancellationToken);
            return takenOver.IsSuccess
                ? new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Claimed, takenOver.ETag)
                : new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Busy);
        }

        return new DeliveryClaim(messageId, channel, DeliveryClaimOutcome.Busy);
    }

    public async Task CompleteAsync(DeliveryClaim claim, bool refused, DateTimeOffset now, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var entity = new TableEntity(DeliveryKeys.Partition(claim.MessageId), DeliveryKeys.Row(claim.Channel))
        {
            [StateProperty] = refused ? Refused : Sent,
            [CompletedAtProperty] = now,
        };
        if (detail is not null)
        {
            entity[DetailProperty] = detail.Length <= MaxDetailChars ? detail : detail[..MaxDetailChars];
        }

        // Unconditional: the message did go out (or was refused), whoever holds the row now.
        var table = await TableAsync(cancellationToken);
        await table.UpsertAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Version is null)
        {
            return;
        }

        // Only our own claim: a 412 means another delivery took it over, a 404 that it is gone; both are fine.
        var table = await TableAsync(cancellationToken);
        await table.DeleteAsync(DeliveryKeys.Partition(claim.MessageId), DeliveryKeys.Row(claim.Channel), cancellationToken, claim.Version);
    }

    private static TableEntity Claim(string partition, string row, DateTimeOffset now) => new(partition, row)
    {
        [StateProperty] = Sending,
        [ClaimedAtProperty] = now,
    };

    private ValueTask<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(DeliveryKeys.TableName, cancellationToken);
}
