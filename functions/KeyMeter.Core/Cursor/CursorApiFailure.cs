namespace KeyMeter.Core.Cursor;

/// <summary>Why a call to Cursor's Admin API failed, as far as what to do next is concerned.</summary>
public enum CursorApiFailure
{
    /// <summary>No <c>CursorAdminApiKey</c> secret is configured.</summary>
    MissingKey,

    /// <summary>401 or 403: the key is wrong, revoked, lacks the scope, or the plan has no Admin API.</summary>
    Rejected,

    /// <summary>429 still, after waiting as long as <c>Retry-After</c> asked, as often as allowed.</summary>
    RateLimited,

    /// <summary>5xx or a transport failure still, after the retries.</summary>
    Unavailable,

    /// <summary>Any other 4xx: the request was wrong (a bug, or an API change).</summary>
    BadRequest,

    /// <summary>A 2xx whose body is not the documented shape.</summary>
    InvalidResponse,
}
