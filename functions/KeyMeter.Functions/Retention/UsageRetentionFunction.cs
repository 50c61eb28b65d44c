using KeyMeter.Core.Retention;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Retention;

/// <summary>
/// The <c>usage-retention</c> timer (daily, 03:30 UTC): removes markers past the de-duplication window and aggregates
/// past the retention (<see cref="UsageRetention"/>). A run that stops early or fails is simply continued by the next.
/// </summary>
internal sealed class UsageRetentionFunction(UsageRetention retention) : IPayloadFunction
{
    public string Name => "usage-retention";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        RetentionRun run;
        try
        {
            run = await retention.RunAsync(cancellationToken);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"Table Storage failed during retention ({exception.GetType().Name}); the next run continues where this one stopped.");
        }

        var ending = run.Completed ? "nothing older is left" : "stopped early; the next run continues";
        return PayloadResult.Success(
            [$"Retention removed {run.MarkersDeleted} marker(s), {run.DailyRowsDeleted} daily row(s) and {run.PartitionsRemoved} month partition(s); {ending}."]);
    }
}
