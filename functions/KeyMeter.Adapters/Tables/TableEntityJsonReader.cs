using System.Globalization;
using System.Text.Json;

namespace KeyMeter.Adapters.Tables;

/// <summary>
/// Reads entities from <c>application/json;odata=minimalmetadata</c> responses: <c>odata.etag</c>, keys,
/// <c>Timestamp</c>, and each property typed by its <c>Name@odata.type</c> annotation when there is one
/// (Int64 arrives as a string), otherwise by its JSON kind.
/// </summary>
internal static class TableEntityJsonReader
{
    /// <summary>The entities of a query response's <c>value</c> array.</summary>
    public static List<TableEntity> ReadQueryResponse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        var entities = new List<TableEntity>();
        if (document.RootElement.TryGetProperty("value", out var values))
        {
            foreach (var element in values.EnumerateArray())
            {
                entities.Add(Read(element));
            }
        }

        return entities;
    }

    public static TableEntity ReadEntityResponse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        return Read(document.RootElement);
    }

    public static TableEntity Read(JsonElement element)
    {
        var entity = TableEntity.FromService(
            element.TryGetProperty("PartitionKey", out var pk) ? pk.GetString() ?? "" : "",
            element.TryGetProperty("RowKey", out var rk) ? rk.GetString() ?? "" : "");
        var edmTypes = ReadAnnotations(element);

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = property.Value.GetString();
            }
            else if (name == "Timestamp")
            {
                entity.Timestamp = TableEdmTypes.ParseDateTime(property.Value.GetString() ?? "");
            }
            else if (name is not ("PartitionKey" or "RowKey")
                && !name.StartsWith("odata.", StringComparison.Ordinal)
                && !name.Contains('@', StringComparison.Ordinal))
            {
                entity.SetFromService(name, ReadValue(property.Value, edmTypes?.GetValueOrDefault(name)));
            }
        }

        return entity;
    }

    // "Name@odata.type": "Edm.Int64" may come before or after "Name", so they are collected first.
    private static Dictionary<string, string>? ReadAnnotations(JsonElement element)
    {
        Dictionary<string, string>? edmTypes = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TableEdmTypes.AnnotationSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                edmTypes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                edmTypes[property.Name[..^TableEdmTypes.AnnotationSuffix.Length]] = property.Value.GetString()!;
            }
        }

        return edmTypes;
    }

    private static object? ReadValue(JsonElement value, string? edmType)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return edmType switch
        {
            TableEdmTypes.Int64 => value.ValueKind == JsonValueKind.String
                ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : value.GetInt64(),
            TableEdmTypes.Double => ReadDouble(value),
            TableEdmTypes.Int32 => value.ValueKind == JsonValueKind.String
                ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : value.GetInt32(),
            TableEdmTypes.DateTime => TableEdmTypes.ParseDateTime(value.GetString()!),
            TableEdmTypes.Guid => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            TableEdmTypes.Binary => value.GetBytesFromBase64(),
            _ => ReadUntyped(value),
        };
    }

    // Without an annotation the JSON kind decides: an integral number that fits is Edm.Int32, any other number Edm.Double.
    private static object? ReadUntyped(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetInt32(out var small) => small,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new FormatException($"Unexpected JSON {value.ValueKind} as a table property value."),
    };

    private static double ReadDouble(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" or "INF" => double.PositiveInfinity,
            "-Infinity" or "-INF" => double.NegativeInfinity,
            var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        }
        : value.GetDouble();
}
