namespace KeyMeter.Core.Proxy;

/// <summary>
/// Where a request's <c>stream_options</c> value sits, so the proxy can turn usage reporting on in place without
/// re-serialising the body (<see cref="UsageRequestSplice"/>).
/// </summary>
/// <param name="Value">The value of <c>stream_options</c>, whatever its type.</param>
/// <param name="IsObject">Whether that value is an object.</param>
/// <param name="IsEmptyObject">Whether it is <c>{}</c> (with any whitespace inside).</param>
/// <param name="IncludeUsage">The value of its <c>include_usage</c> member, when it has one.</param>
public sealed record StreamOptionsLocation(BodyRange Value, bool IsObject, bool IsEmptyObject, BodyRange? IncludeUsage);
