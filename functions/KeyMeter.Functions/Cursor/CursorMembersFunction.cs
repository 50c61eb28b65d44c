using KeyMeter.Core.Cursor;
using KeyMeter.Functions.CustomHandler;
using Microsoft.Extensions.Options;

namespace KeyMeter.Functions.Cursor;

/// <summary>
/// The <c>cursor-members</c> timer (daily): keeps the roster and a spend snapshot, and charges a day of seat cost per
/// active member (<see cref="CursorMembersSync"/>).
/// </summary>
internal sealed class CursorMembersFunction(CursorMembersSync sync, IOptions<CursorOptions> options, ILogger<CursorMembersFunction> logger) : IPayloadFunction
{
    public string Name => "cursor-members";

    public async Task<PayloadResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            CursorFunctionLog.Disabled(logger, Name);
            return PayloadResult.Success(["Cursor ingestion is off."]);
        }

        CursorMembersRun run;
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
            return PayloadResult.TransientFailure($"Table Storage failed during the Cursor roster sync ({exception.GetType().Name}); the next run starts over.");
        }

        return PayloadResult.Success([$"Cursor roster of {run.Day:yyyy-MM-dd}: {run.Members} member(s), {run.Seats} seat day(s) charged, {run.SpendRows} spend row(s) kept."]);
    }
}
