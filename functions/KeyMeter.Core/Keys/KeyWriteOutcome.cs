namespace KeyMeter.Core.Keys;

/// <summary>Expected results of a write to the key store.</summary>
public enum KeyWriteOutcome
{
    Success,
    DuplicateName,
    ConcurrentChange,
}
