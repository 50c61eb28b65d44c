using Azure;
using KeyMeter.Adapters.Tables;

namespace KeyMeter.Functions.CustomHandler;

/// <summary>Tells a storage outage from a bug, for timer functions that answer 500 only when the next run can do better.</summary>
internal static class StorageFailures
{
    /// <summary>
    /// What the Table client throws when storage cannot answer: an unexpected status, a transport error, retries used
    /// up (Azure.Core's retry policy throws an AggregateException), or a request timeout that is not our cancellation.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is TableRequestFailedException or RequestFailedException or AggregateException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
