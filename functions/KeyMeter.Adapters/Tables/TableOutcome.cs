namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The expected results of a Table Storage operation. Anything else (400, 403, 5xx after retries)
/// is a <see cref="TableRequestFailedException"/>.
/// </summary>
internal enum TableOutcome
{
    /// <summary>The operation was applied (2xx).</summary>
    Success,

    /// <summary>The entity does not exist (404 <c>ResourceNotFound</c>).</summary>
    NotFound,

    /// <summary>The entity already exists (409 <c>EntityAlreadyExists</c>).</summary>
    Conflict,

    /// <summary>The <c>If-Match</c> ETag no longer matches the stored entity (412).</summary>
    PreconditionFailed,
}
