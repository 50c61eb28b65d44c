namespace KeyMeter.Core.Keys;

/// <summary>A PATCH field: absent (leave unchanged) or present, possibly with a null value (clear it).</summary>
public readonly record struct Optional<T>(bool IsPresent, T Value)
{
    public static Optional<T> Absent => default;

    public static Optional<T> Of(T value) => new(true, value);
}
