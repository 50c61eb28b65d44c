using KeyMeter.Core.Cursor;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Cursor;

/// <summary>
/// The <c>cursor-poll</c> timer (hourly, Cursor aggregates usage hourly): reads the Admin API's usage events since the
/// watermark and publishes what is new or corrected to the <c>usage</c> queue (<see cref="CursorUsagePoller"/>).
/// </summary>
internal sealed class CursorPollFunction(CursorUsagePoller poller, IOptions<CursorOptions> options, ILogger<CursorPollFunction> logger) : IPayloadFunction
{
    public string Name => "cursor-poll";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            CursorFunctionLog.Disabled(logger, Name);
            return PayloadResult.Success(["Cursor ingestion is off."]);
        }

        CursorPollRun run;
        try
        {
            run = await poller.RunAsync(cancellationToken);
        }
        catch (CursorApiException exception)
        {
            return CursorFunctionFailures.AdminApi(logger, Name, exception);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"Table Storage failed during the Cursor poll ({exception.GetType().Name}); the next run continues from the watermark.");
        }

        var ending = run.Completed ? "up to date" : "stopped at the time limit; the next run continues";
        return PayloadResult.Success(
            [$"Cursor poll read {run.Events} event(s) over {run.Days} day(s): {run.New} new, {run.Corrected} corrected, {run.Unchanged} unchanged; {run.RecordsPublished} record(s) published; {ending}."]);
    }
}
