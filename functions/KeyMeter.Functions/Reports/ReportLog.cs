using KeyMeter.Core.Reports;

namespace KeyMeter.Functions.Reports;

/// <summary>Log events of the reports (EventIds 6000–6099). Ranges and counts only; key ids at most.</summary>
internal static partial class ReportLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Export {Export} for {Range} written: {Records} record(s)")]
    public static partial void ExportWritten(ILogger logger, string export, ReportRange range, long records);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Export {Export} for {Range} failed part way; the download is cut off")]
    public static partial void ExportFailed(ILogger logger, string export, ReportRange range, Exception exception);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Report {Path} adds up to more than a long or a decimal holds; answered 422. A stored aggregate row is probably damaged")]
    public static partial void SumsOverflow(ILogger logger, string path);
}
