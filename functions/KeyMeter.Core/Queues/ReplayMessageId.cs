namespace KeyMeter.Core.Queues;

/// <summary>
/// The message id of a replayed dead letter: the original id (cut so the whole fits) and <c>|replay-</c> with a fresh
/// nonce, so duplicate detection (which remembers ids for an hour in Azure) lets it through while the original stays
/// recognisable.
/// </summary>
public static class ReplayMessageId
{
    /// <summary>Service Bus message ids have at most 128 characters.</summary>
    public const int MaxLength = 128;

    public const string Marker = "|replay-";

    /// <summary>The replay id of <paramref name="originalId"/> with <paramref name="nonce"/> (letters and digits, at most 32).</summary>
    public static string For(string originalId, string nonce)
    {
        ArgumentNullException.ThrowIfNull(originalId);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (nonce.Length > 32 || !nonce.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("The nonce must be 1 to 32 ASCII letters or digits.", nameof(nonce));
        }

        // A previous replay's suffix is dropped, so replaying again does not grow the id.
        var marker = originalId.IndexOf(Marker, StringComparison.Ordinal);
        var original = marker >= 0 ? originalId[..marker] : originalId;
        var room = MaxLength - Marker.Length - nonce.Length;
        if (original.Length > room)
        {
            original = original[..(char.IsHighSurrogate(original[room - 1]) ? room - 1 : room)];
        }

        return original + Marker + nonce;
    }
}
