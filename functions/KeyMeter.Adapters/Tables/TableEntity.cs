namespace KeyMeter.Adapters.Tables;

/// <summary>
/// A row: keys, the service-managed <see cref="ETag"/> and <see cref="Timestamp"/>, and typed properties.
/// Property values are <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="DateTimeOffset"/> (a <see cref="DateTime"/> is stored as one, in UTC),
/// <see cref="Guid"/>, <see cref="byte"/>[] or null (null properties are not sent).
/// </summary>
internal sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">A key contains a character Table Storage forbids.</exception>
    public TableEntity(string partitionKey, string rowKey)
        : this(partitionKey, rowKey, validate: true)
    {
    }

    private TableEntity(string partitionKey, string rowKey, bool validate)
    {
        if (validate)
        {
            TableKeys.Validate(partitionKey, nameof(partitionKey));
            TableKeys.Validate(rowKey, nameof(rowKey));
        }

        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The ETag the entity was read with; not sent on writes (pass it as <c>ifMatch</c>).</summary>
    public string? ETag { get; set; }

    /// <summary>The service's last-modified time; not sent on writes.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The properties other than the keys, ETag and Timestamp.</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties;

    /// <exception cref="ArgumentException">On set: a reserved or invalid name, or an unsupported value type.</exception>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            TableEntityValues.ValidateName(name);
            _properties[name] = TableEntityValues.Normalize(name, value);
        }
    }

    /// <summary>An entity read from the service; its keys are taken as the service sent them.</summary>
    internal static TableEntity FromService(string partitionKey, string rowKey) => new(partitionKey, rowKey, validate: false);

    internal void SetFromService(string name, object? value) => _properties[name] = value;

    // The typed getters return null when the property is absent and throw InvalidOperationException, naming the
    // property, when it holds another type.

    /// <summary>A String property.</summary>
    public string? GetString(string name) => Get<string>(name);

    /// <summary>A Boolean property.</summary>
    public bool? GetBoolean(string name) => GetValue<bool>(name);

    /// <summary>A Guid property.</summary>
    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    /// <summary>A Binary property.</summary>
    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    /// <summary>An Int32 property.</summary>
    public int? GetInt32(string name) => GetValue<int>(name);

    /// <summary>An Int64 property, or an Int32 one widened.</summary>
    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) is int small ? small : GetValue<long>(name);

    /// <summary>A Double property, or an Int32 one widened (the service may send an integral double without a type).</summary>
    public double? GetDouble(string name) => _properties.GetValueOrDefault(name) is int small ? small : GetValue<double>(name);

    /// <summary>A DateTime property, in UTC.</summary>
    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    private T? Get<T>(string name)
        where T : class =>
        _properties.GetValueOrDefault(name) switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private T? GetValue<T>(string name)
        where T : struct =>
        _properties.GetValueOrDefault(name) switch
        {
            null => null,
            T value => value,
            var other => throw WrongType(name, typeof(T), other),
        };

    private static InvalidOperationException WrongType(string name, Type wanted, object actual) =>
        new($"Property '{name}' is a {actual.GetType().Name}, not a {wanted.Name}.");
}
