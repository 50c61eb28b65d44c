using KeyMeter.Core.Cursor;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Cursor;

/// <summary>
/// The <c>cursor-daily-usage</c> timer (daily): stores the last days of Cursor's per-user lines, tabs and requests as
/// agent facts (<see cref="CursorDailyUsageSync"/>).
/// </summary>
internal sealed class CursorDailyUsageFunction(CursorDailyUsageSync sync, IOptions<CursorOptions> options, ILogger<CursorDailyUsageFunction> logger) : IPayloadFunction
{
    public string Name => "cursor-daily-usage";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            CursorFunctionLog.Disabled(logger, Name);
            return PayloadResult.Success(["Cursor ingestion is off."]);
        }

        CursorDailyUsageRun run;
        try
        {
            run = await sync.RunAsync(cancellationToken);
        }
        catch (CursorApiException exception)
        {
            return CursorFunctionFailures.AdminApi(logger, Name, exception);
        }
        catch (Exception exception) when (StorageFailures.IsTransient(exception, cancellationToken))
        {
            return PayloadResult.TransientFailure($"Table Storage failed during the Cursor daily-usage sync ({exception.GetType().Name}); the next run reads the same days again.");
        }

        return PayloadResult.Success(
            [$"Cursor daily usage {run.From:yyyy-MM-dd} to {run.To:yyyy-MM-dd}: {run.Rows} row(s) read, {run.Facts} fact(s) stored, {run.WithoutEmail} row(s) without an email skipped."]);
    }
}
