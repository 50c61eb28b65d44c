namespace KeyMeter.Core.Proxy.Translation;

/// <summary>The <c>status</c> of a Responses API response object, as far as translation cares.</summary>
internal enum ResponseStatus : byte
{
    Other,
    Completed,
    Incomplete,
    Failed,
}
