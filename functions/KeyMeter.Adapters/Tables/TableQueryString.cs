using System.Globalization;
using System.Text;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// The query string of a query or a read: <c>$filter</c>, <c>$select</c> (always with the keys, so every returned
/// entity has them), <c>$top</c>, and the continuation as <c>NextPartitionKey</c> / <c>NextRowKey</c>
/// (docs "Query timeout and pagination"). Values are percent-encoded.
/// </summary>
internal static class TableQueryString
{
    public static string Build(TableQuery query, int? top, TableContinuation? continuation)
    {
        var builder = new StringBuilder();
        if (!string.IsNullOrEmpty(query.Filter))
        {
            Append(builder, "$filter", query.Filter);
        }

        if (query.Select is { Count: > 0 } select)
        {
            Append(builder, "$select", string.Join(',', WithKeys(select)));
        }

        if (top is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(query));
            Append(builder, "$top", limit.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            Append(builder, "NextPartitionKey", continuation.NextPartitionKey);
            if (!string.IsNullOrEmpty(continuation.NextRowKey))
            {
                Append(builder, "NextRowKey", continuation.NextRowKey);
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<string> WithKeys(IReadOnlyList<string> select)
    {
        foreach (var name in select)
        {
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"'{name}' is not a valid property name to select.", nameof(select));
            }
        }

        return select.Union(["PartitionKey", "RowKey"], StringComparer.Ordinal);
    }

    private static void Append(StringBuilder builder, string name, string value) =>
        builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
}
