namespace KeyMeter.Adapters.Tables;

/// <summary>The property names and value types a <see cref="TableEntity"/> accepts.</summary>
internal static class TableEntityValues
{
    private const int MaxNameLength = 255;

    /// <exception cref="ArgumentException">Reserved, annotation-like or over-long name.</exception>
    public static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "PartitionKey" or "RowKey" or "Timestamp"
            || name.StartsWith("odata.", StringComparison.Ordinal)
            || name.Contains('@', StringComparison.Ordinal)
            || name.Length > MaxNameLength)
        {
            throw new ArgumentException($"'{name}' cannot be used as a table property name.", nameof(name));
        }
    }

    /// <summary>The value as it is stored on the entity: a <see cref="DateTime"/> becomes a UTC <see cref="DateTimeOffset"/>.</summary>
    /// <exception cref="ArgumentException">An unsupported type.</exception>
    public static object? Normalize(string name, object? value) => value switch
    {
        null or string or bool or int or long or double or DateTimeOffset or Guid or byte[] => value,
        DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        _ => throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.", nameof(value)),
    };
}
