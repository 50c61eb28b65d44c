using KeyMeter.Core.Queues;

namespace KeyMeter.Functions.DeadLetters;

/// <summary><c>POST /manage/deadletters/{queue}/replay</c>: how many went back to the queue, and under which ids.</summary>
internal sealed record DeadLetterReplayResponse(string Queue, int Replayed, IReadOnlyList<ReplayedItemResponse> Messages)
{
    public static DeadLetterReplayResponse Of(string queue, DeadLetterReplay replay) =>
        new(queue, replay.Replayed.Count, [.. replay.Replayed.Select(message => new ReplayedItemResponse(message.MessageId, message.ReplayedAs))]);
}
