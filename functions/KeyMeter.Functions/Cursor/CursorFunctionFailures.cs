using KeyMeter.Core.Cursor;
using KeyMeter.Functions.CustomHandler;

namespace KeyMeter.Functions.Cursor;

/// <summary>How the Cursor timers turn a failure into a result: one clear error per run, the rest of the app untouched.</summary>
internal static class CursorFunctionFailures
{
    /// <summary>
    /// An Admin API failure (a missing or rejected key, a rate limit that outlasted the retries, an outage) is logged once
    /// as an error and the invocation still succeeds: the timer fires again on schedule, and a failed invocation would
    /// only make the host log the same failure a second time.
    /// </summary>
    public static PayloadResult AdminApi(ILogger logger, string function, CursorApiException exception)
    {
        CursorFunctionLog.AdminApiFailed(logger, function, exception.Failure, exception.Message);
        return PayloadResult.Success([$"{function}: Cursor's Admin API failed ({exception.Failure}); nothing was written."]);
    }
}
