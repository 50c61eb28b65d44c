using System.Buffers;

namespace KeyMeter.Core.Agents;

/// <summary>
/// What may stand as a session id: 1 to <see cref="MaxLength"/> characters of letters, digits and <c>- _ . :</c>, the
/// shape of the UUIDs and ids the agents use. A session id comes from the client, so anything else is dropped rather
/// than stored (the call then gets a session from its idle gaps).
/// </summary>
public static class SessionIds
{
    public const int MaxLength = 128;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    public static bool IsWellFormed(string? id) => id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary><paramref name="id"/> trimmed when it is well formed; null otherwise.</summary>
    public static string? Clean(string? id)
    {
        var trimmed = id?.Trim();
        return IsWellFormed(trimmed) ? trimmed : null;
    }
}
