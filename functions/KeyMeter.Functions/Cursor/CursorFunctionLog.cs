using KeyMeter.Core.Cursor;

namespace KeyMeter.Functions.Cursor;

/// <summary>Log events of the <c>cursor-poll</c>, <c>cursor-members</c> and <c>cursor-daily-usage</c> functions (EventIds 7150–7199). Never a key.</summary>
internal static partial class CursorFunctionLog
{
    [LoggerMessage(EventId = 7150, Level = LogLevel.Error, Message = "{Function} could not read Cursor's Admin API ({Failure}): {Reason} Nothing was written; the next run tries again.")]
    public static partial void AdminApiFailed(ILogger logger, string function, CursorApiFailure failure, string reason);

    [LoggerMessage(EventId = 7151, Level = LogLevel.Information, Message = "{Function} is off (KeyMeter__Cursor__Enabled is false).")]
    public static partial void Disabled(ILogger logger, string function);
}
