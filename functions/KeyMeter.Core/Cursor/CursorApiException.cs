namespace KeyMeter.Core.Cursor;

/// <summary>
/// A failed Admin API call. The message names the endpoint, the status and Cursor's own error message (from either
/// documented body shape), never the key.
/// </summary>
public sealed class CursorApiException : Exception
{
    public CursorApiException()
    {
    }

    public CursorApiException(string message)
        : base(message)
    {
    }

    public CursorApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CursorApiException(CursorApiFailure failure, int status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Status = status;
    }

    public CursorApiFailure Failure { get; }

    /// <summary>The last HTTP status, or 0 when none arrived (or no request was made).</summary>
    public int Status { get; }
}
