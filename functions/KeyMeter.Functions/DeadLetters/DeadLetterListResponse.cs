using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.DeadLetters;

/// <summary><c>GET /manage/deadletters/{queue}</c>: how many were listed, whether more wait, and each one's id and reason.</summary>
internal sealed record DeadLetterListResponse(string Queue, int Count, bool More, IReadOnlyList<DeadLetterItemResponse> Messages)
{
    public static DeadLetterListResponse Of(string queue, DeadLetterListing listing) =>
        new(queue, listing.Messages.Count, listing.More, [.. listing.Messages.Select(message => new DeadLetterItemResponse(message.MessageId, message.DeliveryCount, message.Reason))]);
}
