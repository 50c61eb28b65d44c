namespace KeyMeter.Core.Digests;

/// <summary>Which digest: yesterday's, or last Monday to Sunday's.</summary>
public enum DigestKind
{
    Daily,
    Weekly,
}
