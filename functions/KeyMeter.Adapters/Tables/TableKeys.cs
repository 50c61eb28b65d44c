namespace KeyMeter.Adapters.Tables;

/// <summary>
/// PartitionKey / RowKey rules and their form in a URL. Keys may not contain <c>/ \ # ?</c> or the control
/// characters U+0000-U+001F and U+007F-U+009F, and are at most 1 KiB (docs "Understanding the Table service
/// data model", Characters disallowed in key fields). Messages name the rule, never the key.
/// </summary>
internal static class TableKeys
{
    private const int MaxKeyChars = 512; // 1 KiB of UTF-16

    /// <exception cref="ArgumentException">The key breaks a rule.</exception>
    public static void Validate(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > MaxKeyChars)
        {
            throw new ArgumentException($"A table key may be at most 1 KiB; this one has {key.Length} characters.", parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException("A table key may not contain '/', '\\', '#', '?' or control characters.", parameterName);
            }
        }
    }

    /// <summary>
    /// <c>{table}(PartitionKey='pk',RowKey='rk')</c> with each key OData-quoted (<c>'</c> doubled) and then
    /// percent-encoded, as Azure.Data.Tables' <c>TableRestClient</c> does.
    /// </summary>
    public static string EntityPath(string tableName, string partitionKey, string rowKey)
    {
        Validate(partitionKey, nameof(partitionKey));
        Validate(rowKey, nameof(rowKey));
        return $"{tableName}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";
    }

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
