namespace KeyMeter.Core.Metering;

/// <summary>A meter for responses that cost nothing (model lists, token counting): it reads nothing, keeps nothing.</summary>
internal sealed class NullUsageMeter : IUsageMeter
{
    public static NullUsageMeter Instance { get; } = new();

    private static readonly UsageReading Nothing = new(TokenUsage.Zero, null, false, null);

    private NullUsageMeter()
    {
    }

    public void Observe(ReadOnlySpan<byte> chunk)
    {
    }

    public UsageReading Complete(bool endedNormally) => Nothing;
}
