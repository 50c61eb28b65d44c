namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Table name rules: 3 to 63 ASCII letters and digits, starting with a letter, and not the reserved
/// name <c>tables</c> (docs "Understanding the Table service data model", Table names).
/// </summary>
internal static class TableNames
{
    /// <exception cref="ArgumentException">The name breaks a rule; the message says which.</exception>
    public static void Validate(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (tableName.Length is < 3 or > 63)
        {
            throw new ArgumentException($"A table name must be 3 to 63 characters long, '{tableName}' has {tableName.Length}.", nameof(tableName));
        }

        if (!char.IsAsciiLetter(tableName[0]))
        {
            throw new ArgumentException($"A table name must start with a letter: '{tableName}'.", nameof(tableName));
        }

        foreach (var c in tableName)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException($"A table name may contain only ASCII letters and digits: '{tableName}'.", nameof(tableName));
            }
        }

        if (string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("'tables' is a reserved table name.", nameof(tableName));
        }
    }
}
