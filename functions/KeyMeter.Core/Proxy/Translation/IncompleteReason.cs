namespace KeyMeter.Core.Proxy.Translation;

/// <summary><c>incomplete_details.reason</c> of an incomplete Responses API response.</summary>
internal enum IncompleteReason : byte
{
    None,
    MaxOutputTokens,
    ContentFilter,
    Other,
}
