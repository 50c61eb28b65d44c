using KeyMeter.Core.Digests;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Digests;

/// <summary>
/// The <c>digest-daily</c> (07:00 UTC, yesterday) and <c>digest-weekly</c> (Mondays 07:30 UTC, last Monday to Sunday)
/// timers: <see cref="DigestRunner"/> sends what is due. A digest a channel still owes is reported and sent on the next
/// run (the answer stays 200, as the host does not retry timers); a storage failure answers 500.
/// </summary>
internal sealed class DigestFunction(string name, DigestKind kind, DigestRunner runner, IOptions<DigestOptions> options) : IPayloadFunction
{
    public const string DailyName = "digest-daily";
    public const string WeeklyName = "digest-weekly";

    public string Name => name;

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return PayloadResult.Success(["Digests are off (KeyMeter__Digests__Enabled)."]);
        }

        DigestRun run;
        try
        {
            run = await runner.RunAsync(kind, cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"Table Storage failed during {name} ({exception.GetType().Name}); the next run sends what is due.");
        }

        var sent = run.Sent.Count == 0 ? "nothing due" : string.Join(", ", run.Sent.Select(period => period.Id));
        var failed = run.Failed is { } period ? $"; {period.Id} could not be sent and goes out on the next run" : string.Empty;
        var nowhere = run.NothingConfigured ? " (no channel is configured)" : string.Empty;
        return PayloadResult.Success([$"{name}: {sent}{nowhere}{failed}."]);
    }
}
