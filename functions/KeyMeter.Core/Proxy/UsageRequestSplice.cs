namespace KeyMeter.Core.Proxy;

/// <summary>
/// Makes a streaming Chat Completions (or Completions) request ask the provider for usage, whatever the client sent:
/// without <c>stream_options.include_usage</c> the stream carries no token counts and reasoning tokens could not be
/// metered at all. The edit is made in place on the bytes that were inspected; the proxy hides the usage chunk again
/// from a client that did not ask for it.
/// </summary>
public static class UsageRequestSplice
{
    private static readonly byte[] Member = "\"stream_options\":{\"include_usage\":true},"u8.ToArray();
    private static readonly byte[] Options = "{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] Flag = "\"include_usage\":true,"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();

    /// <summary>The edit, or <see cref="BodySplice.None"/> when the body already asks for usage.</summary>
    public static BodySplice For(RequestSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.StreamOptions switch
        {
            // No stream_options: add it as the first member (the body has at least "model", so a comma follows).
            null => new BodySplice(summary.OpeningBraceOffset + 1, 0, Member),

            // null or {}: replace the value.
            { IsObject: false } or { IsEmptyObject: true } => new BodySplice(summary.StreamOptions.Value.Offset, summary.StreamOptions.Value.Length, Options),

            // include_usage present: set it to true, unless it is.
            { IncludeUsage: { } value } => summary.IncludeUsage ? BodySplice.None : new BodySplice(value.Offset, value.Length, True),

            // Other options only: add include_usage as their first member.
            _ => new BodySplice(summary.StreamOptions.Value.Offset + 1, 0, Flag),
        };
    }
}
