using KeyMeter.Core.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyMeter.Core.Digests;

/// <summary>
/// Sends the digests that are due, oldest first: every period after the watermark up to the newest complete one, at
/// most <see cref="DigestOptions.MaxCatchUpDays"/> back (the first run sends only the newest). The watermark moves
/// past a period only once no channel is owed it, so a digest that could not be sent goes out on the next run; the
/// dispatcher's ledger keeps the channels that had it from getting it twice.
/// </summary>
public sealed class DigestRunner(
    DigestBuilder builder,
    INotificationDispatcher dispatcher,
    IDigestStateStore state,
    IOptions<DigestOptions> options,
    IOptions<NotificationOptions> notifications,
    TimeProvider time,
    ILogger<DigestRunner> logger)
{
    public async Task<DigestRun> RunAsync(DigestKind kind, CancellationToken cancellationToken)
    {
        // 1. The periods due.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var latest = DigestPeriod.LatestComplete(kind, today);
        var watermark = await state.GetAsync(kind, cancellationToken);
        var oldest = today.AddDays(-options.Value.MaxCatchUpDays);
        var period = watermark is { } through ? DigestPeriod.Containing(kind, through).Next : latest;
        while (period.To < oldest && period.From < latest.From)
        {
            DigestsLog.TooOld(logger, period.Id);
            period = period.Next;
        }

        // 2. Each in turn; a failure stops the run, so periods go out in order.
        var sent = new List<DigestPeriod>();
        var nothingConfigured = false;
        for (; period.From <= latest.From; period = period.Next)
        {
            var message = DigestComposer.Compose(await builder.BuildAsync(period, cancellationToken), notifications.Value.DashboardUrl);
            var result = await dispatcher.DispatchAsync(message, cancellationToken);
            if (!result.Completed)
            {
                DigestsLog.NotSent(logger, period.Id, string.Join(", ", result.Channels.Where(channel => channel.Status == ChannelSendStatus.TransientFailure).Select(channel => channel.Channel)));
                return new DigestRun(sent, period, nothingConfigured);
            }

            nothingConfigured |= result.NothingConfigured;
            await state.SetAsync(kind, period.From, cancellationToken);
            sent.Add(period);
            DigestsLog.Sent(logger, period.Id, result.NothingConfigured);
        }

        return new DigestRun(sent, null, nothingConfigured);
    }
}
