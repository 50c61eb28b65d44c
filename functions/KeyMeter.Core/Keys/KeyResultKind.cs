namespace KeyMeter.Core.Keys;

/// <summary>The expected ways a key command ends; the HTTP layer maps each to one status.</summary>
public enum KeyResultKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}
