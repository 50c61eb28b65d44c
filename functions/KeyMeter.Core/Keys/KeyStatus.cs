namespace KeyMeter.Core.Keys;

/// <summary>Lifecycle of a developer key. Only <see cref="Active"/> keys are admitted by the proxy.</summary>
public enum KeyStatus
{
    /// <summary>The key may be used.</summary>
    Active,

    /// <summary>Temporarily refused; can be set back to active.</summary>
    Disabled,

    /// <summary>Permanently refused. Terminal: a revoked key cannot be re-activated.</summary>
    Revoked,
}
