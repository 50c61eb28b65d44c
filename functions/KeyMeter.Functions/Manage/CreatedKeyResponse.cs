using KeyMeter.Core.Keys;

namespace KeyMeter.Functions.Manage;

/// <summary>The one response that carries a secret: after create or rotate. It cannot be shown again.</summary>
internal sealed record CreatedKeyResponse(KeyResponse Key, string Secret, string Note)
{
    public const string ShownOnceNote = "Store the secret now: KeyMeter keeps only its hash and cannot show it again.";

    public static CreatedKeyResponse Of(CreatedKey created) =>
        new(KeyResponse.Of(created.Key), created.Secret, ShownOnceNote);
}
