using System.Globalization;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions. String literals are quoted with <c>'</c> doubled
/// (docs "Querying tables and entities", Filter expressions); property names must be identifiers, so a
/// caller's value can never change the shape of the expression. Build every filter here.
/// </summary>
internal static class TableFilter
{
    /// <summary><c>property eq 'value'</c>.</summary>
    public static string Equal(string property, string value) => Compare(property, "eq", value);

    /// <summary><c>property eq 3</c>, for an Int32 property (no quotes, or the service compares a string).</summary>
    public static string Equal(string property, int value)
    {
        ValidateProperty(property);
        return string.Create(CultureInfo.InvariantCulture, $"{property} eq {value}");
    }

    /// <summary><c>property ne 'value'</c>.</summary>
    public static string NotEqual(string property, string value) => Compare(property, "ne", value);

    /// <summary><c>property ge 'value'</c> (ordinal string comparison on the service).</summary>
    public static string GreaterThanOrEqual(string property, string value) => Compare(property, "ge", value);

    /// <summary><c>property lt 'value'</c> (ordinal string comparison on the service).</summary>
    public static string LessThan(string property, string value) => Compare(property, "lt", value);

    /// <summary>Each clause in parentheses, joined with <c>and</c>; a single clause is returned as it is.</summary>
    public static string And(params string[] clauses) => Join("and", clauses);

    /// <summary>
    /// Each clause in parentheses, joined with <c>or</c>; a single clause is returned as it is. The service accepts at
    /// most 15 comparisons in one filter (docs "Querying tables and entities").
    /// </summary>
    public static string Or(params string[] clauses) => Join("or", clauses);

    /// <summary>The rows of one partition whose RowKey is in [<paramref name="rowKeyFrom"/>, <paramref name="rowKeyToExclusive"/>).</summary>
    public static string PartitionRange(string partitionKey, string rowKeyFrom, string rowKeyToExclusive) =>
        And(
            Equal("PartitionKey", partitionKey),
            GreaterThanOrEqual("RowKey", rowKeyFrom),
            LessThan("RowKey", rowKeyToExclusive));

    private static string Join(string op, string[] clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Length == 0 || Array.Exists(clauses, string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{op}' needs at least one clause and no empty clauses.", nameof(clauses));
        }

        return clauses.Length == 1 ? clauses[0] : "(" + string.Join($") {op} (", clauses) + ")";
    }

    private static string Compare(string property, string op, string value)
    {
        ValidateProperty(property);
        ArgumentNullException.ThrowIfNull(value);
        return $"{property} {op} '{value.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    private static void ValidateProperty(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        if (!(char.IsLetter(property[0]) || property[0] == '_') || !property.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{property}' is not a valid property name.", nameof(property));
        }
    }
}
